use quotedrift::text::Analyzer;
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let en = Analyzer::for_language("eng");
    let lex = quotedrift::lexicon::Lexicon::embedded();
    for w in &args {
        let t = &en.tokenize(w, 0, w.len())[0];
        let m = en.meaning(t);
        println!("{w}: senses {:?} names {:?}", m.senses.len(), m.senses.iter().map(|&s| lex.english(s)).collect::<Vec<_>>());
    }
    for i in 0..args.len() { for j in i+1..args.len() {
        let ti = &en.tokenize(&args[i], 0, args[i].len())[0];
        let tj = &en.tokenize(&args[j], 0, args[j].len())[0];
        let (a, b) = (en.meaning(ti), en.meaning(tj));
        println!("{} ~ {}: closeness {} relation {:?}", args[i], args[j], a.closeness(&b), lex.relation(&a.senses, &b.senses));
    }}
}
