//! Pipeline speed against the physical limit, measured in one run on the Graph v1.0 corpus:
//! (a) walk + read every file + pulldown-cmark with offsets and tables, on all cores (baseline);
//! (s) walk + read + the syntax stage alone (front matter, Markdown into a `Document`), nothing
//! extracted: the part of (b) that the staged design fixes before any API fact is read, and so
//! what is left of the 1.5 × (a) of (b) for extraction and the model;
//! (b) the whole pipeline to `ApiModel` (walk, read, parse, extract, merge), as `generate` runs
//! it (pages keep their facts, not their parsed Markdown: `mdapi::Keep::FactsOnly`);
//! (c) `generate`: (b) plus the OpenAPI document built, serialised as YAML and JSON and written
//! (to `target/bench-openapi/`, rewritten only when changed, as the CLI does).
//! (d) `mdapi lint` of the corpus: the pipeline, the model and every default rule.
//! (e) regenerate after an edit, on a copy of the corpus (under `target/bench-regen/`): cold, the
//! whole `generate` with an empty cache and output folder (read, parse, model, emit, write, save
//! the cache); warm, `generate` again after one page was edited (every page read and hashed, the
//! others' facts and the unchanged Rust items from the cache). Both are timed as a user runs
//! them, the `mdapi generate` command in a process of its own (the target's figures), and again
//! inside this process (`mdapi::generate::run`), where the memory left by the earlier runs spares
//! the cold run the fresh memory a new process faults in (cold about 560 ms in-process against
//! 600–680 ms as a command here; the warm runs take about the same either way). Then the
//! in-memory rebuild `mdapi watch` runs after one page is saved.
//!
//! Before each timed run, `sync` puts what the earlier runs wrote on disk (a cold run writes
//! some 70 MB, a (c) run 21 MB). Otherwise the kernel writes it back some 30 s later, inside
//! whichever run is being timed then: on this 2-core machine that made the cold command take
//! 770–970 ms in CI, against 550–680 ms settled, and flattered warm/cold.
//!
//! Prints medians, the ratios to (a), warm/cold, the model's share of (b), the emit share of (c),
//! and the process's peak memory. Each figure is the time until the result exists; freeing it
//! afterwards is not timed, since the command exits without freeing its workspace and outputs.
//!
//! Run: `cargo bench --bench pipeline` (corpus from `MDAPI_CORPUS` or `../shared/corpus/graph-v1.0`).

use std::hint::black_box;

// The same allocator as the `mdapi` binary, so the figures are the tool's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use pulldown_cmark::{Event, Options, Parser};
use rayon::prelude::*;

fn corpus() -> PathBuf {
    std::env::var_os("MDAPI_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/graph-v1.0"))
}

/// The baseline: every byte read and tokenised with spans, nothing else.
fn baseline(root: &Path) -> usize {
    let paths: Vec<PathBuf> = walkdir::WalkDir::new(root)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.into_path())
        .collect();
    paths
        .par_iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).unwrap_or_default();
            Parser::new_ext(&text, Options::ENABLE_TABLES)
                .into_offset_iter()
                .fold(0usize, |acc, (ev, r)| acc.wrapping_add(r.start ^ matches!(ev, Event::Text(_)) as usize))
        })
        .sum()
}

/// (s): discovery, reading and the syntax stage of every page, on all cores, each document
/// freed once parsed (as `generate` frees it once its facts are out).
fn syntax_only(root: &Path) -> usize {
    let limits = mdapi::Limits::default();
    let (paths, _) = mdapi::source::discover(root).expect("corpus readable");
    paths
        .par_iter()
        .map(|p| {
            let (file, _) = mdapi::source::read_file(root, p, &limits).expect("corpus readable");
            let (document, diags) = mdapi::syntax::parse(&file, &limits);
            document.blocks.len() + diags.len()
        })
        .sum()
}

/// As `generate` reads the docs: the pages' documents are not kept (see `mdapi::Keep`).
fn load_facts(root: &Path) -> mdapi::Workspace {
    mdapi::Workspace::load_keeping(root, &mdapi::Limits::default(), mdapi::Keep::FactsOnly, &|_, _| {})
        .expect("corpus readable")
}

/// (b): the workspace and its model (returned, so that freeing them is not timed: the command
/// exits without freeing them, see `mdapi::cli`), and how long the model took of it.
fn pipeline(root: &Path) -> ((mdapi::Workspace, mdapi::ApiModel, Vec<mdapi::Diagnostic>), Duration) {
    let ws = load_facts(root);
    let t = Instant::now();
    let (model, diags) = ws.model();
    ((ws, model, diags), t.elapsed())
}

/// (c), timed from `start` until the files are written (not while the values are freed);
/// returns the whole time and the emit part of it.
fn generate(root: &Path, out: &Path, start: Instant) -> (Duration, Duration) {
    let ws = load_facts(root);
    let (model, diags) = ws.model();
    let t = Instant::now();
    let options = mdapi::emit::openapi::OpenApiOptions::default();
    let (doc, emit_diags) = mdapi::emit::openapi::build(&model, &options);
    mdapi::emit::openapi::write(&doc, out).expect("bench output writable");
    let (whole, emit) = (start.elapsed(), t.elapsed());
    black_box((doc.paths.len(), diags.len(), emit_diags.len()));
    (whole, emit)
}

/// (d): the workspace and the findings (returned, so that freeing them is not timed).
fn lint(root: &Path) -> (mdapi::Workspace, mdapi::lint::Outcome) {
    let ws = mdapi::Workspace::load(root, &mdapi::Limits::default()).expect("corpus readable");
    let outcome = mdapi::lint::lint(&ws, &mdapi::lint::LintConfig::default());
    (ws, outcome)
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("bench copy writable");
    for entry in std::fs::read_dir(from).expect("corpus readable").flatten() {
        let target = to.join(entry.file_name());
        if entry.file_type().is_ok_and(|t| t.is_dir()) {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("bench copy writable");
        }
    }
}

/// One `mdapi generate` as the command runs it (with the cache in `cache`, or without).
fn generate_run(docs: &Path, out: &Path, cache: Option<&Path>) -> mdapi::generate::Run {
    let options = mdapi::emit::openapi::OpenApiOptions::default();
    let limits = mdapi::Limits::default();
    let run = mdapi::generate::run(docs, out, &options, &limits, cache, mdapi::output::WriteMode::Write, &|_, _| {})
        .expect("generate");
    assert!(run.cache_error.is_none(), "cache saved");
    run
}

/// One `mdapi generate` command, as a user runs it, in its own process (this build's binary);
/// returns its time and its summary line.
fn generate_command(docs: &Path, out: &Path, cache: &Path) -> (Duration, String) {
    settle();
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_mdapi"));
    command.arg("generate").arg(docs).arg("--out").arg(out).arg("--cache-dir").arg(cache);
    let t = Instant::now();
    let done = command.output().expect("mdapi runs");
    let took = t.elapsed();
    let said = String::from_utf8_lossy(&done.stderr).into_owned() + &String::from_utf8_lossy(&done.stdout);
    assert!(done.status.success(), "mdapi generate failed: {said}");
    (took, said.lines().last().unwrap_or_default().to_string())
}

/// Waits until the files written so far are on disk (`sync`), so that the kernel does not write
/// back an earlier run's outputs and cache (some 70 MB per cold run) during the next timed run.
fn settle() {
    let synced = std::process::Command::new("sync").status();
    assert!(synced.is_ok_and(|s| s.success()), "sync runs");
}

/// Edit number `run` of `page`: the title changes, so the rebuild really rewrites the outputs.
fn edit(original: &str, run: usize) -> String {
    let mut edited = original.replacen("\n# ", &format!("\n# Edited {run} "), 1);
    if edited == original {
        edited.push_str(&format!("\nEdited {run}.\n"));
    }
    edited
}

/// (e): medians of cold `generate` (empty cache, empty output folder) and of warm `generate`
/// after editing one page (the cache and outputs of the previous run in place), each as a command
/// and in this process, and of the in-memory rebuild `mdapi watch` runs after one page is saved.
fn regen(root: &Path, runs: usize) -> Regen {
    let base = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-regen");
    let _ = std::fs::remove_dir_all(&base);
    let (docs, out, cache) = (base.join("docs"), base.join("out"), base.join("cache"));
    copy_dir(root, &docs);
    let (page, original) = {
        let ws = mdapi::Workspace::load(&docs, &mdapi::Limits::default()).expect("copy readable");
        let p = ws.pages.iter().find(|p| p.facts.operations.len() == 1).expect("an API page");
        (std::fs::canonicalize(&p.source.path).expect("page exists"), p.source.text.clone())
    };
    let mut r = Regen::default();
    let (mut cold, mut warm, mut watch) = (Vec::new(), Vec::new(), Vec::new());
    // A cold run starts from an empty cache and output folder.
    let empty = || {
        let _ = std::fs::remove_dir_all(&out);
        let _ = std::fs::remove_dir_all(&cache);
    };
    for run in 0..runs {
        empty();
        let (cold_command, _) = generate_command(&docs, &out, &cache);
        std::fs::write(&page, edit(&original, run)).expect("page writable");
        let (warm_command, said) = generate_command(&docs, &out, &cache);
        r.command_runs.push((cold_command, warm_command));
        r.warm_command_line = said;
        std::fs::write(&page, &original).expect("page writable");

        empty();
        settle();
        let t = Instant::now();
        let done = generate_run(&docs, &out, Some(&cache));
        cold.push(t.elapsed());
        drop(black_box(done));
        std::fs::write(&page, edit(&original, run)).expect("page writable");
        settle();
        let t = Instant::now();
        let done = generate_run(&docs, &out, Some(&cache));
        warm.push(t.elapsed());
        let (hits, misses) = done.cache.as_ref().expect("cache used").hits_and_misses();
        r.warm_line = format!("{hits} pages from the cache, {misses} parsed; wrote {}", done.report.written.join(", "));
        drop(done);
        std::fs::write(&page, &original).expect("page writable");

        let (mut session, _) = mdapi::watch::Session::new(
            &docs,
            &out,
            mdapi::emit::openapi::OpenApiOptions::default(),
            mdapi::Limits::default(),
        )
        .expect("cold generate");
        std::fs::write(&page, edit(&original, run + runs)).expect("page writable");
        settle();
        let t = Instant::now();
        let rebuild = session.apply(std::slice::from_ref(&page)).expect("warm rebuild").expect("the page changed");
        watch.push(t.elapsed());
        r.watch_line = rebuild.line();
        drop(session);
        std::fs::write(&page, &original).expect("page writable");
    }
    r.cold = median(cold);
    r.warm = median(warm);
    r.watch = median(watch);
    r
}

#[derive(Default)]
struct Regen {
    /// Each run's cold and warm command, in order (the figures are their medians).
    command_runs: Vec<(Duration, Duration)>,
    warm_command_line: String,
    cold: Duration,
    warm: Duration,
    watch: Duration,
    warm_line: String,
    watch_line: String,
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn peak_rss_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

fn main() {
    let root = corpus();
    if !root.is_dir() {
        eprintln!("corpus not found at {} (set MDAPI_CORPUS)", root.display());
        std::process::exit(2);
    }
    // As the `mdapi` binary does: freed memory is kept for the next run, and comes in large pages
    // (see `mdapi::allocator`).
    mdapi::allocator::keep_freed_memory();
    mdapi::allocator::use_large_pages();
    let runs: usize = std::env::var("MDAPI_BENCH_RUNS").ok().and_then(|s| s.parse().ok()).unwrap_or(15);
    // Warm the page cache and the thread pool.
    black_box(baseline(&root));
    black_box(syntax_only(&root));
    black_box(pipeline(&root));
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-openapi");
    black_box(generate(&root, &out, Instant::now()));
    black_box(lint(&root));
    let (mut a, mut b, mut c, mut e, mut d) = (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let (mut m, mut syn) = (Vec::new(), Vec::new());
    // Interleaved, so that machine noise hits both measurements alike.
    for _ in 0..runs {
        settle();
        let t = Instant::now();
        black_box(baseline(&root));
        a.push(t.elapsed());
        let t = Instant::now();
        black_box(syntax_only(&root));
        syn.push(t.elapsed());
        let t = Instant::now();
        let (done, model) = pipeline(&root);
        b.push(t.elapsed());
        m.push(model);
        drop(black_box(done));
        let (whole, emit) = generate(&root, &out, Instant::now());
        c.push(whole);
        e.push(emit);
        settle();
        let t = Instant::now();
        let done = lint(&root);
        d.push(t.elapsed());
        drop(black_box(done));
    }
    let (a, b, c, e, d, m) = (median(a), median(b), median(c), median(e), median(d), median(m));
    let syn = median(syn);
    let regen = regen(&root, runs.min(5));
    println!("corpus: {}", root.display());
    println!("threads: {}", rayon::current_num_threads());
    println!("(a) read + pulldown-cmark parse (baseline): {:>8.1} ms", a.as_secs_f64() * 1e3);
    println!("(s) read + syntax stage only (no facts):    {:>8.1} ms", syn.as_secs_f64() * 1e3);
    println!("(b) pipeline to ApiModel:                   {:>8.1} ms", b.as_secs_f64() * 1e3);
    println!("    of which the model (merge and resolve):   {:>8.1} ms", m.as_secs_f64() * 1e3);
    println!("(c) generate (b + OpenAPI YAML + JSON):     {:>8.1} ms", c.as_secs_f64() * 1e3);
    println!("    of which emit (build + serialise + write): {:>5.1} ms", e.as_secs_f64() * 1e3);
    println!("(d) lint (pipeline + model + rules):        {:>8.1} ms", d.as_secs_f64() * 1e3);
    println!("ratio b/a: {:.2} (target <= 1.50)", b.as_secs_f64() / a.as_secs_f64());
    println!(
        "ratio s/a: {:.2}, so extraction and the model have {:.1} ms of the 1.5 x (a) of (b); they take {:.1} ms",
        syn.as_secs_f64() / a.as_secs_f64(),
        (1.5 * a.as_secs_f64() - syn.as_secs_f64()) * 1e3,
        (b.as_secs_f64() - syn.as_secs_f64()) * 1e3
    );
    println!("ratio c/a: {:.2} (target <= 2.00)", c.as_secs_f64() / a.as_secs_f64());
    println!("ratio d/a: {:.2} (target <= 2.00)", d.as_secs_f64() / a.as_secs_f64());
    println!("lint's own cost (d-b)/a: {:.2}", (d.as_secs_f64() - b.as_secs_f64()) / a.as_secs_f64());
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let cold_command = median(regen.command_runs.iter().map(|r| r.0).collect());
    let warm_command = median(regen.command_runs.iter().map(|r| r.1).collect());
    println!("(e) `mdapi generate`, the command, on a copy of the corpus:");
    println!("    cold (empty cache and output folder):          {:>8.1} ms", ms(cold_command));
    println!(
        "    warm after editing one page:                   {:>8.1} ms  ({})",
        ms(warm_command),
        regen.warm_command_line.trim_start_matches("mdapi: ")
    );
    println!("ratio warm/cold: {:.1}% (target <= 20%)", 100.0 * ms(warm_command) / ms(cold_command));
    let runs: Vec<String> = regen
        .command_runs
        .iter()
        .map(|&(c, w)| format!("{:.0}/{:.0} ms = {:.1}%", ms(w), ms(c), 100.0 * ms(w) / ms(c)))
        .collect();
    println!("    each run, warm/cold: {}", runs.join(", "));
    println!("    the same inside this process (`mdapi::generate::run`):");
    println!("    cold:                                          {:>8.1} ms", ms(regen.cold));
    println!("    warm after editing one page:                   {:>8.1} ms  ({})", ms(regen.warm), regen.warm_line);
    println!("    in-process ratio warm/cold: {:.1}%", 100.0 * ms(regen.warm) / ms(regen.cold));
    println!("    watch rebuild after editing one page:          {:>8.1} ms  ({})", ms(regen.watch), regen.watch_line);
    println!("ratio watch/cold (in-process cold): {:.1}%", 100.0 * ms(regen.watch) / ms(regen.cold));
    if let Some(mib) = peak_rss_mib() {
        println!("peak memory (VmHWM, whole bench process): {mib:.0} MiB");
    }
}
