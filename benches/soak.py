#!/usr/bin/env python3
"""Soak test of `congkhai watch`: a working day of edits in a minute (issue 4, item 6).

    python3 benches/soak.py [N] [options]        # default N: 1000 pages

This
  1. builds congkhai with `cargo build --release` (skipped with --no-cargo) and copies the
     binary aside (a concurrent `cargo build` cannot swap it during the run),
  2. writes (or reuses) the synthetic corpus of ../shared/bench/gen_corpus.py
     (`--flavour generic`) in a RAM-backed folder, as benches/build.py does, and copies it
     (without its public/) to a scratch folder COPY,
  3. starts `congkhai watch --root COPY --today 2026-11-29` and, once it has published,
     makes --edits (1,000) rapid edits, a seeded random mix, with a random pause of
     0–20 ms after each:
       body      a marker sentence at the start of a page's body, written in place
       save      the same, saved as editors do: a temp file beside it renamed over it
       vim-save  the same, saved as vim does: probe file 4913, the file renamed to a~
                 backup, the new text written, the backup removed
       title     the `title:` line replaced (lists and their order change)
       broken    the front matter broken (unclosed list, tab indent, file cut short), then
                 0–20 ms later fixed (with a body edit)
       delete    a file deleted while it is being rewritten (opened, half written,
                 unlinked, finished); a page of the corpus (other pages link to it) is put
                 back 1–3 edits later, with its new text
       create    a new disclosure in an existing folder; create-dir: in a new folder
       remove    a created disclosure removed; remove-dir: a folder made by create-dir removed
                 with all it holds (corpus pages moved into it are put back 1–3 edits later)
       rename    a corpus disclosure moved to another folder (same URL), or a created one
                 renamed (new URL); rename-dir: a whole disclosures folder renamed
       data      data/units.yaml broken, then 0–20 ms later put back
       static    a file of static/files/ written, rewritten or removed (static/ is made
                 before watch starts)
       config    the title in site.yaml changed (every page changes)
     and reads the watch process's memory (VmRSS in /proc/PID/status) before the first
     edit, every --sample-every (100) edits and at the end; as a control, the memory of a new
     watch process started on the final inputs is read after its first build,
  4. puts back whatever is still deleted, waits until watch has printed nothing for --quiet
     (2 s) and used no CPU for 0.5 s, runs a fresh `congkhai build --root COPY --output FRESH --today 2026-11-29`
     and compares the two output trees byte for byte (every file, folder and link; nothing
     ignored), listing the paths that differ,
  5. prints a Markdown table: edits by kind, process alive, RSS first / max / last, the
     "published" and "error" lines counted, and "output equals fresh build: yes/no".

The exit code is non-zero only when the watch process died or the outputs differ (or the
comparison could not be made). When they differ, COPY and FRESH are kept for inspection and
their paths are printed. Timings and memory are reported, never asserted.

Options: --edits 1000 --seed 1 --sample-every 100 --quiet 2 --max-pause 0.02 --workdir DIR
--keep (keep the corpus) --keep-copy (keep COPY and FRESH) --no-cargo --shared DIR
--poll (pass --poll to watch) --verbose (echo watch's lines) --log FILE (write them to FILE).
"""

import argparse
import hashlib
import difflib
import filecmp
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import build as common  # noqa: E402  (benches/build.py: cargo, binary, corpus helpers)
from incremental import Proc  # noqa: E402

TODAY = common.TODAY
REPO = common.REPO
log = common.log

KINDS = [  # (kind, weight)
    ("body", 20), ("save", 8), ("vim-save", 4), ("title", 14), ("broken", 10), ("delete", 7), ("create", 10),
    ("create-dir", 3), ("remove", 7), ("remove-dir", 1), ("rename", 12), ("rename-dir", 2), ("data", 5),
    ("static", 3), ("config", 1),
]

WORDS = ("công khai minh bạch kế hoạch báo cáo ngân sách tuyển dụng thủ tục hành chính đất đai "
         "quy hoạch tiếp công dân chuyển đổi số y tế giáo dục an sinh xã hội đầu tư công").split()


def rss_kib(pid):
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def cpu_ticks(pid):
    try:
        with open("/proc/%d/stat" % pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])  # utime + stime
    except (OSError, IndexError, ValueError):
        return None


def wait_idle(proc, quiet, timeout=600.0):
    """No line from watch for `quiet` s and no CPU used for 0.5 s: a rebuild that takes longer
    than `quiet` (a full reload of 10,000 pages does) is not mistaken for the end."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        proc.wait_quiet(quiet, timeout=max(end - time.monotonic(), 0.1))
        mark = proc.mark()
        t1 = cpu_ticks(proc.p.pid)
        time.sleep(0.5)
        t2 = cpu_ticks(proc.p.pid)
        if t1 is None or t2 is None or (t2 - t1 <= 1 and proc.mark() == mark):
            return True
    return False


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def write(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def fm_end(text):
    return text.index("\n---\n", 4) + len("\n---\n")


TITLE_LINE = re.compile(r'^title: .*$', re.M)


def with_marker(text, i):
    end = fm_end(text)
    body = text[end:]
    if body.startswith("\nSoak: "):  # replace the previous marker, so that files do not grow
        body = body[body.index("\n", 1) + 1:]
    return text[:end] + "\nSoak: sửa lần %d.\n" % i + body


def with_title(text, rng, i):
    end = fm_end(text)
    title = "%s %s %s (soak %d)" % tuple([rng.choice(WORDS).capitalize(), rng.choice(WORDS), rng.choice(WORDS), i])
    head = TITLE_LINE.sub(lambda m: 'title: "%s"' % title, text[:end], count=1)
    return head + text[end:]


def broken_variant(text, rng):
    end = fm_end(text)
    v = rng.randrange(3)
    if v == 0:  # unclosed flow sequence
        return text[:4] + "tags: [công khai, \"minh bạch\n" + text[4:], "unclosed list"
    if v == 1:  # a tab where YAML wants spaces
        return text[:4] + "tags:\n\t- công khai\n" + text[4:], "tab indent"
    cut = rng.randrange(5, end - 2)  # cut inside the front matter
    return text[:cut], "file cut short"


def disclosure_text(rng, i, categories, doc_types):
    return ("---\ntitle: \"%s %s về %s (soak %d)\"\ncategory: %s\npublished: 2025-%02d-%02d\n"
            "number: \"S%d/TB-SOAK\"\ndoc_type: \"%s\"\ntags: [\"%s\", \"%s\"]\n---\n\n"
            "%s %s %s.\n\n## Nội dung\n\n- %s %s.\n- %s %s.\n" % (
                rng.choice(doc_types), rng.choice(WORDS), rng.choice(WORDS), i, rng.choice(categories),
                rng.randint(1, 12), rng.randint(1, 28), i, rng.choice(doc_types), rng.choice(WORDS),
                rng.choice(WORDS), rng.choice(WORDS).capitalize(), rng.choice(WORDS), rng.choice(WORDS),
                rng.choice(WORDS), rng.choice(WORDS), rng.choice(WORDS), rng.choice(WORDS)))


class Site:
    """The editable state of COPY: which files are where, which are ours, which are away."""

    def __init__(self, root, rng):
        self.root = root
        self.rng = rng
        self.dis = os.path.join(root, "content", "disclosures")
        self.editable = set()  # relative paths of .md files (disclosures and tasks)
        self.created = set()  # those this run created (nothing links to them)
        self.pending = []  # [due edit, rel path, text]: corpus pages deleted, to be put back
        for sub in ("disclosures", "tasks"):
            for d, _, fs in os.walk(os.path.join(root, "content", sub)):
                for f in fs:
                    if f.endswith(".md") and f != "_index.md":
                        self.editable.add(os.path.relpath(os.path.join(d, f), root))
        # Valid front-matter values, taken from the corpus.
        cats, types = set(), set()
        for rel in sorted(self.editable)[:200]:
            t = read(self.abs(rel))
            m = re.search(r"^category: *(\S+)", t, re.M)
            if m:
                cats.add(m.group(1))
            m = re.search(r'^doc_type: *"([^"]+)"', t, re.M)
            if m:
                types.add(m.group(1))
        self.categories = sorted(cats)
        self.doc_types = sorted(types) or ["Thông báo"]

    def abs(self, rel):
        return os.path.join(self.root, rel)

    def folders(self):
        return sorted(d for d in os.listdir(self.dis) if os.path.isdir(os.path.join(self.dis, d)))

    def pick(self, pool=None):
        pool = sorted(pool if pool is not None else self.editable)
        return self.rng.choice(pool) if pool else None

    def remap(self, old_prefix, new_prefix):
        def m(p):
            return new_prefix + p[len(old_prefix):] if p.startswith(old_prefix) else p
        self.editable = {m(p) for p in self.editable}
        self.created = {m(p) for p in self.created}
        for item in self.pending:
            item[1] = m(item[1])


def pause(rng, max_pause):
    time.sleep(rng.uniform(0, max_pause))


def do_edit(site, kind, i, rng, max_pause):
    """Makes one edit of `kind`; returns the kind actually made (some fall back to another)."""
    root = site.root
    if kind in ("remove",) and not site.created:
        kind = "create"
    soak_dirs = [d for d in site.folders() if d.startswith("soak-dir-")]
    if kind == "remove-dir" and not soak_dirs:
        kind = "create-dir"
    if kind in ("body", "save", "vim-save", "title", "broken", "delete"):
        rel = site.pick()
        path = site.abs(rel)
        text = read(path)
        if kind == "body":
            write(path, with_marker(text, i))
        elif kind == "save":
            new = with_marker(text, i)
            tmp = os.path.join(os.path.dirname(path), ".goutputstream-soak%d" % i)
            write(tmp, new)
            os.replace(tmp, path)
        elif kind == "vim-save":
            d = os.path.dirname(path)
            probe = os.path.join(d, "4913")
            write(probe, "")
            os.remove(probe)
            os.rename(path, path + "~")
            write(path, with_marker(text, i))
            os.remove(path + "~")
        elif kind == "title":
            write(path, with_title(text, rng, i))
        elif kind == "broken":
            bad, _ = broken_variant(text, rng)
            write(path, bad)
            pause(rng, max_pause)
            write(path, with_marker(text, i))
        elif kind == "delete":
            new = with_marker(text, i)
            half = len(new) // 2
            f = open(path, "w", encoding="utf-8")
            try:
                f.write(new[:half])
                f.flush()
                os.remove(path)
                pause(rng, max_pause)
                f.write(new[half:])
            finally:
                f.close()
            site.editable.discard(rel)
            if rel in site.created:
                site.created.discard(rel)
            else:
                site.pending.append([i + rng.randint(1, 3), rel, new])
        return kind
    if kind in ("create", "create-dir"):
        if kind == "create":
            folder = os.path.join(site.dis, rng.choice(site.folders()))
        else:
            folder = os.path.join(site.dis, "soak-dir-%d" % i)
            os.makedirs(folder)
        path = os.path.join(folder, "soak-%d.md" % i)
        write(path, disclosure_text(rng, i, site.categories, site.doc_types))
        rel = os.path.relpath(path, root)
        site.editable.add(rel)
        site.created.add(rel)
        return kind
    if kind == "remove":
        rel = site.pick(site.created)
        os.remove(site.abs(rel))
        site.created.discard(rel)
        site.editable.discard(rel)
        return kind
    if kind == "rename":
        ours = rng.random() < 0.5 and site.created
        if ours:
            rel = site.pick(site.created)
            new_rel = os.path.join(os.path.dirname(rel), "soak-%d-r.md" % i)
            site.created.discard(rel)
            site.created.add(new_rel)
        else:
            rel = site.pick(p for p in site.editable if p.startswith("content/disclosures/") and p not in site.created)
            if rel is None:
                return do_edit(site, "body", i, rng, max_pause)
            folders = [f for f in site.folders() if f != rel.split("/")[2]]
            new_rel = os.path.join("content", "disclosures", rng.choice(folders), os.path.basename(rel))
        os.rename(site.abs(rel), site.abs(new_rel))
        site.editable.discard(rel)
        site.editable.add(new_rel)
        return kind
    if kind == "rename-dir":
        old = rng.choice(site.folders())
        base = re.sub(r"-r\d+$", "", old)
        new = "%s-r%d" % (base, i)
        os.rename(os.path.join(site.dis, old), os.path.join(site.dis, new))
        site.remap("content/disclosures/%s/" % old, "content/disclosures/%s/" % new)
        return kind
    if kind == "remove-dir":
        d = rng.choice(soak_dirs)
        prefix = "content/disclosures/%s/" % d
        for rel in sorted(site.editable):
            if rel.startswith(prefix):
                if rel not in site.created:
                    site.pending.append([i + rng.randint(1, 3), rel, read(site.abs(rel))])
                site.editable.discard(rel)
                site.created.discard(rel)
        shutil.rmtree(os.path.join(site.dis, d))
        return kind
    if kind == "static":
        folder = os.path.join(root, "static", "files")
        path = os.path.join(folder, "soak-%d.txt" % rng.randrange(10))
        if os.path.exists(path) and rng.random() < 0.4:
            os.remove(path)
        else:
            write(path, "Tệp tĩnh, lần sửa %d.\n" % i)
        return kind
    if kind == "config":
        path = os.path.join(root, "site.yaml")
        text = read(path)
        write(path, TITLE_LINE.sub(lambda m: 'title: "Công khai, minh bạch (soak %d)"' % i, text, count=1))
        return kind
    if kind == "data":
        path = os.path.join(root, "data", "units.yaml")
        text = read(path)
        write(path, text + "\n  - id: [broken\n")
        pause(rng, max_pause)
        write(path, text)
        return kind
    raise ValueError(kind)


def restore_due(site, i):
    due = [p for p in site.pending if p[0] <= i]
    for item in due:
        path = site.abs(item[1])
        os.makedirs(os.path.dirname(path), exist_ok=True)
        write(path, item[2])
        site.editable.add(item[1])
        site.pending.remove(item)
    return len(due)


def tree(root):
    """{relative path: 'dir' | 'file' | 'link -> target'} of everything under root."""
    out = {}
    for d, dirs, files in os.walk(root):
        for name in dirs + files:
            p = os.path.join(d, name)
            rel = os.path.relpath(p, root)
            if os.path.islink(p):
                out[rel] = "link -> " + os.readlink(p)
            elif os.path.isdir(p):
                out[rel] = "dir"
            else:
                out[rel] = "file"
    return out


def compare(a_root, b_root):
    """Differences between two trees: (only in a, only in b, differing)."""
    a, b = tree(a_root), tree(b_root)
    only_a = sorted(set(a) - set(b))
    only_b = sorted(set(b) - set(a))
    differ = []
    for rel in sorted(set(a) & set(b)):
        if a[rel] != b[rel]:
            differ.append(rel)
        elif a[rel] == "file" and not filecmp.cmp(os.path.join(a_root, rel), os.path.join(b_root, rel), shallow=False):
            differ.append(rel)
    return only_a, only_b, differ


def show_diff(a, b, limit=12):
    try:
        x = open(a, encoding="utf-8", errors="replace").read().splitlines()
        y = open(b, encoding="utf-8", errors="replace").read().splitlines()
    except OSError as e:
        return ["(cannot read: %s)" % e]
    lines = list(difflib.unified_diff(y, x, "fresh build", "watch output", n=0, lineterm=""))
    return [l[:220] for l in lines[:limit]]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("size", nargs="?", type=int, default=1000, help="number of pages (default 1000)")
    ap.add_argument("--edits", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--sample-every", type=int, default=100)
    ap.add_argument("--quiet", type=float, default=2.0, help="seconds without a line from watch = done")
    ap.add_argument("--max-pause", type=float, default=0.02, help="largest pause after an edit, seconds")
    ap.add_argument("--poll", action="store_true", help="pass --poll to congkhai watch")
    ap.add_argument("--verbose", action="store_true", help="echo watch's lines")
    ap.add_argument("--log", default=None, help="write all of watch's lines to this file")
    ap.add_argument("--workdir", default=None)
    ap.add_argument("--keep", action="store_true", help="keep the corpus (reused next time)")
    ap.add_argument("--keep-copy", action="store_true", help="keep COPY and FRESH even when they agree")
    ap.add_argument("--no-cargo", action="store_true", help="do not run cargo build --release")
    ap.add_argument("--shared", default=os.path.join(os.path.dirname(REPO), "shared", "bench"))
    a = ap.parse_args()
    shared = os.path.abspath(a.shared)
    if not os.path.exists(os.path.join(shared, "gen_corpus.py")):
        sys.exit("missing %s: the benchmark kit (gen_corpus.py, timeit.py, incr.py) is not part of\n"
                 "this repository; pass --shared DIR with the folder that holds it" % os.path.join(shared, "gen_corpus.py"))

    if not a.no_cargo:
        common.cargo_build()
    built_exe = common.congkhai_binary()
    workdir = os.path.abspath(a.workdir or common.default_workdir())
    os.makedirs(workdir, exist_ok=True)
    existed = os.path.isdir(os.path.join(workdir, "generic-%d" % a.size))
    corpus = common.corpus(shared, workdir, a.size, "generic")
    run_dir = os.path.join(workdir, "soak-%d" % os.getpid())
    copy = os.path.join(run_dir, "site")
    fresh = os.path.join(run_dir, "fresh")
    out = os.path.join(copy, "public")
    shutil.rmtree(run_dir, ignore_errors=True)
    os.makedirs(run_dir)
    log("copying %s -> %s" % (corpus, copy))
    shutil.copytree(corpus, copy, ignore=lambda d, names: ["public"] if d == corpus else [])
    exe = os.path.join(run_dir, "congkhai")
    shutil.copy2(built_exe, exe)
    with open(exe, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()[:12]
    version = "%s, sha256 %s…, built %s" % (common.version([exe, "--version"]), digest,
                                          time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(os.path.getmtime(built_exe))))

    rng = random.Random(a.seed)
    site = Site(copy, rng)
    # static/ exists before watch starts: a top-level site folder made while watch runs is a
    # different case, left out of the mix (files made in it at once were missed, 2026-11-29).
    os.makedirs(os.path.join(copy, "static", "files"), exist_ok=True)
    write(os.path.join(copy, "static", "files", "readme.txt"), "Tệp tĩnh của bài thử.\n")
    # The soak deletes and renames content on purpose: the published-site ledger would stop
    # those rebuilds (the fresh build it is compared with has no ledger).
    cmd = [exe, "watch", "--root", copy, "--today", TODAY, "--allow-removal"] + (["--poll"] if a.poll else [])
    proc = Proc(cmd, run_dir, echo=a.verbose)
    samples = []  # (edits made, KiB)
    counts = {k: 0 for k, _ in KINDS}
    restored = 0
    died_at = None
    keep = a.keep_copy
    rc = 0
    try:
        first = proc.wait_line(r"^published |^error", 0, timeout=600)
        if first is None or not first[2].startswith("published"):
            print("FAILED: watch did not publish its first build: %s" % (first[2] if first else "no line"))
            for _, _, l in proc.lines[-20:]:
                print("    " + l)
            return 1
        log("    " + first[2])
        proc.wait_quiet(0.5, timeout=30)
        start_mark = proc.mark()
        samples.append((0, rss_kib(proc.p.pid)))
        kinds = [k for k, _ in KINDS]
        weights = [w for _, w in KINDS]
        t_start = time.monotonic()
        for i in range(1, a.edits + 1):
            kind = rng.choices(kinds, weights)[0]
            made = do_edit(site, kind, i, rng, a.max_pause)
            counts[made] += 1
            restored += restore_due(site, i)
            pause(rng, a.max_pause)
            if not proc.alive():
                died_at = i
                break
            if i % a.sample_every == 0:
                samples.append((i, rss_kib(proc.p.pid)))
                log("  %d edits, watch VmRSS %s MiB" % (i, "%.1f" % (samples[-1][1] / 1024) if samples[-1][1] else "?"))
        edits_made = died_at or a.edits
        t_edits = time.monotonic() - t_start
        # Put back what is still away, then let watch finish.
        restored += restore_due(site, 10 ** 9)
        wait_idle(proc, a.quiet)
        t_quiet = time.monotonic() - t_start
        alive = proc.alive()
        if alive:
            samples.append((edits_made, rss_kib(proc.p.pid)))
        else:
            died_at = died_at or edits_made
        lines = [l for _, _, l in proc.since(start_mark)]
        published = [l for l in lines if l.startswith("published ")]
        errors = [l for l in lines if l.startswith("error")]
        panics = [l for l in lines if "panick" in l]
        warnings = [l for l in lines if l.startswith("warning: file watching") or l.startswith("warning: cannot watch")]
        diag_kinds = {}
        for l in lines:
            m = re.match(r"^\S+?:\d+(?::\d+)?: error: (.*)", l)
            if m:
                key = re.sub(r"`[^`]*`", "`…`", m.group(1))
                key = re.sub(r"/dev/shm/\S*|\d+", "…", key)[:70]
                diag_kinds[key] = diag_kinds.get(key, 0) + 1
        last_line = [l for l in lines if l.startswith("published ") or l.startswith("error")][-1:]

        other_errors = [l for l in errors if not re.match(r"error: \d+ problems? found", l)]
        idle_mark = proc.mark()
        # Fresh build of the same inputs.
        r = common.run([exe, "build", "--root", copy, "--output", fresh, "--today", TODAY],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        fresh_ok = r.returncode == 0
        fresh_tail = r.stdout.strip().splitlines()[-5:]
        still_alive = proc.alive()
        late = [l for _, _, l in proc.since(idle_mark)]
        if fresh_ok:
            only_w, only_f, differ = compare(out, fresh)
            same = not (only_w or only_f or differ)
        else:
            only_w = only_f = differ = []
            same = False
        leftovers = sorted(n for n in os.listdir(copy) if n.startswith("."))
        # Control: a new watch process on the final inputs, for what their size alone takes.
        control_rss = None
        ctl = Proc([exe, "watch", "--root", copy, "--output", os.path.join(run_dir, "control"), "--today", TODAY,
                    "--allow-removal"],
                   run_dir)
        try:
            if ctl.wait_line(r"^published ", 0, timeout=600):
                ctl.wait_quiet(1.0, timeout=30)
                control_rss = rss_kib(ctl.p.pid)
        finally:
            ctl.stop()
    finally:
        proc.stop()
        if a.log:
            with open(a.log, "w", encoding="utf-8") as f:
                for t, _, l in proc.lines:
                    f.write("%.3f %s\n" % (t, l))

    rss = [k for _, k in samples if k]
    print()
    print("congkhai: %s (%s, copied aside); watch on a copy of the %s-page generic corpus (%s); seed %d" % (
        version, built_exe, format(a.size, ","), copy, a.seed))
    print()
    print("| check | result |")
    print("|---|---|")
    print("| edits made | %d of %d in %.1f s (%s); %d corpus pages put back after a delete |" % (
        edits_made, a.edits, t_edits, ", ".join("%s %d" % (k, counts[k]) for k, _ in KINDS), restored))
    print("| watch busy after the last edit | %.1f s (until %.0f s without a line and 0.5 s without CPU use) |" % (
        t_quiet - t_edits - a.quiet - 0.5, a.quiet))
    print("| process still alive | %s |" % ("yes" if alive and still_alive else "NO (died after edit %s, exit %s)" % (
        died_at, proc.p.returncode)))
    if rss:
        print("| VmRSS first / max / last | %.1f / %.1f / %.1f MiB |" % (rss[0] / 1024, max(rss) / 1024, rss[-1] / 1024))
        print("| VmRSS samples (edits: MiB) | %s |" % ", ".join("%d: %.1f" % (n, k / 1024) for n, k in samples if k))
    if control_rss:
        print("| VmRSS of a new watch on the final inputs, after its first build (control) | %.1f MiB |" % (
            control_rss / 1024))
    print("| \"published\" / \"error\" lines during the edits | %d / %d (published in median %s ms) |" % (
        len(published), len(errors),
        statistics.median([int(m.group(1)) for m in (re.search(r" in (\d+) ms", l) for l in published) if m])
        if published else "n/a"))
    print("| last result line of watch | %s |" % (last_line[0] if last_line else "none"))
    if late:
        print("| lines from watch after it looked idle (during the comparison) | %d: %s |" % (len(late), late[-1]))
    if panics or warnings:
        print("| panics / watching warnings | %d / %d: %s |" % (len(panics), len(warnings), "; ".join((panics + warnings)[:3])))
    if other_errors:
        print("| error lines other than content problems | %d, e.g. %s |" % (
            len(other_errors), "; ".join(sorted(set(re.sub(r"/dev/shm/\S*?/site/", "COPY/", l) for l in other_errors))[:4])))
    if fresh_ok:
        print("| output equals fresh build | %s |" % ("yes" if same else "NO: %d only in watch output, %d only in fresh build, %d differ" % (
            len(only_w), len(only_f), len(differ))))
    else:
        print("| output equals fresh build | NO COMPARISON: the fresh build failed: %s |" % " / ".join(fresh_tail))
    if leftovers:
        print("| hidden leftovers in COPY | %s |" % ", ".join(leftovers[:10]))
    print()
    if diag_kinds:
        print("Error diagnostics printed by watch during the edits (expected: broken edits, deleted linked pages):")
        for k, n in sorted(diag_kinds.items(), key=lambda kv: -kv[1])[:8]:
            print("  %5d  %s" % (n, k))
        print()
    if not (alive and still_alive):
        rc = 1
        for l in (panics or lines[-10:]):
            print("    " + l)
    if not same:
        rc = 1
        keep = True
        for title, paths in (("only in watch output", only_w), ("only in fresh build", only_f), ("differ", differ)):
            if paths:
                print("%s (%d): %s%s" % (title, len(paths), ", ".join(paths[:25]), " …" if len(paths) > 25 else ""))
        for rel in differ[:3]:
            a_p, b_p = os.path.join(out, rel), os.path.join(fresh, rel)
            if os.path.isfile(a_p) and os.path.isfile(b_p):
                print("diff %s (- fresh build, + watch output):" % rel)
                for l in show_diff(a_p, b_p):
                    print("    " + l)
    if keep:
        print("kept for inspection: %s (site: COPY, watch output: COPY/public, fresh build: FRESH)" % run_dir)
    else:
        shutil.rmtree(run_dir, ignore_errors=True)
    if not a.keep and not existed and a.workdir is None:
        shutil.rmtree(corpus, ignore_errors=True)
        try:
            os.remove(corpus + ".stamp")
        except OSError:
            pass
    return rc


if __name__ == "__main__":
    sys.exit(main())
