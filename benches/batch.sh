#!/bin/sh
# The batch export benchmark of issue #13: 100 different documents to PDF + DOCX as one
# `jobdoc batch` process on 2 worker threads, timed by hyperfine (median of 5 runs after a
# warm-up). The documents are made from the 64 built-in templates, each copy with its own
# organisation and department, so no two are alike.
#
#   cargo build --release -p jobdoc-cli
#   benches/batch.sh [PATH/TO/jobdoc] [N]        # default: $CARGO_TARGET_DIR or target, 100
#
# Prints hyperfine's summary; the JSON (with the median) is kept in $BENCH_OUT if set.
set -eu
target=${CARGO_TARGET_DIR:-target}
bin=${1:-$target/release/jobdoc}
count=${2:-100}
[ -x "$bin" ] || { echo "benches/batch.sh: $bin is not built (cargo build --release -p jobdoc-cli)" >&2; exit 2; }
command -v hyperfine >/dev/null || { echo "benches/batch.sh: hyperfine is not installed" >&2; exit 2; }
work=$(mktemp -d "${TMPDIR:-/tmp}/jobdoc-batch-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT INT TERM
mkdir "$work/docs"
"$bin" templates | awk '{print $1}' > "$work/ids"
templates=$(wc -l < "$work/ids")
i=0
while [ "$i" -lt "$count" ]; do
  id=$(sed -n "$(( i % templates + 1 ))p" "$work/ids")
  file="$work/docs/doc-$(printf %03d "$i").jobdoc"
  "$bin" new --template "$id" -o "$file" >/dev/null
  i=$(( i + 1 ))
done
# Each copy its own organisation and department (plain JSON edits of string fields).
python3 - "$work/docs" <<'PY'
import json, pathlib, sys
for n, path in enumerate(sorted(pathlib.Path(sys.argv[1]).glob("*.jobdoc"))):
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["organisation"]["name"] = f'{doc["organisation"]["name"]} No. {n + 1}'
    doc["organisation"]["department"] = f"Department {n % 9 + 1}"
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
PY
"$bin" check "$work/docs/doc-000.jobdoc" >/dev/null || true
echo "benches/batch.sh: $count documents from $templates templates in $work/docs" >&2
hyperfine -w 1 -r 5 -N \
  --prepare "rm -rf $work/out" \
  ${BENCH_OUT:+--export-json "$BENCH_OUT"} \
  "$bin batch $work/docs --pdf --docx --out $work/out --jobs 2"
written=$(ls "$work/out" | wc -l)
echo "benches/batch.sh: the last run wrote $written files" >&2
