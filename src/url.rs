//! Site paths → URLs under base_url (root-relative for links, absolute for feeds).

/// The site's base URL, split into what links need.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl {
    /// Absolute, always ending with `/` (`https://example.gov.vn/cong-khai/`).
    pub absolute: String,
    /// The path part, starting and ending with `/` (`/cong-khai/`).
    pub path: String,
}

impl BaseUrl {
    /// Parses `https://host/path` (a missing trailing `/` is added); `None` when it is not
    /// an absolute http(s) URL.
    pub fn parse(raw: &str) -> Option<BaseUrl> {
        let raw = raw.trim();
        let rest = raw.strip_prefix("https://").or_else(|| raw.strip_prefix("http://"))?;
        let scheme_len = raw.len() - rest.len();
        let (host, path) = match rest.find('/') {
            Some(i) => (&rest[..i], &rest[i..]),
            None => (rest, "/"),
        };
        // A host name (or [IPv6]) with an optional port; a path of URL characters only, so
        // that the address can stand in every attribute and feed it is written into.
        let host_ok = host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b':' | b'[' | b']'));
        let path_ok = path.bytes().all(|b| {
            b.is_ascii_alphanumeric()
                || matches!(
                    b,
                    b'/' | b'-'
                        | b'.'
                        | b'_'
                        | b'~'
                        | b'%'
                        | b'!'
                        | b'$'
                        | b'&'
                        | b'+'
                        | b','
                        | b';'
                        | b'='
                        | b':'
                        | b'@'
                )
        });
        if host.is_empty() || !host_ok || !path_ok {
            return None;
        }
        let mut path = path.to_string();
        if !path.ends_with('/') {
            path.push('/');
        }
        while path.contains("//") {
            path = path.replace("//", "/");
        }
        let absolute = format!("{}{}{}", &raw[..scheme_len], host, path);
        Some(BaseUrl { absolute, path })
    }

    /// Root-relative link to a site path (`tasks/a/` → `/cong-khai/tasks/a/`).
    pub fn link(&self, site_path: &str) -> String {
        format!("{}{}", self.path, site_path.trim_start_matches('/'))
    }

    /// Absolute URL of a site path (`tasks/a/` → `https://…/cong-khai/tasks/a/`).
    pub fn permalink(&self, site_path: &str) -> String {
        format!("{}{}", self.absolute, site_path.trim_start_matches('/'))
    }
}

/// Percent-encodes the characters of a file name that cannot stand in a URL path as they are.
pub fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Decodes `%XX` escapes of a URL path; `None` when an escape is malformed or the result is
/// not UTF-8.
pub fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let hex = |b: u8| (b as char).to_digit(16);
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let (h, l) = (hex(*bytes.get(i + 1)?)?, hex(*bytes.get(i + 2)?)?);
            out.push((h * 16 + l) as u8);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_under_a_base_path() {
        for (base, path, link, permalink) in [
            (
                "https://example.gov.vn/cong-khai/",
                "tasks/a/",
                "/cong-khai/tasks/a/",
                "https://example.gov.vn/cong-khai/tasks/a/",
            ),
            (
                "https://example.gov.vn/cong-khai",
                "/tasks/a/",
                "/cong-khai/tasks/a/",
                "https://example.gov.vn/cong-khai/tasks/a/",
            ),
            ("https://example.gov.vn", "", "/", "https://example.gov.vn/"),
            (
                "http://localhost:1111/",
                "feed.xml",
                "/feed.xml",
                "http://localhost:1111/feed.xml",
            ),
            ("https://a.vn//x//y", "z/", "/x/y/z/", "https://a.vn/x/y/z/"),
        ] {
            let b = BaseUrl::parse(base).unwrap();
            assert_eq!(b.link(path), link, "{base} {path}");
            assert_eq!(b.permalink(path), permalink, "{base} {path}");
        }
    }

    #[test]
    fn rejects_non_urls() {
        for bad in [
            "example.gov.vn",
            "ftp://x/",
            "https://",
            "/cong-khai/",
            "https://a b/",
            "https://a.vn/x\"y/",
            "https://a.vn/<script>/",
            "https://a.vn\"/",
            "https://a.vn/x'y/",
            "https://a.vn/?q=1",
            "https://a.vn/#x",
            "https://a.vn/x y/",
        ] {
            assert!(BaseUrl::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn decodes_paths() {
        assert_eq!(
            percent_decode("files/b%C3%A1o%20c%C3%A1o.pdf").as_deref(),
            Some("files/báo cáo.pdf")
        );
        for bad in ["%", "%4", "%zz", "a%é", "%ff"] {
            assert_eq!(percent_decode(bad), None, "{bad}");
        }
    }

    #[test]
    fn encodes_file_names() {
        assert_eq!(encode_path("files/báo cáo.pdf"), "files/b%C3%A1o%20c%C3%A1o.pdf");
    }
}
