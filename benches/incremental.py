#!/usr/bin/env python3
"""Edit-to-published latency of `congkhai watch` and `congkhai serve` (issue 4, item 5).

    python3 benches/incremental.py [N] [options]        # default N: 10000 pages

This
  1. builds congkhai with `cargo build --release` (skipped with --no-cargo) and copies the
     binary aside, so that a concurrent `cargo build` cannot swap it in the middle of a run,
  2. writes the synthetic corpus of ../shared/bench/gen_corpus.py (`--flavour generic`) into a
     RAM-backed folder (/dev/shm when there is one), or reuses it, exactly as benches/build.py
     does (same folder and stamp, so either script reuses the other's corpus),
  3. copies it (without its public/) to a scratch folder, which is removed at the end,
  4. `watch`: starts `congkhai watch --root SCRATCH --today 2026-11-29`, waits for its first
     "published" line, then --tries times (pause --pause s between tries):
       - body edit: inserts a unique marker sentence at the start of one disclosure's body
         (an in-place write, as an editor does, the same edit as ../shared/bench/incr.py) and
         reads the output file SCRATCH/public/disclosures/<slug>/index.html every --interval
         (1 ms) until it holds the marker: latency = from just before the write to the first
         read that shows it;
       - title edit: replaces the `title:` line with the old title plus a unique suffix (the
         sort order of the lists does not change) and reads both the page (its <h1> and
         <title> must hold the new title) and the disclosures list page that shows the item
         (/disclosures/ or /disclosures/page/K/, found after the first build);
  5. `serve`: starts `congkhai serve --root SCRATCH --port 0 --today 2026-11-29` and does the
     same over HTTP: the body edit with ../shared/bench/incr.py (the script the peers' figures
     come from, polling every --interval), the title edit with the same polling here,
  6. prints a Markdown table: medians (min, max) beside the peers' figures from
     ../shared/bench/README.md and the goals of issue 4 (<= 50 ms body, <= 250 ms title).

The source file is restored after each phase. congkhai's own "published ... in N ms" /
"rebuilt in N ms" figures for the same edits are reported too (they start when the debounced
batch of file events arrives, so they leave out the debounce and the event delivery).

It only reports: no figure is ever compared with a goal to pass or fail. The exit code is
non-zero only when congkhai cannot be built or started, dies, or an edit is never seen (a
missed edit is a bug, not a slow figure).

Options: --tries 15 --pause 0.5 --interval 0.001 --timeout 30 (per try, s) --slug SLUG
(the disclosure to edit; default: the first one on the disclosures list) --only watch|serve
--timings (pass --timings to congkhai and show its lines) --workdir DIR --keep --no-cargo
--shared DIR (as in benches/build.py).
"""

import argparse
import hashlib
import os
import re
import shutil
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import build as common  # noqa: E402  (benches/build.py: cargo, binary, corpus helpers)

TODAY = common.TODAY
REPO = common.REPO
log = common.log

PEERS = [  # ../shared/bench/README.md: one page's body edit in a running dev server, 10,000 pages
    ("Hugo 0.111.3 `hugo server`", 0.89),
    ("Hugo 0.168.0 `hugo server`", 2.95),
    ("Zola 0.22.1 `zola serve` (default)", 3.72),
    ("Zola 0.22.1 `zola serve --fast` (lists go stale)", 1.23),
]
GOAL_BODY_MS = 50
GOAL_TITLE_MS = 250


class Proc:
    """A congkhai process whose stderr (and stdout) lines are gathered with their times."""

    def __init__(self, cmd, cwd, echo=False):
        log("$ " + " ".join(cmd))
        self.p = subprocess.Popen(cmd, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                  stderr=subprocess.PIPE, text=True, encoding="utf-8", errors="replace")
        self.lines = []  # (monotonic time, stream, text)
        self.cv = threading.Condition()
        self.echo = echo
        for stream, name in ((self.p.stdout, "out"), (self.p.stderr, "err")):
            threading.Thread(target=self._read, args=(stream, name), daemon=True).start()

    def _read(self, stream, name):
        for line in stream:
            t = time.monotonic()
            line = line.rstrip("\n")
            with self.cv:
                self.lines.append((t, name, line))
                self.cv.notify_all()
            if self.echo:
                log("    [congkhai] " + line)

    def mark(self):
        with self.cv:
            return len(self.lines)

    def since(self, mark):
        with self.cv:
            return list(self.lines[mark:])

    def wait_line(self, pattern, mark=0, timeout=300.0):
        """The first line from index `mark` on that matches; None on timeout or exit."""
        rx = re.compile(pattern)
        end = time.monotonic() + timeout
        with self.cv:
            i = mark
            while True:
                while i < len(self.lines):
                    if rx.search(self.lines[i][2]):
                        return self.lines[i]
                    i += 1
                left = end - time.monotonic()
                if left <= 0 or self.p.poll() is not None:
                    return None
                self.cv.wait(min(left, 0.2))

    def wait_quiet(self, seconds, timeout=120.0):
        """Waits until no line has come for `seconds` (bounded by `timeout`)."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            with self.cv:
                last = self.lines[-1][0] if self.lines else 0.0
            idle = time.monotonic() - last
            if idle >= seconds:
                return True
            time.sleep(min(seconds - idle, 0.2) + 0.01)
        return False

    def alive(self):
        return self.p.poll() is None

    def stop(self):
        if self.p.poll() is None:
            self.p.terminate()
            try:
                self.p.wait(10)
            except subprocess.TimeoutExpired:
                self.p.kill()
                self.p.wait()
        return self.p.returncode


def fm_end(text):
    return text.index("\n---\n", 4) + len("\n---\n")


def body_edit(original, k):
    marker = "Cập nhật thử nghiệm lần %d mã %d." % (k + 1, time.monotonic_ns())
    end = fm_end(original)
    return marker, original[:end] + "\n" + marker + "\n" + original[end:]


TITLE_LINE = re.compile(r'^title: *"(.*)" *$', re.M)


def title_edit(original, k):
    m = TITLE_LINE.search(original[:fm_end(original)])
    if not m:
        sys.exit("no `title: \"...\"` line in the front matter of the edited file")
    new = "%s (sửa lần %d mã %d)" % (m.group(1), k + 1, time.monotonic_ns())
    return new, original[:m.start()] + 'title: "%s"' % new + original[m.end():]


def write_in_place(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def read_file(path):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return f.read()
    except OSError:
        return ""


def fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.status, r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8", "replace")
    except Exception as e:  # connection refused etc.
        return None, repr(e)


H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)
TITLE = re.compile(r"<title>(.*?)</title>", re.S)


def page_shows_title(html, title):
    h1 = H1.search(html)
    t = TITLE.search(html)
    return bool(h1 and title in h1.group(1) and t and title in t.group(1))


def poll(checks, timeout, interval):
    """checks: {name: () -> bool}. Polls all until each is true once or the timeout passes.
    Returns {name: monotonic time first seen or None} and the number of rounds."""
    seen = {n: None for n in checks}
    end = time.monotonic() + timeout
    rounds = 0
    max_rounds = int(timeout / interval) + 1000
    while rounds < max_rounds:
        rounds += 1
        for n, check in checks.items():
            if seen[n] is None and check():
                seen[n] = time.monotonic()
        if all(v is not None for v in seen.values()) or time.monotonic() > end:
            break
        time.sleep(interval)
    return seen, rounds


SELF_MS = re.compile(r"^(?:published .* in|rebuilt in) (\d+) ms")


def self_reported(proc, mark):
    """congkhai's own figures and error lines since `mark`."""
    ms, errors = [], []
    for _, _, line in proc.since(mark):
        m = SELF_MS.match(line)
        if m:
            ms.append(int(m.group(1)))
        elif line.startswith("error"):
            errors.append(line)
    return ms, errors


def find_item(public, slug):
    """The list page (site path) of /disclosures/ that links to the item."""
    link = 'href="/disclosures/%s/"' % slug
    first = os.path.join(public, "disclosures", "index.html")
    if link in read_file(first):
        return "disclosures/"
    pages = os.path.join(public, "disclosures", "page")
    nums = sorted(int(n) for n in os.listdir(pages) if n.isdigit()) if os.path.isdir(pages) else []
    for n in nums:
        if link in read_file(os.path.join(pages, str(n), "index.html")):
            return "disclosures/page/%d/" % n
    return None


def first_listed(public):
    m = re.search(r'href="/disclosures/([a-z0-9-]+)/"', read_file(os.path.join(public, "disclosures", "index.html")))
    return m.group(1) if m else None


def source_of(root, slug):
    base = os.path.join(root, "content", "disclosures")
    for dirpath, _, files in os.walk(base):
        if slug + ".md" in files:
            return os.path.join(dirpath, slug + ".md")
    return None


def summary(xs):
    if not xs:
        return None
    return dict(median=statistics.median(xs), min=min(xs), max=max(xs), n=len(xs))


def watch_phase(a, exe, scratch, slug_arg):
    public = os.path.join(scratch, "public")
    cmd = [exe, "watch", "--root", scratch, "--today", TODAY] + (["--timings"] if a.timings else [])
    proc = Proc(cmd, scratch, echo=a.timings)
    res = dict(body=[], title_page=[], title_list=[], missed=[], self_body=[], self_title=[], errors=[])
    try:
        first = proc.wait_line(r"^published |^error", 0, timeout=600)
        if first is None or not first[2].startswith("published"):
            res["fatal"] = "watch did not publish its first build: %s" % (first[2] if first else "no line")
            return res, None
        log("    " + first[2])
        slug = slug_arg or first_listed(public)
        src = source_of(scratch, slug) if slug else None
        if not src:
            res["fatal"] = "no source file for disclosure %r" % slug
            return res, None
        list_page = find_item(public, slug)
        out_file = os.path.join(public, "disclosures", slug, "index.html")
        list_file = os.path.join(public, list_page, "index.html") if list_page else None
        log("editing %s -> %s (listed on /%s)" % (os.path.relpath(src, scratch), os.path.relpath(out_file, scratch),
                                                 list_page))
        res.update(slug=slug, src=os.path.relpath(src, scratch), list_page=list_page)
        with open(src, encoding="utf-8") as f:
            original = f.read()
        proc.wait_quiet(1.0)
        try:
            for k in range(a.tries):
                marker, text = body_edit(original, k)
                mark = proc.mark()
                t0 = time.monotonic()
                write_in_place(src, text)
                seen, rounds = poll({"page": lambda: marker in read_file(out_file)}, a.timeout, a.interval)
                time.sleep(a.pause)
                ms, errs = self_reported(proc, mark)
                res["self_body"] += ms
                res["errors"] += errs
                if seen["page"] is None:
                    res["missed"].append("watch body try %d (marker %r)" % (k + 1, marker))
                    log("  body try %d: NOT SEEN within %.0f s (%d reads); congkhai said: %s" % (
                        k + 1, a.timeout, rounds, [l for _, _, l in proc.since(mark)]))
                else:
                    res["body"].append(seen["page"] - t0)
                    log("  body try %d: %.1f ms (%d reads; congkhai: %s ms)" % (
                        k + 1, (seen["page"] - t0) * 1e3, rounds, ms))
            for k in range(a.tries):
                new, text = title_edit(original, k)
                checks = {"page": lambda: page_shows_title(read_file(out_file), new)}
                if list_file:
                    checks["list"] = lambda: new in read_file(list_file)
                mark = proc.mark()
                t0 = time.monotonic()
                write_in_place(src, text)
                seen, rounds = poll(checks, a.timeout, a.interval)
                time.sleep(a.pause)
                ms, errs = self_reported(proc, mark)
                res["self_title"] += ms
                res["errors"] += errs
                parts = []
                for name, key in (("page", "title_page"), ("list", "title_list")):
                    if name not in checks:
                        continue
                    if seen[name] is None:
                        res["missed"].append("watch title try %d, %s (title %r)" % (k + 1, name, new))
                        parts.append("%s NOT SEEN" % name)
                    else:
                        res[key].append(seen[name] - t0)
                        parts.append("%s %.1f ms" % (name, (seen[name] - t0) * 1e3))
                log("  title try %d: %s (%d rounds; congkhai: %s ms)" % (k + 1, ", ".join(parts), rounds, ms))
        finally:
            write_in_place(src, original)
            proc.wait_quiet(1.0, timeout=30)
        if not proc.alive():
            res["fatal"] = "watch exited with code %s" % proc.p.returncode
        return res, (slug, src, list_page)
    finally:
        rc = proc.stop()
        tail = [l for _, _, l in proc.lines if "panick" in l]
        if tail:
            res.setdefault("fatal", "watch panicked: " + tail[0])


def serve_phase(a, exe, scratch, target, shared):
    slug, src, list_page = target
    cmd = [exe, "serve", "--root", scratch, "--port", "0", "--today", TODAY] + (["--timings"] if a.timings else [])
    proc = Proc(cmd, scratch, echo=a.timings)
    res = dict(body=[], title_page=[], title_list=[], missed=[], self_body=[], self_title=[], errors=[])
    try:
        line = proc.wait_line(r"^serving http://", 0, timeout=60)
        if line is None:
            res["fatal"] = "serve printed no `serving` line"
            return res
        base = line[2].split()[1]
        if not base.endswith("/"):
            base += "/"
        first = proc.wait_line(r"^rebuilt in |^error", 0, timeout=600)
        if first is None or not first[2].startswith("rebuilt"):
            res["fatal"] = "serve's first build failed: %s" % (first[2] if first else "no line")
            return res
        log("    %s; %s" % (line[2], first[2]))
        url = base + "disclosures/%s/" % slug
        list_url = base + list_page if list_page else None
        status, _ = fetch(url)
        if status != 200:
            res["fatal"] = "GET %s gave %s" % (url, status)
            return res
        proc.wait_quiet(1.0)
        # Body edit: the peers' script.
        mark = proc.mark()
        r = common.run([sys.executable, os.path.join(shared, "incr.py"), "--url", url, "--file", src,
                        "--tries", str(a.tries), "--interval", str(a.interval), "--pause", str(a.pause),
                        "--timeout", str(a.timeout)], stdout=subprocess.PIPE, text=True)
        for l in r.stdout.splitlines():
            log("  [incr.py] " + l)
            m = re.match(r"try (\d+): ([\d.]+) s", l)
            if m:
                res["body"].append(float(m.group(2)))
            elif re.match(r"try \d+: marker not seen", l):
                res["missed"].append("serve body " + l)
        if r.returncode != 0:
            res["missed"].append("incr.py exited %d" % r.returncode)
        proc.wait_quiet(1.0, timeout=30)
        ms, errs = self_reported(proc, mark)
        res["self_body"] += ms
        res["errors"] += errs
        # Title edit.
        with open(src, encoding="utf-8") as f:
            original = f.read()
        try:
            for k in range(a.tries):
                new, text = title_edit(original, k)
                checks = {"page": lambda: (lambda s, b: s == 200 and page_shows_title(b, new))(*fetch(url))}
                if list_url:
                    checks["list"] = lambda: (lambda s, b: s == 200 and new in b)(*fetch(list_url))
                mark = proc.mark()
                t0 = time.monotonic()
                write_in_place(src, text)
                seen, rounds = poll(checks, a.timeout, a.interval)
                time.sleep(a.pause)
                ms, errs = self_reported(proc, mark)
                res["self_title"] += ms
                res["errors"] += errs
                parts = []
                for name, key in (("page", "title_page"), ("list", "title_list")):
                    if name not in checks:
                        continue
                    if seen[name] is None:
                        res["missed"].append("serve title try %d, %s (title %r)" % (k + 1, name, new))
                        parts.append("%s NOT SEEN" % name)
                    else:
                        res[key].append(seen[name] - t0)
                        parts.append("%s %.1f ms" % (name, (seen[name] - t0) * 1e3))
                log("  title try %d: %s (%d rounds; congkhai: %s ms)" % (k + 1, ", ".join(parts), rounds, ms))
        finally:
            write_in_place(src, original)
            proc.wait_quiet(1.0, timeout=30)
        if not proc.alive():
            res["fatal"] = "serve exited with code %s" % proc.p.returncode
        return res
    finally:
        proc.stop()
        tail = [l for _, _, l in proc.lines if "panick" in l]
        if tail:
            res.setdefault("fatal", "serve panicked: " + tail[0])


def ms_cell(s):
    if not s:
        return "n/a"
    return "%.0f ms (%.0f–%.0f)" % (s["median"] * 1e3, s["min"] * 1e3, s["max"] * 1e3) if s["median"] >= 0.0995 \
        else "%.1f ms (%.1f–%.1f)" % (s["median"] * 1e3, s["min"] * 1e3, s["max"] * 1e3)


def self_cell(xs):
    return "%d ms" % statistics.median(xs) if xs else "n/a"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("size", nargs="?", type=int, default=10000, help="number of pages (default 10000)")
    ap.add_argument("--tries", type=int, default=15)
    ap.add_argument("--pause", type=float, default=0.5, help="seconds between tries")
    ap.add_argument("--interval", type=float, default=0.001, help="polling interval, seconds")
    ap.add_argument("--timeout", type=float, default=30.0, help="seconds to wait for one edit")
    ap.add_argument("--slug", default=None, help="disclosure to edit (default: first on /disclosures/)")
    ap.add_argument("--only", choices=["watch", "serve"], default=None)
    ap.add_argument("--timings", action="store_true", help="pass --timings to congkhai and show its lines")
    ap.add_argument("--workdir", default=None)
    ap.add_argument("--keep", action="store_true", help="keep the corpus (reused next time)")
    ap.add_argument("--no-cargo", action="store_true", help="do not run cargo build --release")
    ap.add_argument("--shared", default=os.path.join(os.path.dirname(REPO), "shared", "bench"))
    a = ap.parse_args()
    shared = os.path.abspath(a.shared)
    for f in ("gen_corpus.py", "incr.py"):
        if not os.path.exists(os.path.join(shared, f)):
            sys.exit("missing %s: the benchmark kit (gen_corpus.py, timeit.py, incr.py) is not part of\n"
                     "this repository; pass --shared DIR with the folder that holds it" % os.path.join(shared, f))

    if not a.no_cargo:
        common.cargo_build()
    built_exe = common.congkhai_binary()
    workdir = os.path.abspath(a.workdir or common.default_workdir())
    os.makedirs(workdir, exist_ok=True)
    fs = subprocess.run(["df", "-T", workdir], stdout=subprocess.PIPE, text=True).stdout.splitlines()
    fstype = fs[-1].split()[1] if len(fs) > 1 else "?"
    log("work folder: %s (%s)" % (workdir, fstype))

    existed = os.path.isdir(os.path.join(workdir, "generic-%d" % a.size))
    corpus = common.corpus(shared, workdir, a.size, "generic")
    scratch = os.path.join(workdir, "incremental-%d" % os.getpid())
    shutil.rmtree(scratch, ignore_errors=True)
    rc = 0
    try:
        log("copying %s -> %s" % (corpus, scratch))
        shutil.copytree(corpus, scratch, ignore=lambda d, names: ["public"] if d == corpus else [])
        exe = os.path.join(scratch, ".congkhai-bin")
        shutil.copy2(built_exe, exe)
        with open(exe, "rb") as f:
            digest = hashlib.sha256(f.read()).hexdigest()[:12]
        version = "%s, sha256 %s…, built %s" % (common.version([exe, "--version"]), digest, time.strftime(
            "%Y-%m-%d %H:%M:%S", time.localtime(os.path.getmtime(built_exe))))

        results = {}
        target = None
        if a.only in (None, "watch"):
            log("== watch")
            results["watch"], target = watch_phase(a, exe, scratch, a.slug)
        if a.only in (None, "serve"):
            if target is None:
                # serve only: find the target from a one-off build.
                out = os.path.join(scratch, ".probe-public")
                common.run([exe, "build", "--root", scratch, "--output", out, "--today", TODAY],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                slug = a.slug or first_listed(out)
                src = source_of(scratch, slug) if slug else None
                target = (slug, src, find_item(out, slug)) if src else None
                shutil.rmtree(out, ignore_errors=True)
            if target:
                log("== serve")
                results["serve"] = serve_phase(a, exe, scratch, target, shared)
            else:
                results["serve"] = dict(fatal="no disclosure to edit")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
        if not a.keep and not existed and a.workdir is None:
            shutil.rmtree(corpus, ignore_errors=True)
            try:
                os.remove(corpus + ".stamp")
            except OSError:
                pass

    print()
    print("congkhai: %s (%s, copied aside); %s pages, generic corpus, on %s (%s)" % (
        version, built_exe, format(a.size, ","), workdir, fstype))
    w = results.get("watch", {})
    if w.get("slug"):
        print("edited: %s (page /disclosures/%s/, listed on /%s); %d tries per edit, %.1f s apart, polled every %g ms" % (
            w["src"], w["slug"], w.get("list_page"), a.tries, a.pause, a.interval * 1e3))
    print()
    print("| tool / mode | one page's body edit → visible | title edit → page (h1, title) | title edit → list page | congkhai's own figure (body / title) |")
    print("|---|---:|---:|---:|---:|")
    for mode, label in (("watch", "congkhai `watch` (output file read every %g ms)" % (a.interval * 1e3)),
                        ("serve", "congkhai `serve` (HTTP GET every %g ms)" % (a.interval * 1e3))):
        r = results.get(mode)
        if r is None:
            continue
        if r.get("fatal") and not r.get("body"):
            print("| %s | FAILED: %s | | | |" % (label, r["fatal"]))
            continue
        print("| %s | %s | %s | %s | %s / %s |" % (
            label, ms_cell(summary(r["body"])), ms_cell(summary(r["title_page"])), ms_cell(summary(r["title_list"])),
            self_cell(r["self_body"]), self_cell(r["self_title"])))
    for name, s in PEERS:
        print("| %s (../shared/bench/README.md) | %.2f s | | | |" % (name, s))
    print("| goal (issue 4, item 5) | ≤ %d ms | ≤ %d ms | ≤ %d ms | |" % (GOAL_BODY_MS, GOAL_TITLE_MS, GOAL_TITLE_MS))
    print()
    print("Cells: median (min–max) over the tries that were seen. The peers' figures are the medians of"
          " ../shared/bench/README.md, measured with incr.py (HTTP) on the same 10,000-page corpus; the goals"
          " are reported, not asserted.")
    for mode, r in results.items():
        if r.get("errors"):
            uniq = sorted(set(r["errors"]))
            print("note: %s printed %d error line(s) during the edits (an in-place write can be read half-done): %s" % (
                mode, len(r["errors"]), "; ".join(uniq[:3])))
        for m in r.get("missed", []):
            print("MISSED: " + m)
            rc = 1
        if r.get("fatal"):
            print("FAILED: %s: %s" % (mode, r["fatal"]))
            rc = 1
    return rc


if __name__ == "__main__":
    sys.exit(main())
