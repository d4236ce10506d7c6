//! The progress bar of long runs: shown only to a person watching a terminal, never in CI, in
//! pipes or redirected logs, or with `--quiet`.

use std::io::IsTerminal;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// A bar on stderr, or `None` when nobody is there to see it.
pub(super) fn bar(quiet: bool) -> Option<ProgressBar> {
    // CI systems set `CI`; some give the job a pseudo-terminal, where a bar would only fill logs.
    if quiet || std::env::var_os("CI").is_some() || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr_with_hz(10));
    let style = ProgressStyle::with_template("{spinner} reading {pos}/{len} pages {wide_bar} {elapsed} {msg}")
        .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    // Small trees finish before the first draw: no flicker for them.
    bar.enable_steady_tick(Duration::from_millis(100));
    Some(bar)
}
