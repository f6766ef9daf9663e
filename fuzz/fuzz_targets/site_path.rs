//! `serve::site_path` (request path → site file of the dev server) never panics, and a path
//! it returns stays in the site: no `..` or `.` segment, no backslash, no NUL, and it is
//! exactly what the decoded request path holds after the base path.

#![no_main]

use congkhai::serve::site_path;
use congkhai::url::percent_decode;
use libfuzzer_sys::fuzz_target;

/// Base paths as `BaseUrl` gives them (starting and ending with `/`).
const BASES: [&str; 4] = ["/", "/cong-khai/", "/a b/", "/c%C3%B4ng/"];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let Ok(uri) = std::str::from_utf8(rest) else {
        return;
    };
    let base = BASES[usize::from(pick) % BASES.len()];
    let Some(path) = site_path(base, uri) else {
        return;
    };
    assert!(!path.contains('\\'), "{base:?} {uri:?} -> {path:?}");
    assert!(!path.contains('\0'), "{base:?} {uri:?} -> {path:?}");
    assert!(
        path.split('/').all(|seg| seg != ".." && seg != "."),
        "{base:?} {uri:?} -> {path:?}"
    );
    // It comes from the decoded request path, after the base path (or is empty for the base
    // path without its last `/`).
    let decoded = percent_decode(uri).expect("a path was found, so the request decodes");
    assert!(
        decoded == format!("{base}{path}") || (path.is_empty() && format!("{decoded}/") == base),
        "{base:?} {uri:?} -> {path:?}"
    );
});
