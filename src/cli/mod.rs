//! Command-line interface: argument parsing and dispatch to one module per subcommand.

mod dump;
mod generate;
mod progress;
mod watch;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

/// Reads Markdown API reference docs into a model, OpenAPI and lint findings.
#[derive(Debug, Parser)]
#[command(name = "mdapi", version, about, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Print one pipeline stage's output for a doc tree.
    Dump(DumpArgs),
    /// Write the OpenAPI 3.0.3 document (`openapi.yaml` and `openapi.json`) for a doc tree.
    Generate(generate::GenerateArgs),
    /// Watch a doc tree and regenerate its outputs on every change.
    Watch(watch::WatchArgs),
}

/// Which stage `dump` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Stage {
    /// Markdown structure per page.
    Syntax,
    /// API facts per page.
    Facts,
    /// The merged model.
    Model,
}

/// Output format of `dump`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// JSON (JSON Lines, one page per line, for `syntax` and `facts`).
    Json,
    /// YAML (one document per page for `syntax` and `facts`).
    Yaml,
}

#[derive(Debug, clap::Args)]
struct DumpArgs {
    /// The stage to print.
    stage: Stage,
    /// Doc folders or files (default: `docs-input`).
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Yaml)]
    format: Format,
    /// For `model`: print only the counts (pages, operations, tables by kind, unresolved types).
    #[arg(long)]
    stats: bool,
    /// Also print every diagnostic to stderr (`path:line:col: CODE severity message`).
    #[arg(long)]
    diagnostics: bool,
}

/// Parses arguments and runs the command.
pub(crate) fn run() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Dump(args) => dump::run(&args),
        Command::Generate(args) => generate::run(&args),
        Command::Watch(args) => watch::run(&args),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            let _ = writeln!(std::io::stderr(), "mdapi: {err:#}");
            ExitCode::from(2)
        }
    }
}

/// `mdapi dump … | head` closes the pipe early; that is not a failure.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain()
        .any(|e| e.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe))
}
