#!/bin/sh
# Seeds every fuzz target's corpus from the built-in templates (templates/*.jobdoc), plus a
# few small documents of other shapes. Corpora live in fuzz/corpus/<target>/ (not committed).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
for target in load validate export_pdf export_docx; do
    dir="$here/corpus/$target"
    mkdir -p "$dir"
    for t in "$root"/templates/*/*.jobdoc; do
        cp "$t" "$dir/template-$(basename "$t" .jobdoc)"
    done
    # A document cut short, an empty object, a newer schema: the reader's error paths.
    head -c 300 "$root/templates/sales/ru-key-account-manager.jobdoc" > "$dir/cut-short"
    printf '{}' > "$dir/empty-object"
    printf '{"schema": 2}' > "$dir/newer-schema"
done
# The import targets: the corpus of messy instructions (crates/import/corpus/make.py, which
# needs python-docx), each file as its target reads it.
corpus=$(mktemp -d)
if python3 "$root/crates/import/corpus/make.py" "$corpus" >/dev/null 2>&1; then
    mkdir -p "$here/corpus/import_docx" "$here/corpus/import_odt" "$here/corpus/import_rtf" \
        "$here/corpus/import_text"
    for f in "$corpus"/*.docx; do
        cp "$f" "$here/corpus/import_docx/$(basename "$f")"
        # The XML parts alone, as the target also reads them.
        unzip -p "$f" word/document.xml > "$here/corpus/import_docx/$(basename "$f").xml" 2>/dev/null || true
    done
    for f in "$corpus"/*.rtf; do cp "$f" "$here/corpus/import_rtf/"; done
    for f in "$corpus"/*.txt "$corpus"/*.md "$corpus"/*.html; do
        case "$f" in
            *.txt) p=0 ;;
            *.md) p=1 ;;
            *) p=2 ;;
        esac
        { printf "\\$(printf '%03o' "$p")"; cat "$f"; } > "$here/corpus/import_text/$(basename "$f")"
    done
    if command -v soffice >/dev/null 2>&1; then
        profile=$(mktemp -d)
        soffice "-env:UserInstallation=file://$profile" --headless --convert-to odt \
            --outdir "$here/corpus/import_odt" "$corpus"/0[1-4]*.docx >/dev/null 2>&1 || true
        for f in "$here/corpus/import_odt"/*.odt; do
            unzip -p "$f" content.xml > "$f.xml" 2>/dev/null || true
        done
        rm -rf "$profile"
    fi
fi
rm -rf "$corpus"
echo "seeded $(ls "$here/corpus/load" | wc -l) inputs per target into $here/corpus/"
