//! Undocumented settings from the environment, for the tests only: they make a small site
//! behave as a large one (a split sitemap, a progress bar at once). Only the command line
//! reads them; the build gets them as options, like any other.

use std::time::Duration;

/// `CONGKHAI_SITEMAP_LIMIT`: fewer addresses per sitemap file than the protocol's 50,000, so
/// that the tests can split a small site's sitemap; `None` (after saying why) when it is not
/// a whole number above 0.
pub(super) fn sitemap_limit() -> Option<Option<usize>> {
    let Some(v) = std::env::var_os("CONGKHAI_SITEMAP_LIMIT") else {
        return Some(None);
    };
    match v
        .to_str()
        .and_then(|s| s.trim().parse::<usize>().ok())
        .filter(|&n| n > 0)
    {
        Some(n) => Some(Some(n)),
        None => {
            eprintln!(
                "error: CONGKHAI_SITEMAP_LIMIT must be a whole number above 0, found `{}`",
                v.display()
            );
            None
        }
    }
}

/// `CONGKHAI_PROGRESS_DELAY_MS`: how long a build runs before its progress bar shows, instead
/// of about a second.
pub(super) fn progress_delay() -> Option<Duration> {
    let v = std::env::var("CONGKHAI_PROGRESS_DELAY_MS").ok()?;
    v.trim().parse().ok().map(Duration::from_millis)
}
