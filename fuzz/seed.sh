#!/bin/sh
# Seeds every fuzz target's corpus from the built-in templates (templates/*.jobdoc), plus a
# few small documents of other shapes. Corpora live in fuzz/corpus/<target>/ (not committed).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
for target in load validate export_pdf export_docx; do
    dir="$here/corpus/$target"
    mkdir -p "$dir"
    for t in "$root"/templates/*.jobdoc; do
        cp "$t" "$dir/template-$(basename "$t" .jobdoc)"
    done
    # A document cut short, an empty object, a newer schema: the reader's error paths.
    head -c 300 "$root/templates/ru-key-account-manager.jobdoc" > "$dir/cut-short"
    printf '{}' > "$dir/empty-object"
    printf '{"schema": 2}' > "$dir/newer-schema"
done
echo "seeded $(ls "$here/corpus/load" | wc -l) inputs per target into $here/corpus/"
