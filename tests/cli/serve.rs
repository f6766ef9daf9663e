//! `congkhai serve` end to end: bound to port 0, it serves the site under its base path,
//! follows edits, keeps the last good site while a file is broken, and serves nothing
//! outside the site.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::Site;

struct Server {
    child: Child,
    addr: String,
    base: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(site: &Site) -> Server {
    start_with(site, true)
}

/// Starts `serve`; without `with_root`, it runs in the site's folder with the default root `.`.
fn start_with(site: &Site, with_root: bool) -> Server {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_congkhai"));
    cmd.args(["serve", "--port", "0", "--today", "2026-11-29"]);
    if with_root {
        cmd.arg("--root").arg(site.root());
    } else {
        cmd.current_dir(site.root());
    }
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start congkhai serve");
    let stdout = child.stdout.take().expect("stdout");
    let mut line = String::new();
    BufReader::new(stdout)
        .read_line(&mut line)
        .expect("read the serving line");
    // "serving http://127.0.0.1:PORT/cong-khai/"
    let url = line
        .trim()
        .strip_prefix("serving http://")
        .expect("serving line")
        .to_string();
    let (addr, path) = url.split_at(url.find('/').expect("path"));
    Server {
        child,
        addr: addr.to_string(),
        base: path.to_string(),
    }
}

/// A raw HTTP/1.1 GET (the request line is sent as written, unnormalised).
fn get(server: &Server, path: &str) -> (u16, String, String) {
    let mut s = TcpStream::connect(&server.addr).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(10))).expect("timeout");
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
        server.addr
    )
    .expect("send");
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).expect("read response");
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head.split_whitespace().nth(1).and_then(|c| c.parse().ok()).unwrap_or(0);
    (status, head.to_ascii_lowercase(), body.to_string())
}

/// Polls `path` until its body satisfies `ok`, for at most 10 seconds.
fn wait_for(server: &Server, path: &str, ok: impl Fn(u16, &str) -> bool) -> (u16, String) {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let (status, _, body) = get(server, path);
        if ok(status, &body) {
            return (status, body);
        }
        assert!(
            Instant::now() < deadline,
            "timed out waiting for {path}: last status {status}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn serves_follows_edits_and_survives_broken_files() {
    let site = Site::fixture("basic");
    let server = start(&site);
    assert_eq!(server.base, "/cong-khai/");
    let page = format!("{}tasks/cong-khai/", server.base);
    let (_, body) = wait_for(&server, &page, |s, _| s == 200);
    assert!(body.contains("Công khai thông tin"), "{body}");
    // The reload script is injected when serving (never by `build`).
    assert!(body.contains("/__congkhai/live.js"));
    let (_, head, _) = get(&server, &page);
    assert!(head.contains("content-type: text/html; charset=utf-8"), "{head}");

    // An edit is served.
    site.edit(
        "content/tasks/cong-khai.md",
        "Đăng đầy đủ thông tin",
        "Đăng đầy đủ và kịp thời thông tin",
    );
    wait_for(&server, &page, |_, b| b.contains("Đăng đầy đủ và kịp thời thông tin"));

    // A broken file: the last good page is still served, and the error is available to
    // the page's overlay (the event stream's first message).
    site.edit("content/tasks/cong-khai.md", "lead: van-phong", "lead: [");
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let mut s = TcpStream::connect(&server.addr).expect("connect");
        s.set_read_timeout(Some(Duration::from_secs(2))).expect("timeout");
        write!(s, "GET /__congkhai/events HTTP/1.1\r\nHost: x\r\n\r\n").expect("send");
        let mut buf = vec![0u8; 4096];
        let n = s.read(&mut buf).unwrap_or(0);
        let mut text = String::from_utf8_lossy(&buf[..n]).into_owned();
        if !text.contains("data:") {
            let n = s.read(&mut buf).unwrap_or(0);
            text.push_str(&String::from_utf8_lossy(&buf[..n]));
        }
        if text.contains("\"kind\":\"error\"") {
            assert!(text.contains("content/tasks/cong-khai.md:"), "{text}");
            break;
        }
        assert!(Instant::now() < deadline, "no error reported: {text}");
        std::thread::sleep(Duration::from_millis(50));
    }
    let (status, _, body) = get(&server, &page);
    assert_eq!(status, 200);
    assert!(body.contains("Đăng đầy đủ và kịp thời thông tin"));

    // Fixed: served again.
    site.edit("content/tasks/cong-khai.md", "lead: [", "lead: van-phong");
    site.edit(
        "content/tasks/cong-khai.md",
        "kịp thời thông tin",
        "kịp thời mọi thông tin",
    );
    wait_for(&server, &page, |_, b| b.contains("kịp thời mọi thông tin"));

    // A new page is served, and a deleted one is gone.
    let extra = format!("{}trang-moi/", server.base);
    site.write(
        "content/pages/trang-moi.md",
        "---\ntitle: Trang mới\n---\nNội dung mới.\n",
    );
    wait_for(&server, &extra, |s, b| s == 200 && b.contains("Nội dung mới."));
    std::fs::remove_file(site.path("content/pages/trang-moi.md")).expect("remove");
    wait_for(&server, &extra, |s, _| s == 404);
}

#[test]
fn serves_nothing_outside_the_site() {
    let site = Site::fixture("basic");
    site.write("secret.txt", "bí mật");
    std::os::unix::fs::symlink(site.path("secret.txt"), site.path("static/lien-ket.txt")).expect("symlink");
    let server = start(&site);
    let base = server.base.clone();
    wait_for(&server, &base, |s, _| s == 200);
    for path in [
        format!("{base}../secret.txt"),
        format!("{base}%2e%2e/secret.txt"),
        format!("{base}%2E%2E%2Fsecret.txt"),
        format!("{base}files/..%2f..%2fsecret.txt"),
        "/secret.txt".to_string(),
        format!("{base}site.yaml"),
        format!("{base}content/tasks/cong-khai.md"),
    ] {
        let (status, _, body) = get(&server, &path);
        assert!(status == 404 || status == 400, "{path}: {status}");
        assert!(
            !body.contains("bí mật") && !body.contains("base_url"),
            "{path} leaked: {body}"
        );
    }
    // A symbolic link in static/ (to a file outside the site) is not served either.
    let (status, _, body) = get(&server, &format!("{base}lien-ket.txt"));
    assert_eq!(status, 404, "{body}");
    assert!(!body.contains("bí mật"));
    // Unknown pages get the theme's 404 page; files get their type.
    let (status, _, body) = get(&server, &format!("{base}khong-co/"));
    assert_eq!(status, 404);
    assert!(body.contains("Không tìm thấy"), "{body}");
    let (status, head, _) = get(&server, &format!("{base}data/tasks.csv"));
    assert_eq!(status, 200);
    assert!(head.contains("content-type: text/csv; charset=utf-8"), "{head}");
    let (status, head, _) = get(&server, &format!("{base}tasks/cong-khai"));
    assert_eq!(status, 302);
    assert!(head.contains(&format!("location: {base}tasks/cong-khai/")), "{head}");
}

#[test]
fn a_first_build_that_fails_still_serves_the_error() {
    let site = Site::fixture("basic");
    site.edit("content/tasks/cong-khai.md", "lead: van-phong", "lead: [");
    let server = start(&site);
    let (status, body) = wait_for(&server, &server.base.clone(), |s, _| s == 503);
    assert_eq!(status, 503);
    assert!(body.contains("content/tasks/cong-khai.md:"), "{body}");
    site.edit("content/tasks/cong-khai.md", "lead: [", "lead: van-phong");
    wait_for(&server, &server.base.clone(), |s, _| s == 200);
}

#[test]
fn the_default_root_follows_edits_too() {
    // See benches/soak.py findings: a relative root matched no file event.
    let site = Site::fixture("basic");
    let server = start_with(&site, false);
    let page = format!("{}tasks/cong-khai/", server.base);
    wait_for(&server, &page, |s, _| s == 200);
    site.edit(
        "content/tasks/cong-khai.md",
        "Đăng đầy đủ thông tin",
        "Đăng đủ thông tin (gốc tương đối)",
    );
    wait_for(&server, &page, |_, b| b.contains("(gốc tương đối)"));
}

#[test]
fn files_made_with_a_new_site_folder_are_seen() {
    // The fixture needs static/files/mau-don.txt (an attachment): without static/ the first
    // build fails; making the folder with its files at once must be seen whole.
    let site = Site::fixture("basic");
    std::fs::remove_dir_all(site.path("static")).expect("remove static");
    let server = start(&site);
    let base = server.base.clone();
    wait_for(&server, &base, |s, _| s == 503);
    std::fs::create_dir_all(site.path("static/files")).expect("mkdir");
    std::fs::write(site.path("static/files/mau-don.txt"), "mẫu đơn").expect("write");
    std::fs::write(site.path("static/b.txt"), "tệp b").expect("write");
    wait_for(&server, &format!("{base}b.txt"), |s, b| s == 200 && b.contains("tệp b"));
    wait_for(&server, &format!("{base}files/mau-don.txt"), |s, b| {
        s == 200 && b.contains("mẫu đơn")
    });
}

#[test]
fn redirects_keep_the_query() {
    let site = Site::fixture("basic");
    let server = start(&site);
    wait_for(&server, &server.base, |s, _| s == 200);
    let (status, head, _) = get(&server, &format!("{}search?q=cong+khai", server.base));
    assert_eq!(status, 302, "{head}");
    assert!(
        head.contains(&format!("location: {}search/?q=cong+khai\r\n", server.base)),
        "{head}"
    );
    let (status, head, _) = get(&server, "/?q=duong");
    assert_eq!(status, 302, "{head}");
    assert!(head.contains(&format!("location: {}?q=duong", server.base)), "{head}");
}

#[test]
fn serve_follows_a_content_folder_moved_away_and_back() {
    let site = Site::fixture("basic");
    let server = start(&site);
    let page = format!("{}lien-he/", server.base);
    wait_for(&server, &page, |s, _| s == 200);
    std::fs::rename(site.path("content"), site.path("c.bak")).expect("move away");
    std::thread::sleep(Duration::from_millis(300));
    std::fs::rename(site.path("c.bak"), site.path("content")).expect("move back");
    std::thread::sleep(Duration::from_millis(300));
    site.edit("content/pages/lien-he.md", "Gọi 0200", "Gọi ngay 0200");
    wait_for(&server, &page, |s, body| s == 200 && body.contains("Gọi ngay 0200"));
}
