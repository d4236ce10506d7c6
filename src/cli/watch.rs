//! `mdapi watch [DOCS_DIR] [--out DIR]`: regenerate the outputs on every save, one line per
//! rebuild, until interrupted.

use std::io::Write;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, Result};

use mdapi::watch::{Session, Watcher};

/// Arguments of `watch`.
#[derive(Debug, clap::Args)]
pub(super) struct WatchArgs {
    /// The docs (whose `mdapi.toml` is read once, at start) and the output folder.
    #[command(flatten)]
    tree: super::generate::TreeArgs,
    /// Leave out the `x-mdapi-source: "file:line"` references.
    #[arg(long)]
    no_source_refs: bool,
    /// Quiet time after a change before rebuilding, in milliseconds.
    #[arg(long, default_value_t = 200)]
    debounce_ms: u64,
}

pub(super) fn run(args: &WatchArgs) -> Result<ExitCode> {
    let options = super::generate::options(&args.tree.docs, args.tree.config.as_deref(), None, None)?;
    let options = mdapi::emit::openapi::OpenApiOptions { source_refs: !args.no_source_refs, ..options };
    let limits = args.tree.limits.for_docs(&args.tree.docs, args.tree.config.as_deref())?;
    let (session, first) = Session::new(&args.tree.docs, &args.tree.out, options, limits)
        .with_context(|| format!("cannot build `{}` into `{}`", args.tree.docs.display(), args.tree.out.display()))?;
    let watcher = Watcher::start(session, Duration::from_millis(args.debounce_ms))
        .with_context(|| format!("cannot watch `{}`", args.tree.docs.display()))?;
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "mdapi: {}", first.line().replacen("rebuilt", "built", 1));
    let _ = writeln!(err, "mdapi: watching {} (Ctrl-C to stop)", args.tree.docs.display());
    for rebuild in watcher.rebuilds() {
        // An I/O error (an unwritable output, a lost notification) is reported, and watching
        // goes on: the next save may well succeed.
        let line = match rebuild {
            Ok(r) => r.line(),
            Err(e) => format!("error: {e}"),
        };
        let _ = writeln!(err, "mdapi: {line}");
    }
    Ok(ExitCode::SUCCESS)
}
