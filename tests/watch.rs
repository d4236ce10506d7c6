//! Watch mode on temporary copies of `docs-input/`: edits (atomic saves included), deletions,
//! renames, broken pages and bursts, through the library's `Watcher` (no binary spawned).

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use mdapi::emit::openapi::OpenApiOptions;
use mdapi::watch::{Rebuild, Session, Watcher};

const DEBOUNCE: Duration = Duration::from_millis(200);

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A temporary docs tree (a copy of `docs-input/`) and its output folder, built once.
struct Tree {
    _tmp: tempfile::TempDir,
    docs: PathBuf,
    out: PathBuf,
}

impl Tree {
    fn new() -> (Tree, Session) {
        let tmp = tempfile::tempdir().unwrap();
        let docs = tmp.path().join("docs");
        let out = tmp.path().join("out");
        copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("docs-input"), &docs);
        let (session, first) = Session::new(&docs, &out, OpenApiOptions::default(), mdapi::Limits::default()).unwrap();
        assert!(first.written.is_some(), "the first build writes: {}", first.line());
        (Tree { _tmp: tmp, docs, out }, session)
    }

    fn yaml(&self) -> String {
        fs::read_to_string(self.out.join("openapi.yaml")).unwrap()
    }

    /// Saves `rel` as editors do: a temporary file beside it, renamed over it.
    fn atomic_save(&self, rel: &str, text: &str) {
        // Vim's and many editors' way: write a sibling, then rename it over the page.
        let tmp = self.docs.join(format!("{rel}.swp"));
        fs::write(&tmp, text).unwrap();
        fs::rename(&tmp, self.docs.join(rel)).unwrap();
    }

    fn edit(&self, rel: &str, from: &str, to: &str) {
        let text = fs::read_to_string(self.docs.join(rel)).unwrap();
        assert!(text.contains(from), "{rel} holds {from:?}");
        self.atomic_save(rel, &text.replacen(from, to, 1));
    }
}

fn next(w: &Watcher, timeout: Duration) -> Option<Rebuild> {
    w.rebuilds().recv_timeout(timeout).ok().map(|r| r.expect("rebuild without I/O error"))
}

#[test]
fn an_atomic_save_updates_openapi_yaml_within_the_debounce_interval_plus_500ms() {
    let (tree, session) = Tree::new();
    assert!(!tree.yaml().contains("watched-edit"));
    let watcher = Watcher::start(session, DEBOUNCE).unwrap();
    let saved = Instant::now();
    tree.edit("api/message-get.md", "The body is returned as HTML", "The body is returned as watched-edit HTML");
    let deadline = saved + DEBOUNCE + Duration::from_millis(500);
    while !tree.yaml().contains("watched-edit") {
        if Instant::now() >= deadline {
            let r = next(&watcher, Duration::from_secs(5));
            eprintln!("late by {:?}: {:?}", saved.elapsed(), r.map(|r| r.line()));
        }
        assert!(
            Instant::now() < deadline,
            "openapi.yaml not updated within {:?}",
            DEBOUNCE + Duration::from_millis(500)
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    let took = saved.elapsed();
    let r = next(&watcher, Duration::from_secs(5)).expect("a rebuild");
    assert_eq!((r.changed, r.removed), (1, 0), "only the saved page is re-read: {}", r.line());
    assert!(r.line().contains("openapi.yaml"), "{}", r.line());
    eprintln!("edit → openapi.yaml updated in {took:?} (debounce {DEBOUNCE:?}); {}", r.line());
}

#[test]
fn a_deleted_page_loses_its_operations_and_a_renamed_one_keeps_them() {
    let (tree, session) = Tree::new();
    assert!(tree.yaml().contains("x-mdapi-source: api/message-delete.md:"));
    assert!(tree.yaml().contains("x-mdapi-source: api/mailfolder_delete.md:"));
    let delete_ops = |yaml: &str| yaml.lines().filter(|l| l.trim() == "delete:").count();
    let before = delete_ops(&tree.yaml());
    let watcher = Watcher::start(session, DEBOUNCE).unwrap();

    fs::remove_file(tree.docs.join("api/message-delete.md")).unwrap();
    let r = next(&watcher, Duration::from_secs(10)).expect("a rebuild");
    assert_eq!(r.removed, 1, "{}", r.line());
    let yaml = tree.yaml();
    assert!(!yaml.contains("api/message-delete.md"));
    let after_delete = delete_ops(&yaml);
    assert!(after_delete < before, "the page's DELETE operations are gone");

    fs::rename(tree.docs.join("api/mailfolder_delete.md"), tree.docs.join("api/folder-remove.md")).unwrap();
    let r = next(&watcher, Duration::from_secs(10)).expect("a rebuild");
    assert_eq!((r.changed, r.removed), (1, 1), "{}", r.line());
    let yaml = tree.yaml();
    assert!(!yaml.contains("api/mailfolder_delete.md") && yaml.contains("x-mdapi-source: api/folder-remove.md:"));
    assert_eq!(delete_ops(&yaml), after_delete, "the renamed page's operation is still there");
}

#[test]
fn a_broken_page_keeps_the_previous_outputs_and_is_reported_until_fixed() {
    let (tree, mut session) = Tree::new();
    let good = tree.yaml();
    let page = tree.docs.join("api/message-get.md");
    let text = fs::read(&page).unwrap();
    // Invalid UTF-8 is an error-severity finding (MD004): the outputs must not follow it.
    let mut bad = text.clone();
    bad.extend_from_slice(b"\n\xff\xfe broken\n");
    fs::write(&page, &bad).unwrap();
    let r = session.apply(std::slice::from_ref(&fs::canonicalize(&page).unwrap())).unwrap().expect("a rebuild");
    assert!(r.written.is_none(), "{}", r.line());
    assert!(r.broken.iter().any(|d| d.file == "api/message-get.md" && d.code == "MD004"), "{:?}", r.broken);
    assert!(r.line().contains("kept the previous outputs: api/message-get.md: MD004"), "{}", r.line());
    assert_eq!(tree.yaml(), good);

    // An unclosed fence hides the rest of the page (its operation with it): also broken, and another page's
    // edit does not overwrite the last good outputs while it stays so.
    let unclosed = String::from_utf8(text.clone()).unwrap().replacen("## Permissions", "```json\n## Permissions", 1);
    fs::write(&page, unclosed).unwrap();
    let other = tree.docs.join("api/message-delete.md");
    fs::write(&other, fs::read_to_string(&other).unwrap() + "\nMore words.\n").unwrap();
    let paths = [fs::canonicalize(&page).unwrap(), fs::canonicalize(&other).unwrap()];
    let r = session.apply(&paths).unwrap().expect("a rebuild");
    assert!(r.written.is_none() && r.broken.iter().any(|d| d.file == "api/message-get.md"), "{}", r.line());
    assert_eq!(tree.yaml(), good);

    // Fixed: written again, and the same as before the breakage.
    fs::write(&page, &text).unwrap();
    fs::write(&other, fs::read_to_string(&other).unwrap().replace("\nMore words.\n", "")).unwrap();
    let r = session.apply(&paths).unwrap().expect("a rebuild");
    assert!(r.written.is_some() && r.broken.is_empty(), "{}", r.line());
    assert_eq!(tree.yaml(), good);
}

#[test]
fn a_broken_page_is_reported_by_the_watcher() {
    let (tree, session) = Tree::new();
    let good = tree.yaml();
    let watcher = Watcher::start(session, DEBOUNCE).unwrap();
    tree.edit("api/message-get.md", "## Permissions", "```json\n## Permissions");
    let r = next(&watcher, Duration::from_secs(10)).expect("a rebuild");
    assert!(r.written.is_none() && r.broken.iter().any(|d| d.file == "api/message-get.md"), "{}", r.line());
    assert_eq!(r.changed, 1, "{}", r.line());
    assert_eq!(tree.yaml(), good);
}

#[test]
fn a_burst_of_1000_touched_files_is_one_rebuild() {
    let (tree, session) = Tree::new();
    // Writing a thousand files can stall on a loaded machine: a longer interval than an editor
    // needs keeps the test about gathering, not about scheduling.
    let debounce = Duration::from_millis(500);
    let watcher = Watcher::start(session, debounce).unwrap();
    let notes = tree.docs.join("notes");
    fs::create_dir(&notes).unwrap();
    for i in 0..1000 {
        fs::write(notes.join(format!("note-{i:04}.md")), format!("# Note {i}\n\nA page about nothing.\n")).unwrap();
    }
    let r = next(&watcher, Duration::from_secs(20)).expect("a rebuild");
    assert_eq!(r.changed, 1000, "{}", r.line());
    let again = next(&watcher, debounce * 3);
    assert!(again.is_none(), "a second rebuild: {}", again.unwrap().line());
    eprintln!("burst of new files: {}", r.line());

    // A branch switch rewrites files that are already known: each has its own notification.
    for i in 0..1000 {
        fs::write(notes.join(format!("note-{i:04}.md")), format!("# Note {i}\n\nA page about something.\n")).unwrap();
    }
    let r = next(&watcher, Duration::from_secs(20)).expect("a rebuild");
    assert_eq!(r.changed, 1000, "{}", r.line());
    let again = next(&watcher, debounce * 3);
    assert!(again.is_none(), "a second rebuild: {}", again.unwrap().line());
    eprintln!("burst of rewritten files: {}", r.line());
}

#[test]
fn swap_files_and_output_writes_cause_no_rebuild() {
    let (tree, session) = Tree::new();
    let watcher = Watcher::start(session, DEBOUNCE).unwrap();
    fs::write(tree.docs.join("api/.message-get.md.swp"), "editor state").unwrap();
    assert!(next(&watcher, DEBOUNCE * 4).is_none());
}

#[test]
fn a_renamed_directory_moves_its_pages() {
    let (tree, session) = Tree::new();
    let pages = |s: &Session| s.workspace().pages.iter().map(|p| p.source.rel.clone()).collect::<Vec<_>>();
    let before = pages(&session);
    let api_pages = before.iter().filter(|r| r.starts_with("api/")).count();
    let good = tree.yaml();
    let watcher = Watcher::start(session, DEBOUNCE).unwrap();
    fs::rename(tree.docs.join("api"), tree.docs.join("reference")).unwrap();
    let r = next(&watcher, Duration::from_secs(10)).expect("a rebuild");
    assert_eq!((r.changed, r.removed), (api_pages, api_pages), "{}", r.line());
    let yaml = tree.yaml();
    assert!(!yaml.contains("x-mdapi-source: api/") && yaml.contains("x-mdapi-source: reference/"));
    assert_eq!(yaml.replace("reference/", "api/"), good, "the same document, but for the file names");
}
