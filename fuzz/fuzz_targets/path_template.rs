//! `path_template`: Each line through the HTTP request-line parser and the model's path functions (merge key,
//! example path, match score): located issues, unique well-formed parameter names.
//! The checks are `mdapi::fuzzing::path_template` (also run on stored crash inputs by tests/fuzz_regressions.rs).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| mdapi::fuzzing::path_template(data));
