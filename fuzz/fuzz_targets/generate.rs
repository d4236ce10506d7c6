//! `generate`: Up to four pages (split at U+001E) through `mdapi::generate::generate`: it succeeds, the OpenAPI
//! passes its own check and its YAML equals its JSON, the Rust parses with `syn`, paths stay confined.
//! The checks are `mdapi::fuzzing::generate` (also run on stored crash inputs by tests/fuzz_regressions.rs).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| mdapi::fuzzing::generate(data));
