//! The `mdapi` command: thin wrapper over [`mdapi`]'s library; exit 0 ok, 1 findings, 2 tool error.

mod cli;

fn main() -> std::process::ExitCode {
    cli::run()
}
