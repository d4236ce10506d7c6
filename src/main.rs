//! The `mdapi` command: thin wrapper over [`mdapi`]'s library; exit 0 ok, 1 findings, 2 tool error.

mod cli;

// Parsing allocates many small strings and frees them at the end; mimalloc halves that cost.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    mdapi::allocator::keep_freed_memory();
    mdapi::allocator::use_large_pages();
    cli::run()
}
