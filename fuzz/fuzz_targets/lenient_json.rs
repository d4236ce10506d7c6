//! `lenient_json`: The lenient JSON reader (default limits) on arbitrary text: located repairs and errors, serde_json's
//! value whenever serde_json accepts the text, and a recovered value that prints and reads back the same.
//! The checks are `mdapi::fuzzing::lenient_json` (also run on stored crash inputs by tests/fuzz_regressions.rs).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| mdapi::fuzzing::lenient_json(data));
