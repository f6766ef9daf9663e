//! A built site in memory → HTTP on 127.0.0.1, with live reload and an error overlay.
//!
//! The server knows nothing of the model: it serves the files of the last good build from
//! memory, under the base path, and tells open pages (server-sent events) to reload after a
//! rebuild or to show the errors of a failed one. Paths are looked up in the site's own file
//! list, so nothing outside the site can be served, whatever the request says.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

use axum::Router;
use axum::body::Body as HttpBody;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tokio::sync::broadcast;
use tokio_stream::StreamExt as _;
use tokio_stream::wrappers::BroadcastStream;

use crate::files::{Body, Rendered};

/// Where the live-reload endpoints live (outside any base path).
pub const LIVE_PREFIX: &str = "/__congkhai/";

const LIVE_JS: &str = r#"(function () {
  var box = null;
  function show(text) {
    if (!box) {
      box = document.createElement("div");
      box.id = "congkhai-error";
      box.setAttribute("role", "alert");
      box.tabIndex = -1;
      box.style.cssText = "position:fixed;inset:0;overflow:auto;z-index:2147483647;margin:0;padding:1.5rem;" +
        "background:#1d1d1d;color:#fff;font:15px/1.5 ui-monospace,monospace;white-space:pre-wrap";
      document.body.appendChild(box);
    }
    box.textContent = text;
    // Focus moves to the errors so that a keyboard or screen-reader user reaches them.
    box.focus();
  }
  var es = new EventSource("/__congkhai/events");
  es.onmessage = function (e) {
    var m = JSON.parse(e.data);
    if (m.kind === "reload" || (m.kind === "ok" && box)) { location.reload(); }
    else if (m.kind === "error") { show(m.text); }
  };
})();
"#;

/// What is being served.
#[derive(Default)]
struct Site {
    files: rustc_hash::FxHashMap<String, Served>,
    base_path: String,
    error: Option<String>,
}

#[derive(Clone)]
enum Served {
    Bytes(Arc<Vec<u8>>),
    Static(&'static [u8]),
    File(PathBuf),
}

/// Shared by the HTTP handlers and the rebuild loop.
#[derive(Clone)]
pub struct Server {
    site: Arc<RwLock<Site>>,
    events: broadcast::Sender<String>,
}

impl Server {
    /// A server with nothing to serve yet, for a site under `base_path` (`/cong-khai/`).
    pub fn new(base_path: &str) -> Server {
        let (events, _) = broadcast::channel(64);
        let site = Site {
            base_path: base_path.to_string(),
            ..Site::default()
        };
        Server {
            site: Arc::new(RwLock::new(site)),
            events,
        }
    }

    /// Serves a new build and tells open pages to reload.
    pub fn publish(&self, rendered: &Rendered) {
        let Ok(mut site) = self.site.write() else { return };
        // Updated in place: after an edit most files are the same shared bytes as before.
        for f in &rendered.files {
            if let (Body::Shared(new), Some(Served::Bytes(old))) = (&f.body, site.files.get(&f.path))
                && Arc::ptr_eq(new, old)
            {
                continue;
            }
            let served = match &f.body {
                Body::Bytes(b) => Served::Bytes(Arc::new(b.clone())),
                Body::Shared(b) => Served::Bytes(Arc::clone(b)),
                Body::Static(b) => Served::Static(b),
                Body::Copy(p) => Served::File(p.clone()),
                // Only a one-shot build writes pages as it goes; serve never asks it to.
                Body::Written(_) => continue,
            };
            match site.files.get_mut(&f.path) {
                Some(slot) => *slot = served,
                None => {
                    site.files.insert(f.path.clone(), served);
                }
            }
        }
        if site.files.len() > rendered.files.len() {
            let live: rustc_hash::FxHashSet<&str> = rendered.files.iter().map(|f| f.path.as_str()).collect();
            site.files.retain(|p, _| live.contains(p.as_str()));
        }
        site.error = None;
        drop(site);
        let _ = self.events.send(r#"{"kind":"reload"}"#.to_string());
    }

    /// Keeps serving the last good build and shows `text` over every open page.
    pub fn fail(&self, text: &str) {
        if let Ok(mut site) = self.site.write() {
            site.error = Some(text.to_string());
        }
        let _ = self
            .events
            .send(serde_json::json!({"kind": "error", "text": text}).to_string());
    }

    /// The HTTP routes.
    pub fn router(&self) -> Router {
        Router::new()
            .route("/__congkhai/live.js", get(live_js))
            .route("/__congkhai/events", get(events))
            .fallback(get(file))
            .with_state(self.clone())
    }
}

/// Binds `addr` (port 0 picks a free port) and serves until the process ends.
pub async fn listen(addr: SocketAddr) -> std::io::Result<tokio::net::TcpListener> {
    tokio::net::TcpListener::bind(addr).await
}

async fn live_js() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        LIVE_JS,
    )
        .into_response()
}

async fn events(State(server): State<Server>) -> Response {
    let first = {
        let error = server.site.read().ok().and_then(|s| s.error.clone());
        match error {
            Some(text) => serde_json::json!({"kind": "error", "text": text}).to_string(),
            None => r#"{"kind":"hello"}"#.to_string(),
        }
    };
    let rx = server.events.subscribe();
    let stream = tokio_stream::once(first)
        .chain(BroadcastStream::new(rx).filter_map(|m| m.ok()))
        .map(|m| Ok::<Event, std::convert::Infallible>(Event::default().data(m)));
    Sse::new(stream).keep_alive(KeepAlive::default()).into_response()
}

/// The site path a request names, or `None` when it is not under the base path or tries to
/// leave the site (`..`, encoded or not, backslashes, NUL).
pub fn site_path(base_path: &str, uri_path: &str) -> Option<String> {
    let decoded = crate::url::percent_decode(uri_path)?;
    let rest = decoded
        .strip_prefix(base_path)
        .or_else(|| (decoded.clone() + "/").strip_prefix(base_path).map(|_| ""))?;
    let rest = rest.to_string();
    if rest.contains('\\') || rest.contains('\0') {
        return None;
    }
    if rest.split('/').any(|seg| seg == ".." || seg == ".") {
        return None;
    }
    Some(rest)
}

/// The media type to send for a file name; text types say UTF-8.
pub fn content_type(path: &str) -> String {
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    let essence = mime.essence_str().to_string();
    let texty = essence.starts_with("text/")
        || matches!(
            essence.as_str(),
            "application/javascript" | "application/json" | "application/xml" | "image/svg+xml"
        )
        || essence.ends_with("+xml");
    if texty {
        format!("{essence}; charset=utf-8")
    } else {
        essence
    }
}

fn inject(html: &[u8], error: Option<&str>) -> Vec<u8> {
    let script = format!("<script src=\"{LIVE_PREFIX}live.js\"></script>");
    let text = String::from_utf8_lossy(html);
    let mut out = match text.rfind("</body>") {
        Some(i) => format!("{}{script}{}", &text[..i], &text[i..]),
        None => format!("{text}{script}"),
    };
    if let Some(e) = error {
        // The overlay is also drawn without JavaScript running yet, for the first request.
        let escaped = crate::escape::html(e);
        out.push_str(&format!("<noscript><pre>{escaped}</pre></noscript>"));
    }
    out.into_bytes()
}

async fn file(State(server): State<Server>, uri: Uri) -> Response {
    let (found, error, not_found, base_path) = {
        let Ok(site) = server.site.read() else {
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        };
        let base_path = site.base_path.clone();
        let lookup = |p: &str| site.files.get(p).cloned();
        let found = match site_path(&base_path, uri.path()) {
            None => None,
            Some(p) if p.is_empty() || p.ends_with('/') => {
                lookup(&format!("{p}index.html")).map(|f| (p + "index.html", f))
            }
            Some(p) => match lookup(&p) {
                Some(f) => Some((p, f)),
                // `/tasks/a` → `/tasks/a/`, as static web servers do.
                None if site.files.contains_key(&format!("{p}/index.html")) => {
                    return redirect(&with_query(&format!("{}/", uri.path()), &uri));
                }
                None => None,
            },
        };
        (
            found,
            site.error.clone(),
            site.files.get("404.html").cloned(),
            base_path,
        )
    };
    if site_path(&base_path, uri.path()).is_none() && uri.path() == "/" && base_path != "/" {
        return redirect(&with_query(&base_path, &uri));
    }
    let (status, path, served) = match (found, not_found) {
        (Some((p, f)), _) => (StatusCode::OK, p, f),
        (None, Some(nf)) => (StatusCode::NOT_FOUND, "404.html".to_string(), nf),
        (None, None) => {
            let body = match &error {
                Some(e) => inject(
                    b"<!doctype html><title>congkhai</title><body><h1>Build failed</h1></body>",
                    Some(e),
                ),
                None => b"not found".to_vec(),
            };
            let status = if error.is_some() {
                StatusCode::SERVICE_UNAVAILABLE
            } else {
                StatusCode::NOT_FOUND
            };
            return (status, [(header::CONTENT_TYPE, "text/html; charset=utf-8")], body).into_response();
        }
    };
    let bytes: Vec<u8> = match served {
        Served::Bytes(b) => b.to_vec(),
        Served::Static(b) => b.to_vec(),
        Served::File(p) => match tokio::fs::read(&p).await {
            Ok(b) => b,
            Err(_) => return StatusCode::NOT_FOUND.into_response(),
        },
    };
    let ctype = content_type(&path);
    let bytes = if ctype.starts_with("text/html") {
        inject(&bytes, error.as_deref())
    } else {
        bytes
    };
    let mut resp = (status, bytes).into_response();
    if let Ok(v) = HeaderValue::from_str(&ctype) {
        resp.headers_mut().insert(header::CONTENT_TYPE, v);
    }
    resp.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    resp
}

/// `path` with the query of `uri`, if it has one: `/search?q=duong` → `/search/?q=duong`
/// keeps the search.
fn with_query(path: &str, uri: &Uri) -> String {
    match uri.query() {
        Some(q) => format!("{path}?{q}"),
        None => path.to_string(),
    }
}

fn redirect(to: &str) -> Response {
    let mut resp = Response::new(HttpBody::empty());
    *resp.status_mut() = StatusCode::FOUND;
    if let Ok(v) = HeaderValue::from_str(to) {
        resp.headers_mut().insert(header::LOCATION, v);
    }
    resp
}

/// The path part of a base URL given on the command line or in site.yaml.
pub fn base_path_of(root: &Path, overrides: &crate::config::Overrides) -> String {
    crate::config::load(root, overrides)
        .ok()
        .and_then(|(cfg, _)| cfg)
        .map(|c| c.base.path)
        .unwrap_or_else(|| "/".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_paths() {
        for (uri, want) in [
            ("/cong-khai/", Some("")),
            ("/cong-khai", Some("")),
            ("/cong-khai/tasks/a/", Some("tasks/a/")),
            ("/cong-khai/files/b%C3%A1o%20c%C3%A1o.pdf", Some("files/báo cáo.pdf")),
            ("/cong-khai/../etc/passwd", None),
            ("/cong-khai/%2e%2e/etc/passwd", None),
            ("/cong-khai/a/%2E%2E/%2E%2E/x", None),
            ("/cong-khai/a%5c..%5cb", None),
            ("/cong-khai/a%00", None),
            ("/cong-khai/%zz", None),
            ("/other/", None),
            ("/", None),
        ] {
            assert_eq!(site_path("/cong-khai/", uri).as_deref(), want, "{uri}");
        }
        assert_eq!(site_path("/", "/").as_deref(), Some(""));
        assert_eq!(site_path("/", "/tasks/a/").as_deref(), Some("tasks/a/"));
    }

    #[test]
    fn content_types_say_utf8_for_text() {
        for (path, want) in [
            ("index.html", "text/html; charset=utf-8"),
            ("style.css", "text/css; charset=utf-8"),
            ("feed.xml", "text/xml; charset=utf-8"),
            ("data/tasks.json", "application/json; charset=utf-8"),
            ("data/tasks.csv", "text/csv; charset=utf-8"),
            ("files/a.pdf", "application/pdf"),
        ] {
            let got = content_type(path);
            assert!(
                got == want || (path == "feed.xml" && got == "application/xml; charset=utf-8"),
                "{path}: {got}"
            );
        }
    }

    #[test]
    fn reload_script_goes_before_the_end_of_body() {
        let out = String::from_utf8(inject(b"<html><body><p>x</p></body></html>", None)).unwrap();
        assert!(
            out.contains("<p>x</p><script src=\"/__congkhai/live.js\"></script></body>"),
            "{out}"
        );
    }
}
