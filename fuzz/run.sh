#!/usr/bin/env bash
# Runs every fuzz target of congkhai for a fixed time each; fails if any of them crashes.
#
#   fuzz/run.sh [SECONDS]        (default: $FUZZ_SECONDS, else 60)
#
# Needs the nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`). Each target
# starts from its seeds in fuzz/corpus/<target>/ and keeps what it learns in
# fuzz/target/corpus/<target>/ (not committed); the inputs in fuzz/regressions/<target>/
# are replayed first. Crashes are written to fuzz/artifacts/<target>/.
set -euo pipefail

seconds="${1:-${FUZZ_SECONDS:-60}}"
if ! [[ "$seconds" =~ ^[1-9][0-9]*$ ]]; then
    echo "usage: $0 [SECONDS]  (a whole number of seconds per target)" >&2
    exit 2
fi

cd "$(dirname "$0")"
targets=(front_matter markdown percent_decode site_path)
failed=()

cargo +nightly fuzz build --debug-assertions

for t in "${targets[@]}"; do
    mkdir -p "target/corpus/$t"
    shopt -s nullglob
    regressions=("regressions/$t"/*)
    shopt -u nullglob
    # One at a time, so that each input that still fails is named.
    for r in "${regressions[@]}"; do
        echo "== $t: replaying $r"
        if ! cargo +nightly fuzz run --debug-assertions "$t" "$r" -- -runs=1 -timeout=10; then
            failed+=("$t ($r)")
        fi
    done
    echo "== $t: fuzzing for ${seconds} s"
    if ! cargo +nightly fuzz run --debug-assertions "$t" "target/corpus/$t" "corpus/$t" -- \
        -max_total_time="$seconds" -timeout=20 -rss_limit_mb=4096 -print_final_stats=1; then
        failed+=("$t")
    fi
done

if ((${#failed[@]})); then
    echo "fuzzing failed: ${failed[*]} (see fuzz/artifacts/)" >&2
    exit 1
fi
echo "fuzzing passed: ${targets[*]} (${seconds} s each)"
