//! Inputs the coverage-guided fuzz targets (`fuzz/`, run by `.ci/fuzz-targets`) found, kept in
//! `tests/fixtures/fuzz/<target>/` and re-checked here with exactly the target's assertions
//! (`mdapi::fuzzing`); see that folder's README for what each one broke.

use std::path::Path;

/// A target's checks: panics when an invariant does not hold.
type Check = fn(&[u8]);

/// Runs `check` on every file in `tests/fixtures/fuzz/<target>/`; returns how many there were.
fn each_input(target: &str, check: Check) -> usize {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz").join(target);
    let Ok(entries) = std::fs::read_dir(&dir) else { return 0 };
    let mut files: Vec<_> = entries.map(|e| e.unwrap().path()).collect();
    files.sort();
    for file in &files {
        let data = std::fs::read(file).unwrap();
        if let Err(panic) = std::panic::catch_unwind(|| check(&data)) {
            eprintln!("fuzz regression {} failed", file.display());
            std::panic::resume_unwind(panic);
        }
    }
    files.len()
}

#[test]
fn pipeline_regressions() {
    each_input("pipeline", mdapi::fuzzing::pipeline);
}

#[test]
fn lenient_json_regressions() {
    each_input("lenient_json", mdapi::fuzzing::lenient_json);
}

#[test]
fn path_template_regressions() {
    each_input("path_template", mdapi::fuzzing::path_template);
}

#[test]
fn generate_regressions() {
    each_input("generate", mdapi::fuzzing::generate);
}

/// The hand-written seeds of the fuzz targets (`fuzz/seeds/`) pass the checks too, so a seed that
/// fails is noticed here and not first by the fuzzer.
#[test]
fn fuzz_seeds_pass() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds");
    let targets: [(&str, Check); 4] = [
        ("pipeline", mdapi::fuzzing::pipeline),
        ("lenient_json", mdapi::fuzzing::lenient_json),
        ("path_template", mdapi::fuzzing::path_template),
        ("generate", mdapi::fuzzing::generate),
    ];
    for (target, check) in targets {
        let mut files: Vec<_> = std::fs::read_dir(seeds.join(target)).unwrap().map(|e| e.unwrap().path()).collect();
        files.sort();
        assert!(!files.is_empty(), "no seeds for {target}");
        for f in files {
            check(&std::fs::read(&f).unwrap());
        }
    }
}
