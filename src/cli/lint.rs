//! `mdapi lint`, `mdapi rule` and `mdapi rules`: the docs linter a CI can gate on.
//! Exit codes: 0 nothing at or above `--fail-on`, 1 otherwise, 2 usage/config/I-O errors.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};

use mdapi::lint::baseline::Baseline;
use mdapi::lint::{self, LintConfig, fix, registry};
use mdapi::report::{self, formats};
use mdapi::{Diagnostic, Limits, Severity, Workspace};

use super::{LintArgs, OutputFormat, RuleArgs, RulesArgs, RulesFormat};

pub(super) fn run(args: &LintArgs) -> Result<ExitCode> {
    let roots = if args.paths.is_empty() { vec![PathBuf::from("docs-input")] } else { args.paths.clone() };
    let mut cfg = match &args.config {
        Some(file) => LintConfig::load(file, &roots[0])?,
        None => LintConfig::discover(&roots[0])?,
    };
    cfg.override_with(&split(&args.select), &split(&args.extend_select), &split(&args.ignore))?;
    if let Some(v) = &args.api_version {
        cfg.api_version = Some(v.clone());
    }
    let fail_on = args.fail_on.as_deref().map(parse_fail_on).transpose()?.unwrap_or(cfg.fail_on);
    // The `[limits]` of the file the `[lint]` table came from.
    let limits = args.limits.over_file(cfg.source.as_deref())?;
    let mut rendered = String::new();
    let mut stats = String::new();
    let mut failing = false;
    let mut all_entries = Vec::new();
    let baseline = match &args.baseline {
        Some(f) if !args.update_baseline => Some(read_baseline(f)?),
        _ => None,
    };
    let mut diff_out = String::new();
    for root in &roots {
        let mut ws = load(root, &limits)?;
        let mut outcome = lint::lint(&ws, &cfg);
        if args.fix || args.diff {
            // Fix to a fixpoint (re-linting after each round), but only write when `--fix`.
            for _ in 0..5 {
                let changed = apply_fixes(&ws, &outcome.diagnostics, args.fix, &mut diff_out)?;
                if changed == 0 || !args.fix {
                    break;
                }
                ws = load(root, &limits)?;
                outcome = lint::lint(&ws, &cfg);
            }
        }
        let prefix = display_prefix(root);
        let located = report::locate(&outcome.diagnostics, |f| ws.file(f), &prefix);
        let entries: Vec<(&Diagnostic, &str, &str)> =
            located.iter().map(|l| (l.diag, l.path.as_str(), l.source.map_or("", |s| s.text.as_str()))).collect();
        all_entries.extend(Baseline::from_findings(entries.iter().copied()).entries);
        let keep = match &baseline {
            Some(b) => b.new_findings(entries.iter().copied()),
            None => vec![true; located.len()],
        };
        let located: Vec<_> = located.into_iter().zip(keep).filter_map(|(l, k)| k.then_some(l)).collect();
        failing |= located.iter().any(|l| l.severity >= fail_on);
        let color = args.output_file.is_none()
            && std::io::stdout().is_terminal()
            && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
        rendered.push_str(&match args.output_format {
            OutputFormat::Full => formats_full(&located, color),
            OutputFormat::Concise => formats::concise(&located),
            OutputFormat::Json => formats::json(&located),
            OutputFormat::JsonLines => formats::json_lines(&located),
            OutputFormat::Github => formats::github(&located),
            OutputFormat::Sarif => formats::sarif(&located, env!("CARGO_PKG_VERSION")),
            OutputFormat::Junit => formats::junit(&located),
        });
        if args.statistics {
            stats.push_str(&formats::statistics(&located));
        }
        // Nothing reads them again before the process exits, which returns their memory at
        // once; freeing a corpus-sized workspace piece by piece would only delay the exit.
        drop(located);
        std::mem::forget(outcome);
        std::mem::forget(ws);
    }
    if args.update_baseline {
        let Some(file) = &args.baseline else { bail!("--update-baseline needs --baseline FILE") };
        all_entries.sort();
        let b = Baseline { version: 1, entries: all_entries };
        let text = serde_json::to_string_pretty(&b)? + "\n";
        std::fs::write(file, text).with_context(|| format!("cannot write `{}`", file.display()))?;
        eprintln!("mdapi: wrote {} entries to {}", b.entries.len(), file.display());
        return Ok(ExitCode::SUCCESS);
    }
    match &args.output_file {
        Some(f) => std::fs::write(f, &rendered).with_context(|| format!("cannot write `{}`", f.display()))?,
        None => std::io::stdout().lock().write_all(rendered.as_bytes())?,
    }
    if !diff_out.is_empty() {
        std::io::stdout().lock().write_all(diff_out.as_bytes())?;
    }
    if args.statistics {
        std::io::stderr().lock().write_all(stats.as_bytes())?;
    }
    Ok(if failing && !args.exit_zero { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

fn formats_full(located: &[report::Located<'_>], color: bool) -> String {
    report::full::full(located, color)
}

fn load(root: &Path, limits: &Limits) -> Result<Workspace> {
    Workspace::load(root, limits).with_context(|| format!("cannot read docs at `{}`", root.display()))
}

fn read_baseline(file: &Path) -> Result<Baseline> {
    let text = std::fs::read_to_string(file).with_context(|| format!("cannot read baseline `{}`", file.display()))?;
    serde_json::from_str(&text).with_context(|| format!("invalid baseline `{}`", file.display()))
}

/// Applies (or, for `--diff`, previews) the safe fixes; returns how many edits were made.
fn apply_fixes(ws: &Workspace, diags: &[Diagnostic], write: bool, diff_out: &mut String) -> Result<usize> {
    let mut total = 0;
    for page in &ws.pages {
        let mine: Vec<&Diagnostic> = diags.iter().filter(|d| d.file == page.source.rel).collect();
        if mine.is_empty() {
            continue;
        }
        let (fixed, n) = fix::apply(&page.source.text, &mine);
        if n == 0 {
            continue;
        }
        total += n;
        if write {
            std::fs::write(&page.source.path, &fixed)
                .with_context(|| format!("cannot write `{}`", page.source.path.display()))?;
        } else {
            let path = page.source.path.to_string_lossy().replace('\\', "/");
            let diff = similar::TextDiff::from_lines(&page.source.text, &fixed);
            diff_out.push_str(&diff.unified_diff().header(&format!("a/{path}"), &format!("b/{path}")).to_string());
        }
    }
    Ok(total)
}

/// The docs root as shown in paths: relative to the current directory when it is below it.
fn display_prefix(root: &Path) -> String {
    let base = if root.is_file() { root.parent().unwrap_or(Path::new("")) } else { root };
    let shown = match (std::path::absolute(base), std::env::current_dir()) {
        (Ok(abs), Ok(cwd)) => abs.strip_prefix(&cwd).map(Path::to_path_buf).unwrap_or(abs),
        _ => base.to_path_buf(),
    };
    let parts: Vec<String> = shown
        .components()
        .filter(|c| !matches!(c, std::path::Component::CurDir))
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let joined = parts.join("/");
    joined.strip_prefix("//").map(|s| format!("/{s}")).unwrap_or(joined)
}

fn split(values: &[String]) -> Vec<String> {
    values.iter().flat_map(|v| v.split(',')).map(str::trim).filter(|s| !s.is_empty()).map(String::from).collect()
}

fn parse_fail_on(s: &str) -> Result<Severity> {
    lint::config::parse_severity(s).with_context(|| format!("unknown severity `{s}` (expected error, warning or info)"))
}

/// `mdapi rule CODE|NAME`.
pub(super) fn rule(args: &RuleArgs) -> Result<ExitCode> {
    let Some(r) = registry::find(&args.rule) else { bail!("no rule `{}` (see `mdapi rules`)", args.rule) };
    print!("{}", registry::render(r));
    Ok(ExitCode::SUCCESS)
}

/// `mdapi rules`.
pub(super) fn rules(args: &RulesArgs) -> Result<ExitCode> {
    let out = match args.output_format {
        RulesFormat::Text => registry::all()
            .iter()
            .map(|r| {
                format!("{}  {:<34} {:<8} {}\n", r.code.code, r.code.name, r.code.severity.as_str(), r.code.summary)
            })
            .collect(),
        RulesFormat::Json => {
            let list: Vec<_> = registry::all()
                .iter()
                .map(|r| {
                    serde_json::json!({
                        "code": r.code.code, "name": r.code.name, "severity": r.code.severity,
                        "summary": r.code.summary, "fixable": r.fixable, "source": format!("{:?}", r.check),
                        "what": r.docs.what, "why": r.docs.why, "example": r.docs.example, "fix": r.docs.fix,
                    })
                })
                .collect();
            serde_json::to_string_pretty(&list)? + "\n"
        }
        RulesFormat::Markdown => registry::reference_page(),
    };
    std::io::stdout().lock().write_all(out.as_bytes())?;
    Ok(ExitCode::SUCCESS)
}
