//! Command-line interface: argument parsing and dispatch to one module per subcommand.

mod dump;
mod generate;
mod limits;
mod lint;
mod progress;
mod rust;
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
    /// Write the OpenAPI 3.0.3 document (`openapi.yaml`, `openapi.json`) and the Rust module (`rust/`) for a doc tree.
    Generate(generate::GenerateArgs),
    /// Check doc trees against the rule catalogue (exit 0 clean, 1 findings, 2 errors).
    Lint(LintArgs),
    /// Print one rule's documentation.
    Rule(RuleArgs),
    /// List every rule.
    Rules(RulesArgs),
    /// Write Rust types and request types for the docs to `OUT/rust/api.rs`.
    Rust(RustArgs),
    /// Watch a doc tree and regenerate its outputs on every change.
    Watch(watch::WatchArgs),
}

/// Output format of `lint`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum OutputFormat {
    /// rustc-style, with the source excerpt.
    Full,
    /// `path:line:col: CODE severity message`.
    Concise,
    /// A JSON array (stable, documented).
    Json,
    /// One JSON object per line.
    JsonLines,
    /// GitHub Actions workflow commands.
    Github,
    /// SARIF 2.1.0.
    Sarif,
    /// JUnit XML.
    Junit,
}

#[derive(Debug, clap::Args)]
struct LintArgs {
    /// Doc folders or files (default: `docs-input`).
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Full, env = "MDAPI_OUTPUT_FORMAT")]
    output_format: OutputFormat,
    /// Write the findings to this file instead of stdout.
    #[arg(long)]
    output_file: Option<PathBuf>,
    /// Print counts per rule to stderr.
    #[arg(long)]
    statistics: bool,
    /// Lowest severity that fails the run: error (default), warning or info.
    #[arg(long)]
    fail_on: Option<String>,
    /// Exit 0 even with findings (still 2 on errors).
    #[arg(long)]
    exit_zero: bool,
    /// Rules to run, replacing the config's selection (codes, prefixes, names; comma-separated).
    #[arg(long)]
    select: Vec<String>,
    /// Rules to run in addition to the config's selection.
    #[arg(long)]
    extend_select: Vec<String>,
    /// Rules not to run.
    #[arg(long)]
    ignore: Vec<String>,
    /// The config file (default: `mdapi.toml` in the docs root or an ancestor).
    #[arg(long)]
    config: Option<PathBuf>,
    /// The API version examples must use (`v1.0`); overrides `api-version` of the config.
    #[arg(long)]
    api_version: Option<String>,
    /// Report only findings not in this baseline file.
    #[arg(long)]
    baseline: Option<PathBuf>,
    /// Write every current finding to the `--baseline` file and exit 0.
    #[arg(long)]
    update_baseline: bool,
    /// Apply the safe fixes, then lint again.
    #[arg(long)]
    fix: bool,
    /// Print the safe fixes as a unified diff without applying them.
    #[arg(long, conflicts_with = "fix")]
    diff: bool,
    #[command(flatten)]
    limits: limits::LimitArgs,
}

#[derive(Debug, clap::Args)]
struct RuleArgs {
    /// A code (`MD530`) or name (`example-operation-undeclared`).
    rule: String,
}

/// Output format of `rules`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum RulesFormat {
    /// One line per rule.
    Text,
    /// A JSON array with each rule's docs.
    Json,
    /// The reference page (`docs/rules.md`).
    Markdown,
}

#[derive(Debug, clap::Args)]
struct RulesArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = RulesFormat::Text)]
    output_format: RulesFormat,
}

#[derive(Debug, clap::Args)]
struct RustArgs {
    /// Doc folder (default: `docs-input`).
    docs: Option<PathBuf>,
    /// Output folder; the module goes to `OUT/rust/`.
    #[arg(long, default_value = "generated")]
    out: PathBuf,
    /// Only operations whose path matches this glob (repeatable; `**` spans segments).
    #[arg(long)]
    include_path: Vec<String>,
    /// Leave out operations whose path matches this glob (repeatable).
    #[arg(long)]
    exclude_path: Vec<String>,
    /// Only operations with this tag, their first path segment (repeatable).
    #[arg(long)]
    include_tag: Vec<String>,
    /// Leave out operations with this tag (repeatable).
    #[arg(long)]
    exclude_tag: Vec<String>,
    /// Cargo feature name that enables `to_http_request` in the generated code.
    #[arg(long)]
    http_feature: Option<String>,
    /// Also print every diagnostic to stderr.
    #[arg(long)]
    diagnostics: bool,
    #[command(flatten)]
    limits: limits::LimitArgs,
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
    #[command(flatten)]
    limits: limits::LimitArgs,
}

/// Parses arguments and runs the command.
pub(crate) fn run() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Dump(args) => dump::run(&args),
        Command::Generate(args) => generate::run(&args),
        Command::Lint(args) => lint::run(&args),
        Command::Rule(args) => lint::rule(&args),
        Command::Rules(args) => lint::rules(&args),
        Command::Rust(args) => rust::run(&args),
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
