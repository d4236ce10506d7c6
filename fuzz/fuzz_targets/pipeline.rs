//! `pipeline`: One page, and the same bytes split at U+001E into up to four pages, through parse → extract → model;
//! every block and diagnostic span lies inside its file on char boundaries.
//! The checks are `mdapi::fuzzing::pipeline` (also run on stored crash inputs by tests/fuzz_regressions.rs).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| mdapi::fuzzing::pipeline(data));
