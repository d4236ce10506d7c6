//! The command's allocator policy: mimalloc keeps the memory a run frees, for the run to reuse,
//! and takes it from the OS in large pages.
//!
//! A run allocates and frees in waves (each page's parsed Markdown is freed once its facts are
//! out; every rebuild of `watch` replaces the last). By default mimalloc returns freed memory to
//! the OS after 10 ms, and the next wave takes it back page fault by page fault: on the corpus
//! that was 16,000 faults per pipeline run and about a fifth of its time. Keeping it costs
//! nothing the run did not already reach at its peak.

use std::ffi::{c_int, c_long};

// `mi_option_allow_large_os_pages` and `mi_option_purge_delay` in `mi_option_t` (mimalloc.h,
// v2 and v3 alike).
const MI_OPTION_ALLOW_LARGE_OS_PAGES: c_int = 6;
const MI_OPTION_PURGE_DELAY: c_int = 15;

unsafe extern "C" {
    // Exported by mimalloc (linked through the `mimalloc` crate); stores one option value.
    fn mi_option_set(option: c_int, value: c_long);
}

/// Makes mimalloc keep freed memory for reuse instead of returning it to the OS (purge delay
/// -1). Call it first thing in `main`; it is harmless when mimalloc is not the global allocator.
pub fn keep_freed_memory() {
    // Linked for `mi_option_set`, whether or not the program made it the global allocator.
    use mimalloc as _;
    // SAFETY: `mi_option_set` takes an option index and a value, has no preconditions, and is
    // safe to call at any time from any thread; 15 is `mi_option_purge_delay` in the vendored header.
    unsafe { mi_option_set(MI_OPTION_PURGE_DELAY, -1) }
}

/// Lets mimalloc back its arenas with 2 MiB pages where the OS allows it (on Linux,
/// transparent huge pages asked for with `madvise`; the option also makes mimalloc commit its
/// arenas eagerly). A cold `generate` touches about 300 MB of fresh memory, and without this it
/// spent a third of its time in the kernel zeroing pages (`clear_page_erms` in `perf`); with it,
/// 3 %. Over six alternating cold runs of the corpus: median 744 ms before, 646 ms after. Call
/// it first thing in `main`, before the arenas exist; harmless where mimalloc is not the global
/// allocator or large pages are not available.
pub fn use_large_pages() {
    use mimalloc as _;
    // SAFETY: as in `keep_freed_memory`; 6 is `mi_option_allow_large_os_pages`.
    unsafe { mi_option_set(MI_OPTION_ALLOW_LARGE_OS_PAGES, 1) }
}
