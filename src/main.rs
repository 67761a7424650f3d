//! The `quotedrift` command: a thin layer over the library.

mod cli;

/// mimalloc: extraction and scoring allocate many small strings from several threads, where
/// the system allocator spends a tenth of the run.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    cli::main()
}
