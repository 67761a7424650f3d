"""The obvious alternative a newsroom developer would write, for comparison with quotedrift:
regular expressions for quotes and speakers, scikit-learn TF-IDF cosine to find versions of
the same quote, rapidfuzz to score them, union-find to group them.

    python baseline.py CORPUS.jsonl OUT.json

It does much less than quotedrift (no reported speech, no pronouns or "according to", no
languages, no drift items), so its time is a floor for "quotes grouped by similarity", not a
like-for-like competitor.
"""

import json
import re
import sys

from rapidfuzz import fuzz
from sklearn.feature_extraction.text import TfidfVectorizer

QUOTE = re.compile(r"[“\"]([^”\"]{3,}?)[”\"]")
SPEAKER_AFTER = re.compile(r"^[,.]?\s*(?:(?:said|says|added|told reporters)\s+)?([A-Z][\w-]+(?:\s+[A-Z][\w-]+)*)")
THRESHOLD = 0.4


def main() -> None:
    corpus, out = sys.argv[1:3]
    quotes = []
    with open(corpus, encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            text = record["text"]
            for m in QUOTE.finditer(text):
                after = SPEAKER_AFTER.match(text[m.end():m.end() + 80])
                quotes.append({
                    "source": record["id"],
                    "start": len(text[:m.start(1)].encode("utf-8")),
                    "text": m.group(1),
                    "speaker": after.group(1) if after else None,
                })
    texts = [q["text"] for q in quotes]
    matrix = TfidfVectorizer(sublinear_tf=True).fit_transform(texts)
    parent = list(range(len(texts)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    pairs = 0
    chunk = 2000
    for begin in range(0, matrix.shape[0], chunk):
        block = (matrix[begin:begin + chunk] @ matrix.T).tocoo()
        for i, j, cosine in zip(block.row, block.col, block.data):
            i += begin
            if i < j and cosine >= THRESHOLD and quotes[i]["source"] != quotes[j]["source"]:
                pairs += 1
                if (cosine + fuzz.ratio(texts[i], texts[j]) / 100) / 2 >= THRESHOLD:
                    parent[find(i)] = find(j)
    groups = {}
    for i in range(len(texts)):
        groups.setdefault(find(i), []).append(i)
    groups = [g for g in groups.values() if len({quotes[i]["source"] for i in g}) > 1]
    with open(out, "w", encoding="utf-8") as f:
        json.dump({"quotes": quotes, "groups": groups, "pairs_scored": pairs}, f)
    print(json.dumps({"quotes": len(quotes), "groups": len(groups), "pairs": pairs}))


if __name__ == "__main__":
    main()
