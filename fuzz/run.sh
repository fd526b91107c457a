#!/bin/sh
# Runs every fuzz target for SECONDS each (default 600), one after the other, and prints the
# executions and the outcome of each. Exits non-zero if any target finds a crash, a timeout or
# a memory blow-up (the input is kept in fuzz/artifacts/<target>/).
#
#   fuzz/run.sh 600               all four targets, 10 minutes each
#   fuzz/run.sh 20 load validate  chosen targets
#
# Needs cargo-fuzz (`cargo install cargo-fuzz --locked`). On a stable toolchain the nightly-only
# flags are enabled with RUSTC_BOOTSTRAP=1.
set -u
here=$(cd "$(dirname "$0")" && pwd)
seconds=${1:-600}
[ $# -gt 0 ] && shift
targets=${*:-load validate export_pdf export_docx import_docx import_odt import_rtf import_text}
export RUSTC_BOOTSTRAP=1
cd "$here" || exit 2
command -v cargo-fuzz >/dev/null 2>&1 || {
    echo "fuzz/run.sh: cargo-fuzz is missing: cargo install cargo-fuzz --locked" >&2
    exit 2
}
./seed.sh >/dev/null || exit 2
mkdir -p logs
cargo fuzz build -O >logs/build.log 2>&1 || {
    echo "fuzz/run.sh: build failed, see fuzz/logs/build.log" >&2
    tail -20 logs/build.log >&2
    exit 2
}
status=0
for t in $targets; do
    log="logs/$t.log"
    cargo fuzz run -O "$t" "corpus/$t" -- \
        -max_total_time="$seconds" -timeout=20 -rss_limit_mb=2048 -print_final_stats=1 \
        >"$log" 2>&1
    rc=$?
    runs=$(sed -n 's/^Done \([0-9]*\) runs in \([0-9]*\) second.*/\1 executions in \2 s/p' "$log" | tail -1)
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1)
    corpus=$(ls "corpus/$t" | wc -l)
    if [ $rc -eq 0 ]; then
        echo "$t: ${runs:-? executions}, $cov, corpus $corpus, no crash"
    else
        status=1
        echo "$t: FAILED (exit $rc) after ${runs:-? executions}; see fuzz/$log and fuzz/artifacts/$t/"
        grep -m3 -E 'ERROR|panicked|SUMMARY' "$log"
    fi
done
exit $status
