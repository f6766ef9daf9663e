#!/usr/bin/env python3
"""How big the pages of a built site are: the largest HTML pages, gzip-compressed.

    python3 benches/pages.py DIR [--top 5] [--max-kb 50]
    python3 benches/pages.py --corpus N [--workdir DIR] [--no-cargo] [--top 5] [--max-kb 50]

With DIR, walks a built site and gzips every .html file in memory (Python's gzip module,
level 9, as a web server would send it), then prints the largest ones: compressed size,
size on disk, path. With --corpus N it first writes the synthetic corpus of
../shared/bench/gen_corpus.py (`--flavour generic`, N pages) into a RAM-backed folder, builds
congkhai with `cargo build --release` (unless --no-cargo) and builds the corpus with
`target/release/congkhai build --today 2026-11-29`, then measures that output.

Every page of congkhai is bounded (`per_page` rows a list), so the largest page should not
grow with N. With --max-kb the exit code is 1 when the largest page is larger than that many
KB (1 KB = 1024 bytes) compressed; otherwise it only reports.
"""

import argparse
import gzip
import os
import shutil
import subprocess
import sys

TODAY = "2026-11-29"
HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def sizes(root):
    """(gzip size, size, path relative to root) of every .html file under root."""
    out = []
    for folder, _, files in os.walk(root):
        for name in files:
            if not name.endswith(".html"):
                continue
            path = os.path.join(folder, name)
            with open(path, "rb") as f:
                data = f.read()
            out.append((len(gzip.compress(data, compresslevel=9, mtime=0)), len(data), os.path.relpath(path, root)))
    out.sort(key=lambda x: (-x[0], x[2]))
    return out


def build_corpus(n, workdir, cargo, shared):
    if cargo:
        r = subprocess.run(["cargo", "build", "--release"], cwd=REPO)
        if r.returncode != 0:
            sys.exit("cargo build --release failed")
    root = os.path.join(workdir, "generic-%d" % n)
    out = os.path.join(workdir, "out-%d" % n)
    if not os.path.isdir(root):
        gen = os.path.join(shared, "gen_corpus.py")
        log("$ python3 %s %d %s --flavour generic" % (gen, n, root))
        subprocess.run([sys.executable, gen, str(n), root, "--flavour", "generic"], check=True)
    shutil.rmtree(out, ignore_errors=True)
    binary = os.path.join(REPO, "target", "release", "congkhai")
    cmd = [binary, "build", "--root", root, "--today", TODAY, "--output", out]
    log("$ " + " ".join(cmd))
    r = subprocess.run(cmd, stderr=subprocess.PIPE, text=True)
    if r.returncode != 0:
        sys.stderr.write(r.stderr)
        sys.exit("congkhai build failed (exit %d)" % r.returncode)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("dir", nargs="?", help="a built site")
    ap.add_argument("--corpus", type=int, help="generate and build a corpus of N pages first")
    default_work = "/dev/shm" if os.path.isdir("/dev/shm") else "/tmp"
    ap.add_argument("--workdir", default=os.path.join(default_work, "congkhai-pages-%s" % os.environ.get("USER", "user")))
    ap.add_argument("--shared", default=os.path.join(REPO, "..", "shared", "bench"))
    ap.add_argument("--no-cargo", action="store_true")
    ap.add_argument("--top", type=int, default=5)
    ap.add_argument("--max-kb", type=float)
    args = ap.parse_args()
    if bool(args.dir) == bool(args.corpus):
        ap.error("give a built site folder, or --corpus N")
    root = args.dir
    if args.corpus:
        os.makedirs(args.workdir, exist_ok=True)
        root = build_corpus(args.corpus, args.workdir, not args.no_cargo, args.shared)
    found = sizes(root)
    if not found:
        sys.exit("no .html file under %s" % root)
    print("%d HTML pages under %s; the largest, gzip-compressed:" % (len(found), root))
    print("| gzip | size | page |")
    print("|---:|---:|---|")
    for gz, raw, rel in found[: args.top]:
        print("| %.1f KB | %.1f KB | %s |" % (gz / 1024, raw / 1024, rel))
    largest = found[0][0] / 1024
    print("largest: %.1f KB gzip (%s)" % (largest, found[0][2]))
    if args.max_kb is not None and largest > args.max_kb:
        print("larger than %s KB" % args.max_kb)
        sys.exit(1)


if __name__ == "__main__":
    main()
