//! Watch mode: keep a doc tree's outputs up to date as pages are saved.
//!
//! A [`Session`] holds the read workspace; [`Session::apply`] re-reads only the changed paths
//! (every other page keeps its parsed result), re-merges, re-lints and rewrites the outputs
//! through [`crate::output`]. A [`Watcher`] feeds it from file notifications (notify, through a
//! debouncer) on its own thread and hands each [`Rebuild`] over a channel, so the CLI prints
//! them and tests read them without spawning the binary.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use notify_debouncer_mini::notify::{RecommendedWatcher, RecursiveMode};
use notify_debouncer_mini::{Config, DebounceEventResult, new_debouncer_opt};

use crate::diagnostic::Diagnostic;
use crate::emit::openapi::OpenApiOptions;
use crate::error::{Error, Result};
use crate::generate::EmitCache;
use crate::output::{WriteMode, WriteReport};
use crate::pipeline::{Keep, Update, Workspace};
use crate::source::{self, Limits};
use crate::{Severity, generate};

/// What one rebuild did.
#[derive(Debug, Clone)]
pub struct Rebuild {
    /// Pages re-read.
    pub changed: usize,
    /// Pages removed.
    pub removed: usize,
    /// Findings of the whole tree after the rebuild.
    pub findings: usize,
    /// Error-severity diagnostics of pages that broke since the last written outputs (or new files
    /// that could not be read). When not empty, the outputs were left as they were.
    pub broken: Vec<Diagnostic>,
    /// What was written; `None` when the outputs were kept because a page broke.
    pub written: Option<WriteReport>,
    /// Time from the notification batch to the outputs written.
    pub elapsed: Duration,
}

impl Rebuild {
    /// One line for the terminal: files changed, findings, time, and what happened to the outputs.
    pub fn line(&self) -> String {
        let outputs = match &self.written {
            Some(r) if r.written.is_empty() => "outputs unchanged".to_string(),
            Some(r) => format!("wrote {}", r.written.join(", ")),
            None => {
                let d = &self.broken[0];
                format!(
                    "kept the previous outputs: {}: {} {} ({} error{})",
                    d.file,
                    d.code,
                    d.message,
                    self.broken.len(),
                    if self.broken.len() == 1 { "" } else { "s" }
                )
            }
        };
        format!(
            "rebuilt: {} changed, {} removed; {} findings; {:.0} ms; {outputs}",
            self.changed,
            self.removed,
            self.findings,
            self.elapsed.as_secs_f64() * 1e3
        )
    }
}

/// A doc tree read into memory, with where and how its outputs are written.
pub struct Session {
    ws: Workspace,
    /// The docs root as notifications name it (canonical), to turn event paths into page paths.
    root: PathBuf,
    /// The output directory, canonical when it exists: events inside it are our own writes.
    out: PathBuf,
    out_canonical: PathBuf,
    options: OpenApiOptions,
    limits: Limits,
    /// Pages that had errors when the outputs were last written. A page with errors that is not
    /// here broke since then, and keeps the outputs from being overwritten.
    accepted_errors: BTreeSet<String>,
    /// The formatted Rust items of the last build: a rebuild formats only the items that changed.
    emit_cache: EmitCache,
}

impl Session {
    /// Reads the docs under `root` and writes the outputs once (whatever the findings, as
    /// `generate` does), returning that first build.
    pub fn new(root: &Path, out: &Path, options: OpenApiOptions, limits: Limits) -> Result<(Session, Rebuild)> {
        let start = Instant::now();
        let canonical = std::fs::canonicalize(root).map_err(|e| Error::io(root, e))?;
        if !canonical.is_dir() {
            return Err(Error::Config(format!("`{}` is not a directory: watch needs a docs folder", root.display())));
        }
        // Nothing in a rebuild reads the pages' documents (see `Keep`).
        let ws = Workspace::load_keeping(&canonical, &limits, Keep::FactsOnly, &|_, _| {})?;
        let mut session = Session {
            ws,
            root: canonical,
            out: out.to_path_buf(),
            out_canonical: std::fs::canonicalize(out).unwrap_or_else(|_| out.to_path_buf()),
            options,
            limits,
            accepted_errors: BTreeSet::new(),
            emit_cache: EmitCache::default(),
        };
        let changed = session.ws.pages.len();
        let rebuild = session.emit(changed, 0, start)?;
        session.out_canonical = std::fs::canonicalize(out).unwrap_or_else(|_| out.to_path_buf());
        Ok((session, rebuild))
    }

    /// Whether the directory `path` (absolute) holds pages already read.
    fn knows_dir(&self, path: &Path) -> bool {
        let Ok(rel) = path.strip_prefix(&self.root) else { return false };
        let rel = source::relative(Path::new(""), rel);
        rel.is_empty()
            || self.ws.pages.iter().any(|p| p.source.rel.strip_prefix(&rel).is_some_and(|r| r.starts_with('/')))
    }

    /// The workspace as of the last rebuild.
    pub fn workspace(&self) -> &Workspace {
        &self.ws
    }

    /// Brings the outputs up to date after `paths` (absolute, as notifications give them) changed;
    /// the docs root itself among them re-reads the whole tree. Returns `None` when none of them
    /// concerns a doc page (an editor's swap file, our own outputs).
    pub fn apply(&mut self, paths: &[PathBuf]) -> Result<Option<Rebuild>> {
        let start = Instant::now();
        let rels: Vec<String> = paths
            .iter()
            .filter(|p| !p.starts_with(&self.out_canonical))
            .filter_map(|p| p.strip_prefix(&self.root).ok())
            .map(|r| source::relative(Path::new(""), r))
            .collect();
        if rels.is_empty() {
            return Ok(None);
        }
        let update = self.ws.update(&rels, &self.limits);
        if update.read.is_empty() && update.removed == 0 && update.unreadable.is_empty() {
            return Ok(None);
        }
        self.finish(update, start).map(Some)
    }

    /// Re-reads the whole tree (after lost notifications) and rebuilds.
    pub fn reload(&mut self) -> Result<Rebuild> {
        let start = Instant::now();
        self.ws = Workspace::load_keeping(&self.root, &self.limits, Keep::FactsOnly, &|_, _| {})?;
        let read = self.ws.pages.iter().map(|p| p.source.rel.clone()).collect();
        self.finish(Update { read, removed: 0, unreadable: Vec::new() }, start)
    }

    /// Writes the outputs after an update, unless a page broke since they were last written.
    fn finish(&mut self, update: Update, start: Instant) -> Result<Rebuild> {
        let mut broken: Vec<Diagnostic> = update.unreadable;
        for page in self.ws.pages.iter().filter(|p| p.has_errors() && !self.accepted_errors.contains(&p.source.rel)) {
            broken.extend(page.diagnostics.iter().filter(|d| d.severity == Severity::Error).cloned());
        }
        if !broken.is_empty() {
            return Ok(Rebuild {
                changed: update.read.len(),
                removed: update.removed,
                findings: self.ws.diagnostics.len(),
                broken,
                written: None,
                elapsed: start.elapsed(),
            });
        }
        self.emit(update.read.len(), update.removed, start)
    }

    /// Generates and writes every output; the pages' current errors become the accepted ones.
    fn emit(&mut self, changed: usize, removed: usize, start: Instant) -> Result<Rebuild> {
        let (generation, report) = generate::generate_and_write(
            &self.ws,
            &self.options,
            Some(&self.emit_cache),
            (&self.out, WriteMode::Write),
            &|| (),
        )?;
        self.accepted_errors = self.ws.pages.iter().filter(|p| p.has_errors()).map(|p| p.source.rel.clone()).collect();
        Ok(Rebuild {
            changed,
            removed,
            findings: generation.diagnostics.len(),
            broken: Vec::new(),
            written: Some(report),
            elapsed: start.elapsed(),
        })
    }
}

/// The notifications gathered for one rebuild.
#[derive(Default)]
struct Gathered {
    paths: BTreeSet<PathBuf>,
    /// The watcher's last error (a lost notification), if any.
    failure: Option<notify_debouncer_mini::notify::Error>,
    /// Whether a directory holding no known page was among the paths (one created or moved in:
    /// its files may still be arriving). Checked once per new path.
    saw_new_dir: bool,
}

impl Gathered {
    fn take(&mut self, batch: DebounceEventResult, session: &Session) {
        match batch {
            Ok(events) => {
                for e in events {
                    if !self.paths.contains(&e.path) {
                        self.saw_new_dir |= e.path.is_dir() && !session.knows_dir(&e.path);
                        self.paths.insert(e.path);
                    }
                }
            }
            Err(e) => self.failure = Some(e),
        }
    }
}

/// A [`Session`] fed by file notifications on a background thread. Dropping it stops the thread.
pub struct Watcher {
    rebuilds: Receiver<Result<Rebuild>>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Watcher {
    /// Starts watching the session's docs. Changes made after this returns are seen: the
    /// notification watch is in place before the thread starts.
    ///
    /// Notifications are debounced by `debounce`; batches that keep arriving less than half an
    /// interval apart, or a whole interval once the gathered paths look like a burst (a branch
    /// switch touching a thousand files), are gathered into one rebuild.
    pub fn start(mut session: Session, debounce: Duration) -> Result<Watcher> {
        let (events_tx, events) = mpsc::channel::<DebounceEventResult>();
        let root = session.root.clone();
        let to_error = |e: notify_debouncer_mini::notify::Error| Error::io(&root, std::io::Error::other(e));
        // Not batch mode: each path is reported once quiet for `debounce`, so a long burst comes
        // out as a steady stream that the gathering below turns into one rebuild.
        let config = Config::default().with_timeout(debounce).with_batch_mode(false);
        let mut debouncer = new_debouncer_opt::<_, RecommendedWatcher>(config, events_tx).map_err(to_error)?;
        debouncer.watcher().watch(&root, RecursiveMode::Recursive).map_err(to_error)?;
        let (tx, rebuilds) = mpsc::channel();
        let stop = Arc::new(AtomicBool::new(false));
        let stopped = Arc::clone(&stop);
        let quiet = debounce / 2;
        let thread = std::thread::spawn(move || {
            // The debouncer lives as long as the loop: dropping it ends the notifications.
            let _debouncer = debouncer;
            while !stopped.load(Ordering::Relaxed) {
                let first = match events.recv_timeout(Duration::from_millis(50)) {
                    Ok(batch) => batch,
                    Err(RecvTimeoutError::Timeout) => continue,
                    Err(RecvTimeoutError::Disconnected) => break,
                };
                let mut gathered = Gathered::default();
                gathered.take(first, &session);
                // A single save (a page, perhaps with its editor's temporary file) waits only half
                // an interval more; many paths or a directory look like a burst still going on
                // (a checkout, a directory moved in), which gets a whole interval of quiet.
                loop {
                    let bursty = gathered.paths.len() > 8 || gathered.saw_new_dir;
                    match events.recv_timeout(if bursty { debounce } else { quiet }) {
                        Ok(batch) => gathered.take(batch, &session),
                        Err(_) => break,
                    }
                }
                let Gathered { paths, failure, .. } = gathered;
                let result = if let Some(e) = failure {
                    // A lost notification (queue overflow) leaves the tree unknown: re-read it all.
                    let _ = tx.send(Err(Error::io(&session.root, std::io::Error::other(e))));
                    session.reload().map(Some)
                } else {
                    session.apply(&paths.into_iter().collect::<Vec<_>>())
                };
                match result {
                    Ok(None) => {}
                    Ok(Some(r)) => {
                        if tx.send(Ok(r)).is_err() {
                            break;
                        }
                    }
                    Err(e) => {
                        if tx.send(Err(e)).is_err() {
                            break;
                        }
                    }
                }
            }
        });
        Ok(Watcher { rebuilds, stop, thread: Some(thread) })
    }

    /// Each rebuild (or the I/O error that stopped one), in order.
    pub fn rebuilds(&self) -> &Receiver<Result<Rebuild>> {
        &self.rebuilds
    }
}

impl Drop for Watcher {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}
