//! Writing generated files: confined to the output directory, atomic (temporary file + rename),
//! untouched when unchanged, and a `--check` mode that writes nothing and says what is stale.

use std::borrow::Cow;
use std::fs;
use std::io::Write;
use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;

use crate::emit::store::Text;
use crate::error::{Error, Result};

/// One generated file, its path relative to the output directory (`/` separators).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    /// Relative path, e.g. `rust/models.rs`.
    pub path: String,
    /// Full contents.
    pub contents: Contents,
}

impl GeneratedFile {
    /// A file at `path` (relative, `/` separators) holding `contents`.
    pub fn new(path: impl Into<String>, contents: impl Into<Contents>) -> GeneratedFile {
        GeneratedFile { path: path.into(), contents: contents.into() }
    }
}

/// A generated file's text as the pieces it was made of, one after the other: the fragments an
/// emitter kept from an earlier run (ranges of the mapped cache file) and the text between them.
/// An output is compared with the file on disk and written from its pieces, never first copied
/// into one buffer: that was 30 MB of fresh memory (which the kernel zeroes first) and a copy of
/// it in every `generate` of the Graph docs.
#[derive(Clone, Default)]
pub struct Contents {
    pieces: Vec<Text>,
    len: usize,
}

impl Contents {
    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether there is no text.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The pieces, in order.
    pub fn pieces(&self) -> impl Iterator<Item = &str> {
        self.pieces.iter().map(|p| &**p)
    }

    /// The whole text (copied together when it is in several pieces).
    pub fn text(&self) -> Cow<'_, str> {
        match self.pieces.as_slice() {
            [] => Cow::Borrowed(""),
            [one] => Cow::Borrowed(one),
            _ => Cow::Owned(self.pieces().collect()),
        }
    }
}

impl From<String> for Contents {
    fn from(text: String) -> Contents {
        let len = text.len();
        Contents { pieces: if text.is_empty() { Vec::new() } else { vec![Text::from(text)] }, len }
    }
}

impl From<&str> for Contents {
    fn from(text: &str) -> Contents {
        Contents::from(text.to_string())
    }
}

impl PartialEq for Contents {
    /// The same text, however it is cut into pieces.
    fn eq(&self, other: &Contents) -> bool {
        let mut matcher = Matcher::new(other);
        self.len == other.len && self.pieces().all(|p| matcher.eat(p.as_bytes())) && matcher.at_end()
    }
}

impl Eq for Contents {}

impl std::fmt::Debug for Contents {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(&*self.text(), f)
    }
}

impl std::fmt::Display for Contents {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.pieces().try_for_each(|p| f.write_str(p))
    }
}

/// [`Contents`] being made: shared texts are kept as pieces, the text between them is gathered
/// into pieces of its own.
#[derive(Default)]
pub struct ContentsBuilder {
    done: Contents,
    between: String,
}

impl ContentsBuilder {
    /// An empty builder.
    pub fn new() -> ContentsBuilder {
        ContentsBuilder::default()
    }

    /// The contents made.
    pub fn finish(mut self) -> Contents {
        self.close_between();
        self.done
    }

    fn close_between(&mut self) {
        if !self.between.is_empty() {
            let between = std::mem::take(&mut self.between);
            self.done.len += between.len();
            self.done.pieces.push(Text::from(between));
        }
    }

    /// Appends `text`, copied.
    pub fn push_str(&mut self, text: &str) {
        self.between.push_str(text);
    }

    /// Appends a shared text, kept as a piece of its own.
    pub fn push_text(&mut self, text: &Text) {
        if text.is_empty() {
            return;
        }
        self.close_between();
        self.done.len += text.len();
        self.done.pieces.push(text.clone());
    }
}

/// A position in [`Contents`] that other bytes are matched against, however either side is cut
/// into pieces: how a file on disk (read a buffer at a time) or another [`Contents`] is compared
/// with it.
struct Matcher<'a> {
    pieces: std::slice::Iter<'a, Text>,
    piece: &'a [u8],
}

impl<'a> Matcher<'a> {
    fn new(contents: &'a Contents) -> Matcher<'a> {
        Matcher { pieces: contents.pieces.iter(), piece: &[] }
    }

    /// Whether `bytes` come next; if so, they are passed.
    fn eat(&mut self, mut bytes: &[u8]) -> bool {
        while !bytes.is_empty() {
            if self.piece.is_empty() {
                match self.pieces.next() {
                    Some(next) => self.piece = next.as_bytes(),
                    None => return false,
                }
                continue;
            }
            let n = bytes.len().min(self.piece.len());
            if bytes[..n] != self.piece[..n] {
                return false;
            }
            (bytes, self.piece) = (&bytes[n..], &self.piece[n..]);
        }
        true
    }

    /// Whether every byte was passed.
    fn at_end(mut self) -> bool {
        self.piece.is_empty() && self.pieces.all(|p| p.is_empty())
    }
}

/// What happened to each file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WriteReport {
    /// Files written because they were new or different.
    pub written: Vec<String>,
    /// Files whose contents were already right (not touched: their mtime stays).
    pub unchanged: Vec<String>,
    /// In check mode: files that differ or are missing, each with a one-line summary.
    pub stale: Vec<(String, String)>,
}

impl WriteReport {
    /// Adds `other`'s files after this report's.
    pub fn append(&mut self, mut other: WriteReport) {
        self.written.append(&mut other.written);
        self.unchanged.append(&mut other.unchanged);
        self.stale.append(&mut other.stale);
    }
}

/// Whether to write or only compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteMode {
    /// Write new and changed files.
    Write,
    /// Write nothing; report files that would change.
    Check,
}

/// Writes (or checks) `files` under `out_dir`.
///
/// A path that is absolute or climbs out with `..` is refused with an error before anything is
/// written, so names derived from the docs can never place a file outside `out_dir`.
pub fn write_files(out_dir: &Path, files: &[GeneratedFile], mode: WriteMode) -> Result<WriteReport> {
    let targets: Vec<PathBuf> = files.iter().map(|f| confined(out_dir, &f.path)).collect::<Result<_>>()?;
    // Each file in its own task: reading, comparing and writing overlap across files instead of
    // adding up.
    let outcomes: Vec<Outcome> = files
        .par_iter()
        .zip(&targets)
        .map(|(file, target)| {
            // A file of another size differs: no need to read it, except to summarise it.
            let same_size = fs::metadata(target).is_ok_and(|m| m.len() == file.contents.len() as u64);
            if same_size && holds(target, &file.contents) {
                return Ok(Outcome::Unchanged);
            }
            match mode {
                WriteMode::Check => {
                    Ok(Outcome::Stale(summary(fs::read(target).ok().as_deref(), &file.contents.text())))
                }
                WriteMode::Write => {
                    no_symlinked_dirs(out_dir, &file.path)?;
                    write_atomic_pieces(target, file.contents.pieces().map(str::as_bytes))?;
                    Ok(Outcome::Written)
                }
            }
        })
        .collect::<Result<_>>()?;
    let mut report = WriteReport::default();
    for (file, outcome) in files.iter().zip(outcomes) {
        match outcome {
            Outcome::Unchanged => report.unchanged.push(file.path.clone()),
            Outcome::Written => report.written.push(file.path.clone()),
            Outcome::Stale(summary) => report.stale.push((file.path.clone(), summary)),
        }
    }
    Ok(report)
}

/// Whether the file at `path` holds exactly `expected` (`false` when it cannot be read). Read
/// piece by piece into one small buffer: an unchanged output is compared on every run, and
/// reading the Graph spec's 10 MB of Rust files whole put as much fresh memory (which the kernel
/// zeroes first) into a warm run that takes 100 ms.
fn holds(path: &Path, expected: &Contents) -> bool {
    use std::io::Read;
    let Ok(mut file) = fs::File::open(path) else { return false };
    let mut buf = vec![0; 64 * 1024];
    let mut matcher = Matcher::new(expected);
    loop {
        match file.read(&mut buf) {
            Ok(0) => return matcher.at_end(),
            Ok(n) if matcher.eat(&buf[..n]) => {}
            Ok(_) => return false,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return false,
        }
    }
}

/// What [`write_files`] did with one file.
enum Outcome {
    Unchanged,
    Written,
    Stale(String),
}

/// `out_dir/rel`, or an error when `rel` is absolute, empty or has a `..` component.
pub fn confined(out_dir: &Path, rel: &str) -> Result<PathBuf> {
    let path = Path::new(rel);
    let ok = !rel.is_empty()
        && !rel.contains('\\')
        && path.components().all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
    if !ok {
        return Err(Error::Config(format!("refusing to write `{rel}`: outputs must stay inside the output directory")));
    }
    Ok(out_dir.join(path))
}

/// Refuses `rel` when a directory between `out_dir` and the file is a symlink: the write would
/// follow it, and a checked-in `generated/rust -> /elsewhere` would place the file outside.
/// (A symlink at the file itself is fine: [`write_atomic`] replaces it.)
fn no_symlinked_dirs(out_dir: &Path, rel: &str) -> Result<()> {
    let mut dir = out_dir.to_path_buf();
    let parts: Vec<&str> = rel.split('/').filter(|p| !p.is_empty() && *p != ".").collect();
    for part in parts.iter().take(parts.len().saturating_sub(1)) {
        dir.push(part);
        if fs::symlink_metadata(&dir).is_ok_and(|m| m.file_type().is_symlink()) {
            return Err(Error::Config(format!(
                "refusing to write `{rel}`: `{}` is a symlink, and outputs must stay inside the output directory",
                dir.display()
            )));
        }
    }
    Ok(())
}

/// Writes `bytes` to a temporary file beside `target`, then puts it in place in one step
/// ([`replace`]: a rename, or a swap with the previous file), so a reader (or an interrupted run)
/// never sees a half-written file. A symlink at `target` is replaced, not followed, so it cannot
/// redirect the write outside the output directory.
///
/// The file is not flushed to disk (`fsync`) before it is put in place. That step alone is what
/// keeps a killed or failing run from leaving a truncated file; the flush only adds durability
/// across a power loss, and every file written here is derived (outputs a re-run reproduces and
/// `--check` catches, a cache that verifies a checksum of its contents). Waiting for the disk was
/// about 50 ms of every run that wrote the spec, a sixth of a warm `generate`.
pub fn write_atomic(target: &Path, bytes: &[u8]) -> Result<()> {
    write_atomic_pieces(target, std::iter::once(bytes))
}

/// [`write_atomic`] of the bytes of `pieces`, one after the other.
fn write_atomic_pieces<'a>(target: &Path, pieces: impl Iterator<Item = &'a [u8]>) -> Result<()> {
    let dir = target.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        // `create_new` (O_EXCL) never follows a symlink planted at the temporary name; a stale
        // file (or link) left there by an interrupted run is removed first, not written through.
        let _ = fs::remove_file(&tmp);
        let mut f = fs::OpenOptions::new().write(true).create_new(true).open(&tmp)?;
        write_pieces(&mut f, pieces)?;
        rename(&tmp, target)
    })();
    if let Err(e) = result {
        let _ = fs::remove_file(&tmp);
        return Err(Error::io(target, e));
    }
    Ok(())
}

/// Writes the bytes of `pieces`, in order, many pieces per call (`writev`), straight from where
/// they are: gathering them into a buffer first copied the whole file once more.
fn write_pieces<'a>(f: &mut impl Write, pieces: impl Iterator<Item = &'a [u8]>) -> std::io::Result<()> {
    // At most this many pieces per call (Linux takes up to 1024).
    const PER_CALL: usize = 512;
    let mut pieces = pieces.filter(|p| !p.is_empty()).peekable();
    let mut batch: Vec<std::io::IoSlice<'a>> = Vec::with_capacity(PER_CALL);
    while pieces.peek().is_some() {
        batch.clear();
        batch.extend(pieces.by_ref().take(PER_CALL).map(std::io::IoSlice::new));
        let mut rest = &mut batch[..];
        while !rest.is_empty() {
            match f.write_vectored(rest) {
                Ok(0) => return Err(std::io::ErrorKind::WriteZero.into()),
                Ok(n) => std::io::IoSlice::advance_slices(&mut rest, n),
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
    }
    Ok(())
}

/// `fs::rename`, which the tests can make fail for one target (as a full disk or a crash would)
/// to show what a failed rename leaves behind.
fn rename(from: &Path, to: &Path) -> std::io::Result<()> {
    #[cfg(test)]
    if tests::FAIL_RENAME.lock().unwrap_or_else(std::sync::PoisonError::into_inner).iter().any(|p| p == to) {
        return Err(std::io::Error::other("injected rename failure"));
    }
    replace(from, to)
}

/// Puts the file `from` in place of the regular file `to`, atomically: swapped with it
/// (`renameat2` with `RENAME_EXCHANGE`), and then the previous contents, now at `from`, removed.
/// Anything else at `to` (nothing, a symlink, a folder), and a file system that cannot swap, gets
/// a plain rename.
///
/// Why not always a rename: on ext4 (mounted with the default `auto_da_alloc`), a rename over an
/// existing file starts writing the new file to disk inside the rename call, to spare programs
/// that never flush an empty file after a crash. That was 6 to 10 ms per 10 MB output on this
/// machine (`strace -T`), three times in a warm `generate` of the Graph docs; the swap and the
/// removal take about 1 ms. The files written here need no such care (see [`write_atomic`]).
#[cfg(target_os = "linux")]
fn replace(from: &Path, to: &Path) -> std::io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    // When the swap fails (an older kernel, a file system without it, `to` gone meanwhile), the
    // rename below is tried, and reports its own error if it fails too.
    if fs::symlink_metadata(to).is_ok_and(|m| m.file_type().is_file())
        && renameat_with(CWD, from, CWD, to, RenameFlags::EXCHANGE).is_ok()
    {
        return fs::remove_file(from).map_err(|e| {
            std::io::Error::new(
                e.kind(),
                format!(
                    "the new contents are in place, but the previous ones could not be removed from `{}`: {e}",
                    from.display()
                ),
            )
        });
    }
    fs::rename(from, to)
}

/// Puts the file `from` in place of `to`, atomically.
#[cfg(not(target_os = "linux"))]
fn replace(from: &Path, to: &Path) -> std::io::Result<()> {
    fs::rename(from, to)
}

/// A short description of how `new` differs from `old`: missing, or lines added/removed and the
/// first differing line.
///
/// Lines are counted as a multiset (a line written twice and kept once is one removed), in one
/// pass over each side after the lines both share at the start and the end: comparing every line
/// against every other was quadratic, 40–50 s for a stale spec of the Graph corpus.
fn summary(old: Option<&[u8]>, new: &str) -> String {
    let Some(old) = old else { return format!("missing ({} lines would be written)", new.lines().count()) };
    let old = String::from_utf8_lossy(old);
    let (a, b): (Vec<&str>, Vec<&str>) = (old.lines().collect(), new.lines().collect());
    let first = a.iter().zip(&b).position(|(x, y)| x != y).unwrap_or(a.len().min(b.len()));
    // Lines shared at both ends cancel out; only the middles are counted.
    let last = a[first..].iter().rev().zip(b[first..].iter().rev()).take_while(|(x, y)| x == y).count();
    let (a, b) = (&a[first..a.len() - last], &b[first..b.len() - last]);
    // Per distinct line: how many more times the new text holds it than the old one.
    let mut balance: std::collections::HashMap<&str, isize> = std::collections::HashMap::with_capacity(b.len());
    b.iter().for_each(|l| *balance.entry(l).or_default() += 1);
    a.iter().for_each(|l| *balance.entry(l).or_default() -= 1);
    let added: isize = balance.values().filter(|n| **n > 0).sum();
    let removed: isize = -balance.values().filter(|n| **n < 0).sum::<isize>();
    format!("differs from line {}: ~{added} lines added, ~{removed} removed", first + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Targets whose final rename fails. Global, not per thread: the writes run on rayon's
    /// threads. Each test names files in its own temporary directory, so tests do not interfere.
    pub(super) static FAIL_RENAME: std::sync::Mutex<Vec<PathBuf>> = std::sync::Mutex::new(Vec::new());

    fn fail_rename(target: &Path, fail: bool) {
        let mut list = FAIL_RENAME.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        list.retain(|p| p != target);
        if fail {
            list.push(target.to_path_buf());
        }
    }

    /// The names in `dir`, sorted.
    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> =
            fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        names.sort();
        names
    }

    #[test]
    fn a_failed_final_rename_keeps_the_previous_output_and_check_reports_it_stale() {
        let dir = tempfile::tempdir().unwrap();
        let old = vec![GeneratedFile::new("openapi.yaml", "openapi: 3.0.3\ntitle: old\n")];
        write_files(dir.path(), &old, WriteMode::Write).unwrap();
        let target = dir.path().join("openapi.yaml");
        fail_rename(&target, true);
        let new = vec![GeneratedFile::new("openapi.yaml", "openapi: 3.0.3\ntitle: new\n")];
        let err = write_files(dir.path(), &new, WriteMode::Write).unwrap_err();
        fail_rename(&target, false);
        assert!(err.to_string().contains("injected rename failure"), "{err}");
        assert_eq!(fs::read_to_string(&target).unwrap(), "openapi: 3.0.3\ntitle: old\n", "previous output intact");
        assert_eq!(names(dir.path()), ["openapi.yaml"], "no temporary file left behind");
        let r = write_files(dir.path(), &new, WriteMode::Check).unwrap();
        assert_eq!(
            r.stale,
            [("openapi.yaml".to_string(), "differs from line 2: ~1 lines added, ~1 removed".to_string())]
        );
    }

    /// `text` cut into pieces of `sizes` bytes in turn (the last one takes the rest).
    fn in_pieces(text: &str, sizes: &[usize]) -> Contents {
        let mut b = ContentsBuilder::new();
        let mut rest = text;
        for size in sizes.iter().cycle() {
            if rest.is_empty() {
                break;
            }
            let (piece, tail) = rest.split_at((*size).min(rest.len()));
            // Shared texts and copied ones, mixed.
            if size % 2 == 0 {
                b.push_text(&Text::from(piece))
            } else {
                b.push_str(piece)
            }
            rest = tail;
        }
        b.finish()
    }

    #[test]
    fn a_file_holds_exactly_its_contents_across_read_pieces_and_text_pieces() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big");
        // Longer than one read, so the comparison spans reads as well as pieces.
        let text: String = (0..200_000u32).map(|i| char::from(b'a' + (i % 26) as u8)).collect();
        fs::write(&path, &text).unwrap();
        for sizes in [&[200_000][..], &[1], &[7, 4096, 2], &[65_536, 65_537], &[100_000, 99_999, 1]] {
            let contents = in_pieces(&text, sizes);
            assert_eq!(contents.len(), text.len());
            assert_eq!(contents.text(), text, "{sizes:?}");
            assert!(holds(&path, &contents), "{sizes:?}");
            let mut last_differs = text.clone();
            last_differs.pop();
            last_differs.push('!');
            assert!(!holds(&path, &in_pieces(&last_differs, sizes)), "a difference in the last byte, {sizes:?}");
            assert!(!holds(&path, &in_pieces(&text[..text.len() - 1], sizes)), "the file is longer, {sizes:?}");
            assert!(!holds(&path, &in_pieces(&format!("{text}x"), sizes)), "the file is shorter, {sizes:?}");
            assert_eq!(in_pieces(&text, sizes), Contents::from(text.clone()), "equal however cut, {sizes:?}");
            assert_ne!(in_pieces(&last_differs, sizes), Contents::from(text.clone()));
        }
        assert!(!holds(&dir.path().join("missing"), &Contents::default()), "no file");
        fs::write(&path, b"").unwrap();
        assert!(holds(&path, &Contents::default()));
        assert!(holds(&path, &Contents::from("")));
    }

    #[test]
    fn contents_written_from_pieces_are_the_whole_text() {
        let dir = tempfile::tempdir().unwrap();
        let text: String = (0..300_000u32).map(|i| char::from(b'a' + (i % 26) as u8)).collect();
        let files = vec![GeneratedFile { path: "big.txt".to_string(), contents: in_pieces(&text, &[3, 300_000, 10]) }];
        write_files(dir.path(), &files, WriteMode::Write).unwrap();
        assert_eq!(fs::read_to_string(dir.path().join("big.txt")).unwrap(), text);
        let again = write_files(dir.path(), &files, WriteMode::Write).unwrap();
        assert_eq!(again.unchanged, ["big.txt"]);
    }

    /// A writer that takes at most `limit` bytes per call, and fails with `Interrupted` every
    /// third call, as a real file may.
    struct Stingy {
        out: Vec<u8>,
        limit: usize,
        calls: usize,
    }

    impl Write for Stingy {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.write_vectored(&[std::io::IoSlice::new(bytes)])
        }

        fn write_vectored(&mut self, slices: &[std::io::IoSlice<'_>]) -> std::io::Result<usize> {
            self.calls += 1;
            if self.calls.is_multiple_of(3) {
                return Err(std::io::ErrorKind::Interrupted.into());
            }
            let mut n = 0;
            for s in slices {
                let take = s.len().min(self.limit - n);
                self.out.extend_from_slice(&s[..take]);
                n += take;
                if n == self.limit {
                    break;
                }
            }
            Ok(n)
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn pieces_are_written_whole_in_order_across_short_and_interrupted_writes() {
        // More pieces than one call takes, empty ones among them, and writes that stop inside
        // a piece.
        let pieces: Vec<String> = (0..1500).map(|i| if i % 7 == 0 { String::new() } else { format!("{i},") }).collect();
        let whole: String = pieces.concat();
        for limit in [1, 5, 64, 1 << 20] {
            let mut w = Stingy { out: Vec::new(), limit, calls: 0 };
            write_pieces(&mut w, pieces.iter().map(|p| p.as_bytes())).unwrap();
            assert_eq!(String::from_utf8(w.out).unwrap(), whole, "{limit} bytes per call");
        }
    }

    #[test]
    fn refuses_paths_that_leave_the_output_directory() {
        let out = Path::new("/tmp/out");
        for bad in ["../evil", "a/../../evil", "/etc/passwd", "", "a\\..\\b"] {
            assert!(confined(out, bad).is_err(), "{bad}");
        }
        assert_eq!(confined(out, "rust/models.rs").unwrap(), out.join("rust/models.rs"));
    }

    #[test]
    fn unchanged_files_keep_their_mtime_and_check_reports_stale_ones() {
        let dir = tempfile::tempdir().unwrap();
        let files = vec![GeneratedFile::new("a.yaml", "x: 1\n"), GeneratedFile::new("sub/b.json", "{}\n")];
        let r = write_files(dir.path(), &files, WriteMode::Write).unwrap();
        assert_eq!(r.written.len(), 2);
        let before = fs::metadata(dir.path().join("a.yaml")).unwrap().modified().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        let r = write_files(dir.path(), &files, WriteMode::Write).unwrap();
        assert_eq!(r.unchanged.len(), 2);
        assert_eq!(fs::metadata(dir.path().join("a.yaml")).unwrap().modified().unwrap(), before);

        let changed = vec![GeneratedFile::new("a.yaml", "x: 2\n"), GeneratedFile::new("c.rs", "")];
        let r = write_files(dir.path(), &changed, WriteMode::Check).unwrap();
        assert_eq!(r.stale.len(), 2);
        assert!(r.stale[0].1.starts_with("differs from line 1"), "{:?}", r.stale);
        assert!(r.stale[1].1.starts_with("missing"));
        assert_eq!(fs::read_to_string(dir.path().join("a.yaml")).unwrap(), "x: 1\n", "check writes nothing");
        assert!(!dir.path().join("c.rs").exists());
    }

    #[test]
    fn a_summary_counts_lines_as_often_as_they_occur() {
        assert_eq!(summary(None, "a\nb\n"), "missing (2 lines would be written)");
        assert_eq!(summary(Some(b"a\nb\nc\n"), "a\nb\nc\n"), "differs from line 4: ~0 lines added, ~0 removed");
        // One of two equal lines dropped, one line changed, one added at the end.
        let old = "x\ny\ny\nz\n";
        let new = "x\ny\nq\nz\nw\n";
        assert_eq!(summary(Some(old.as_bytes()), new), "differs from line 3: ~2 lines added, ~1 removed");
        assert_eq!(summary(Some(new.as_bytes()), old), "differs from line 3: ~1 lines added, ~2 removed");
    }

    /// A temporary output folder holding `openapi.yaml` with the text `old`.
    fn previous_output() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("openapi.yaml");
        fs::write(&target, "old\n").unwrap();
        (dir, target)
    }

    #[test]
    fn a_failed_rename_leaves_the_previous_output_intact() {
        let (dir, target) = previous_output();
        // A directory in the way of the temporary file's rename target makes the rename fail.
        let blocked = dir.path().join("blocked");
        fs::create_dir_all(blocked.join("inner")).unwrap();
        assert!(write_atomic(&blocked, b"new\n").is_err());
        assert!(blocked.join("inner").is_dir());
        assert_eq!(fs::read_to_string(&target).unwrap(), "old\n");
        assert!(!names(dir.path()).iter().any(|n| n.ends_with(".tmp")), "temporary files are cleaned up");
    }

    #[test]
    fn a_replaced_file_is_a_new_file_and_the_previous_contents_are_removed() {
        let (dir, target) = previous_output();
        // A second name for the previous file: what a reader that opened it before still sees.
        let reader = dir.path().join("reader");
        fs::hard_link(&target, &reader).unwrap();
        write_atomic(&target, b"new\n").unwrap();
        assert_eq!(fs::read_to_string(&target).unwrap(), "new\n");
        assert_eq!(fs::read_to_string(&reader).unwrap(), "old\n", "the previous file is replaced, not written through");
        assert_eq!(names(dir.path()), ["openapi.yaml", "reader"], "no temporary file is left behind");
        // Again over the new file, and onto a name that did not exist.
        write_atomic(&target, b"newer\n").unwrap();
        write_atomic(&dir.path().join("fresh.json"), b"{}\n").unwrap();
        assert_eq!(fs::read_to_string(&target).unwrap(), "newer\n");
        assert_eq!(names(dir.path()), ["fresh.json", "openapi.yaml", "reader"]);
    }

    #[test]
    fn replace_swaps_only_regular_files() {
        let dir = tempfile::tempdir().unwrap();
        let (from, to) = (dir.path().join(".new.tmp"), dir.path().join("out"));
        // A folder at the target is not swapped into the temporary name: the rename refuses it.
        fs::create_dir(&to).unwrap();
        fs::write(&from, "new\n").unwrap();
        assert!(replace(&from, &to).is_err());
        assert!(to.is_dir());
        assert_eq!(fs::read_to_string(&from).unwrap(), "new\n", "the new file stays where it was");
        // A regular file is replaced, and nothing is left at the temporary name.
        fs::remove_dir(&to).unwrap();
        fs::write(&to, "old\n").unwrap();
        replace(&from, &to).unwrap();
        assert_eq!(fs::read_to_string(&to).unwrap(), "new\n");
        assert!(!from.exists());
    }
}
