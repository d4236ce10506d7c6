//! Source stage: discovering doc files, reading them safely, byte spans and line/column lookup.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::diagnostic::{Diagnostic, codes};

/// A byte range into one source file's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// Why this span cannot point into `text` (outside it, inverted, or off a char boundary),
    /// if it cannot: the invariant the property tests and fuzz targets check for every span.
    pub fn problem_in(self, text: &str) -> Option<String> {
        if self.start > self.end || self.end > text.len() {
            Some(format!("span {self:?} outside a {}-byte text", text.len()))
        } else if !text.is_char_boundary(self.start) || !text.is_char_boundary(self.end) {
            Some(format!("span {self:?} not on char boundaries"))
        } else {
            None
        }
    }

    /// A span from `start` to `end` (swapped if reversed, so a span is never inverted).
    pub fn new(start: usize, end: usize) -> Span {
        if start <= end { Span { start, end } } else { Span { start: end, end: start } }
    }

    /// The empty span at `offset`.
    pub fn at(offset: usize) -> Span {
        Span { start: offset, end: offset }
    }

    /// This span shifted by `offset` bytes (spans of sub-texts become file spans).
    pub fn shift(self, offset: usize) -> Span {
        Span { start: self.start + offset, end: self.end + offset }
    }
}

impl From<std::ops::Range<usize>> for Span {
    fn from(r: std::ops::Range<usize>) -> Span {
        Span::new(r.start, r.end)
    }
}

/// Offsets of line starts, for turning byte offsets into 1-based line and column.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes `text`'s line starts.
    pub fn new(text: &str) -> LineIndex {
        let mut starts = Vec::with_capacity(text.len() / 40 + 1);
        starts.push(0);
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex { starts }
    }

    /// 1-based line of a byte offset.
    pub fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset)
    }

    /// 1-based (line, column); the column counts characters, as editors and SARIF do.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let line = self.line(offset);
        let start = self.starts[line - 1];
        let end = floor_char_boundary(text, offset.min(text.len()));
        let col = text.get(start..end).map_or(0, |s| s.chars().count()) + 1;
        (line, col)
    }

    /// Byte offset of the start of a 1-based line (clamped to the last line).
    pub fn line_start(&self, line: usize) -> usize {
        self.starts[line.clamp(1, self.starts.len()) - 1]
    }

    /// Number of lines.
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }
}

/// The largest char boundary at or below `offset`.
pub fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Index of a file in a [`SourceSet`].
pub type FileId = usize;

/// One doc file: where it is and what it says.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the docs root, with `/` separators (`api/user-get.md`).
    pub rel: String,
    /// Path on disk.
    pub path: PathBuf,
    /// The text, valid UTF-8 (invalid bytes were replaced, with a diagnostic).
    pub text: String,
    /// Line starts of `text`, indexed on first use: a page served from the incremental cache
    /// is rarely asked for a line.
    lines: std::sync::OnceLock<LineIndex>,
}

impl SourceFile {
    /// A file from text already in memory (tests, fixtures, stdin).
    pub fn from_text(rel: &str, text: impl Into<String>) -> SourceFile {
        let text = text.into();
        SourceFile { rel: rel.to_string(), path: PathBuf::from(rel), text, lines: Default::default() }
    }

    /// 1-based line of a byte offset.
    pub fn line(&self, offset: usize) -> usize {
        self.lines().line(offset)
    }

    /// Line starts of the text.
    pub fn lines(&self) -> &LineIndex {
        self.lines.get_or_init(|| LineIndex::new(&self.text))
    }
}

/// Limits that keep hostile input from exhausting time or memory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Larger files are skipped with a diagnostic.
    pub max_file_bytes: u64,
    /// Deeper JSON or Markdown nesting is cut off with a diagnostic.
    pub max_nesting: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits { max_file_bytes: 16 * 1024 * 1024, max_nesting: 256 }
    }
}

/// Lists the Markdown files under `root` (or `root` itself when it is a file), sorted by their
/// relative path so every run sees the same order. Unreadable entries and symlink loops become
/// diagnostics; a missing root is an I/O error.
pub fn discover(root: &Path) -> std::io::Result<(Vec<PathBuf>, Vec<Diagnostic>)> {
    let meta = fs::metadata(root)?;
    if meta.is_file() {
        return Ok((vec![root.to_path_buf()], Vec::new()));
    }
    let mut files = Vec::new();
    let mut diags = Vec::new();
    // Walked in directory order, not sorted per directory: the files and findings are sorted once
    // below (walkdir's sort takes each name apart again on every comparison, 37 M instructions
    // for the corpus, on one core before any page is read).
    for entry in walkdir::WalkDir::new(root).follow_links(true) {
        match entry {
            Ok(e) if e.file_type().is_file() && is_markdown(e.path()) => files.push(e.into_path()),
            Ok(_) => {}
            Err(err) => {
                let at = err.path().map(|p| relative(root, p)).unwrap_or_default();
                let message = if err.loop_ancestor().is_some() {
                    "symbolic link loop: the directory links back to one of its ancestors".to_string()
                } else {
                    format!("cannot read directory entry: {err}")
                };
                diags.push(Diagnostic::new(codes::UNREADABLE_FILE, &at, crate::Span::default(), message));
            }
        }
    }
    // Cached: the key allocates, and a sort asks for it about 2 log n times per file.
    files.sort_by_cached_key(|p| relative(root, p));
    crate::diagnostic::sort(&mut diags);
    Ok((files, diags))
}

/// Whether `path` names a Markdown file (`.md`, `.markdown`).
pub fn is_markdown(path: &Path) -> bool {
    path.extension().is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"))
}

/// `path` relative to `root`, with `/` separators; the file name alone when `root` is the file.
pub fn relative(root: &Path, path: &Path) -> String {
    // Discovery makes every page's path as the root's bytes, `/` and the clean relative path:
    // cut those bytes off instead of comparing the two paths component by component, twice per
    // page on every run.
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let root_bytes = root.as_os_str().as_bytes();
        if !root_bytes.is_empty()
            && !root_bytes.ends_with(b"/")
            && let Some(rest) = path.as_os_str().as_bytes().strip_prefix(root_bytes)
            && let Some(rest) = rest.strip_prefix(b"/")
            && let Ok(text) = std::str::from_utf8(rest)
            && is_clean(text)
        {
            return text.to_string();
        }
    }
    let rel = path.strip_prefix(root).ok().filter(|r| !r.as_os_str().is_empty());
    let rel = rel.unwrap_or_else(|| Path::new(path.file_name().unwrap_or(path.as_os_str())));
    if let Some(text) = rel.to_str()
        && std::path::MAIN_SEPARATOR == '/'
        && is_clean(text)
    {
        return text.to_string();
    }
    let parts: Vec<_> = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect();
    parts.join("/")
}

/// Whether a `/`-separated relative path already is its components joined by `/` (no empty or
/// `.` parts), so it needs no taking apart.
fn is_clean(rel: &str) -> bool {
    rel.split('/').all(|part| !part.is_empty() && part != ".")
}

/// Reads one file. Files that are too large, binary, or not UTF-8 still give a [`SourceFile`]
/// (empty, or with replacement characters) plus a diagnostic, so one bad file never stops a run.
pub fn read_file(root: &Path, path: &Path, limits: &Limits) -> std::io::Result<(SourceFile, Vec<Diagnostic>)> {
    let rel = relative(root, path);
    let mut diags = Vec::new();
    let file = fs::File::open(path)?;
    let len = file.metadata()?.len();
    // Sized from the metadata (plus one byte to see the end), so the read does not grow the buffer.
    let mut bytes = Vec::with_capacity(len.min(limits.max_file_bytes) as usize + 1);
    if len > limits.max_file_bytes {
        diags.push(Diagnostic::new(
            codes::FILE_TOO_LARGE,
            &rel,
            crate::Span::default(),
            format!("file is {len} bytes, over the limit of {} bytes; it was skipped", limits.max_file_bytes),
        ));
    } else {
        // `take` guards against a file that grows between the metadata call and the read.
        file.take(limits.max_file_bytes + 1).read_to_end(&mut bytes)?;
    }
    let text = decode(bytes, &rel, &mut diags);
    Ok((SourceFile { rel, path: path.to_path_buf(), text, lines: Default::default() }, diags))
}

/// Whether `bytes` are UTF-8, checked with SIMD: every warm run checks the whole corpus and the
/// cache's texts (some 50 MB), where the standard check was 4 % of the run's instructions.
pub(crate) fn is_utf8(bytes: &[u8]) -> bool {
    simdutf8::basic::from_utf8(bytes).is_ok()
}

/// `String::from_utf8`, checked with [`is_utf8`].
fn utf8_string(bytes: Vec<u8>) -> Result<String, std::string::FromUtf8Error> {
    if is_utf8(&bytes) {
        // SAFETY: `simdutf8` just checked that `bytes` is valid UTF-8.
        Ok(unsafe { String::from_utf8_unchecked(bytes) })
    } else {
        // The standard check again, for its error (where the invalid bytes start).
        String::from_utf8(bytes)
    }
}

/// Turns bytes into text: binary content is dropped, invalid UTF-8 replaced, a BOM removed.
fn decode(bytes: Vec<u8>, rel: &str, diags: &mut Vec<Diagnostic>) -> String {
    if let Some(nul) = memchr::memchr(0, &bytes) {
        diags.push(Diagnostic::new(
            codes::BINARY_FILE,
            rel,
            crate::Span::at(0),
            format!("file looks binary (a NUL byte at offset {nul}); it was skipped"),
        ));
        return String::new();
    }
    let mut text = match utf8_string(bytes) {
        Ok(t) => t,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let t = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let span = crate::Span::at(floor_char_boundary(&t, at));
            diags.push(Diagnostic::new(
                codes::INVALID_UTF8,
                rel,
                span,
                "file is not valid UTF-8; invalid bytes were replaced with U+FFFD".to_string(),
            ));
            t
        }
    };
    if text.starts_with('\u{feff}') {
        // Keep offsets stable for the rest of the file by blanking the BOM rather than removing it.
        text.replace_range(0..3, "   ");
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`utf8_string`] and `String::from_utf8` on `bytes`, for comparing.
    fn both_checks(bytes: &[u8]) -> [Result<String, std::str::Utf8Error>; 2] {
        [utf8_string(bytes.to_vec()), String::from_utf8(bytes.to_vec())].map(|r| r.map_err(|e| e.utf8_error()))
    }

    #[test]
    fn utf8_check_agrees_with_the_standard_one() {
        let samples: [&[u8]; 8] = [
            b"",
            b"plain ascii",
            "é – 😀".as_bytes(),
            b"\xff",
            b"ab\xc3",
            b"\xc0\xaf",
            b"\xed\xa0\x80",
            b"ok \xe2\x82",
        ];
        for bytes in samples {
            let [ours, std] = both_checks(bytes);
            assert_eq!(ours, std, "{bytes:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn utf8_check_agrees_on_any_bytes(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..80)) {
            let [ours, std] = both_checks(&bytes);
            proptest::prop_assert_eq!(ours, std);
        }

        #[test]
        fn utf8_check_agrees_on_text_cut_anywhere(text in "\\PC{0,40}", cut in 0usize..200) {
            let [ours, std] = both_checks(&text.as_bytes()[..cut.min(text.len())]);
            proptest::prop_assert_eq!(ours, std);
        }
    }

    #[test]
    fn a_span_names_why_it_cannot_point_into_a_text() {
        let text = "aé";
        assert_eq!(Span { start: 0, end: 3 }.problem_in(text), None);
        assert!(Span { start: 0, end: 4 }.problem_in(text).unwrap().contains("outside a 3-byte text"));
        assert!(Span { start: 2, end: 1 }.problem_in(text).unwrap().contains("outside"));
        assert!(Span { start: 0, end: 2 }.problem_in(text).unwrap().contains("char boundaries"));
    }

    #[test]
    fn line_col_counts_chars() {
        let text = "ab\ncé d\n";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 0), (1, 1));
        assert_eq!(idx.line_col(text, 3), (2, 1));
        assert_eq!(idx.line_col(text, 6), (2, 3));
        assert_eq!(idx.line(text.len()), 3);
    }

    #[test]
    fn decode_reports_bad_input() {
        let mut d = Vec::new();
        assert_eq!(decode(b"a\0b".to_vec(), "x.md", &mut d), "");
        assert_eq!(d[0].code, codes::BINARY_FILE.code);
        let mut d = Vec::new();
        let t = decode(b"ok \xff\xfe end".to_vec(), "x.md", &mut d);
        assert!(t.contains('\u{fffd}'));
        assert_eq!(d[0].code, codes::INVALID_UTF8.code);
    }

    #[test]
    fn relative_paths_use_slashes() {
        assert_eq!(relative(Path::new("/a/b"), Path::new("/a/b/api/x.md")), "api/x.md");
        assert_eq!(relative(Path::new("/a/b/x.md"), Path::new("/a/b/x.md")), "x.md");
        // Paths that are not clean take the slow way and come out the same as clean ones.
        assert_eq!(relative(Path::new("/a/b"), Path::new("/a/b/api//./x.md")), "api/x.md");
        assert_eq!(relative(Path::new("/a/b"), Path::new("/a/b/api/x.md/")), "api/x.md");
        assert_eq!(relative(Path::new("/a/b"), Path::new("/a/b/api/../x.md")), "api/../x.md");
        // Roots not written as the paths start take the component-wise way.
        assert_eq!(relative(Path::new("/a/b/"), Path::new("/a/b/api/x.md")), "api/x.md");
        assert_eq!(relative(Path::new("/a/./b"), Path::new("/a/b/api/x.md")), "api/x.md");
        assert_eq!(relative(Path::new("/a/bc"), Path::new("/a/b/c/x.md")), "x.md");
    }
}
