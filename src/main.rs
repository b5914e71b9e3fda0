//! The `geokg` binary: parses arguments, runs the library pipeline, prints; exit codes 0/1/2.

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
