//! The `geokg` binary: parses arguments, runs the library pipeline, prints; exit codes 0/1/2.

mod cli;

/// mimalloc: the store and the analyses make many small allocations (see Cargo.toml).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    cli::main()
}
