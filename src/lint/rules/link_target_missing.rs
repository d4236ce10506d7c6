//! MD550: a relative link to a Markdown file that is not in the doc set.

use crate::diagnostic::Sink;
use crate::lint::context::Ctx;
use crate::lint::registry::{Docs, code};
use crate::pipeline::Page;

pub(crate) const DOCS: Docs = Docs {
    what: "Reports a relative link to a `.md` file that resolves inside the docs root but names no file of the doc set. Links into folders that hold no page of the doc set (a folder not read), links that leave the docs root (`../../concepts/x.md` from the root's top), absolute paths and URLs are not checked, since their targets are outside what was read.",
    why: "Readers following the link get a 404; type links that break also lose the property's type.",
    example: "See the [attachment](../resources/atachment.md) resource.",
    fix: "See the [attachment](../resources/attachment.md) resource.",
};

pub(crate) fn check(ctx: &Ctx<'_>, page: &Page, sink: &mut Sink<'_>) {
    for link in &page.document().links {
        let Some(target) = resolve(&page.source.rel, &link.dest) else { continue };
        let dir = target.rsplit_once('/').map_or("", |(d, _)| d);
        // A folder that holds no page was not read (`includes/` beside `api/`): not ours to judge.
        if ctx.files.contains(target.as_str()) || !ctx.dirs.contains(dir) {
            continue;
        }
        let lower = target.to_ascii_lowercase();
        let message = match ctx.files_lower.get(&lower) {
            Some(f) => format!("link target `{}` differs in case from `{f}`; case-sensitive hosts break it", link.dest),
            None => format!("link target `{}` does not exist in the doc set", link.dest),
        };
        sink.report_help(code::LINK_TARGET_MISSING, link.span, message, "correct the path");
    }
}

/// The root-relative path a link points to, when it is a relative link to a Markdown file
/// inside the root.
pub(crate) fn resolve(from: &str, dest: &str) -> Option<String> {
    let dest = dest.trim();
    if dest.is_empty() || dest.starts_with(['#', '/']) || has_scheme(dest) || dest.starts_with("mailto:") {
        return None;
    }
    // Byte searches, not `split`'s char by char: `#` and `?` are ASCII, so the cut is a char boundary.
    let path = &dest[..memchr::memchr2(b'#', b'?', dest.as_bytes()).unwrap_or(dest.len())];
    if !path.len().checked_sub(3).is_some_and(|at| path.as_bytes()[at..].eq_ignore_ascii_case(b".md")) {
        return None;
    }
    // Built in one buffer: every link of every page comes through here.
    let mut out = String::with_capacity(from.len() + path.len());
    out.push_str(&from[..memchr::memrchr(b'/', from.as_bytes()).unwrap_or(0)]);
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                if out.is_empty() {
                    return None; // Leaves the root: not ours to check.
                }
                out.truncate(out.rfind('/').unwrap_or(0));
            }
            s => {
                if !out.is_empty() {
                    out.push('/');
                }
                out.push_str(s);
            }
        }
    }
    Some(out)
}

/// Whether `dest` holds `://` (a URL), found by its colons.
fn has_scheme(dest: &str) -> bool {
    let bytes = dest.as_bytes();
    memchr::memchr_iter(b':', bytes).any(|i| bytes[i + 1..].starts_with(b"//"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn resolves_inside_the_root_only() {
        assert_eq!(super::resolve("api/a.md", "../resources/b.md#x").as_deref(), Some("resources/b.md"));
        assert_eq!(super::resolve("api/a.md", "c.md").as_deref(), Some("api/c.md"));
        assert_eq!(super::resolve("a.md", "../concepts/c.md"), None);
        assert_eq!(super::resolve("api/a.md", "https://x/y.md"), None);
        assert_eq!(super::resolve("api/a.md", "/concepts/y.md"), None);
        assert_eq!(super::resolve("api/a.md", "./b.MD?x=1").as_deref(), Some("api/b.MD"));
        assert_eq!(super::resolve("api/v/a.md", "../../c.md").as_deref(), Some("c.md"));
        assert_eq!(super::resolve("api/a.md", "b.md/..//c.md").as_deref(), Some("api/c.md"));
        assert_eq!(super::resolve("a.md", "b.md").as_deref(), Some("b.md"));
        assert_eq!(super::resolve("api/a.md", "x:y//z.md").as_deref(), Some("api/x:y/z.md"), "a colon is no scheme");
        assert_eq!(super::resolve("api/a.md", "b.txt"), None);
    }
}
