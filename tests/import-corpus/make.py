#!/usr/bin/env python3
"""Regenerate the import corpus: every file in files/ and its expectation in expected/.

    python3 tests/import-corpus/make.py            # all documents
    python3 tests/import-corpus/make.py ru-cashier  # only files whose name contains a word

The texts live in texts/*.py (each module has DOCS, a list of gen.model.Doc); the writers in gen/.
DOCX, RTF, Markdown, text and HTML are written by the scripts byte for byte; ODT, DOC and the
LibreOffice-written DOCX files are converted by LibreOffice from a DOCX written here (those are
not byte-deterministic).
"""
from __future__ import annotations

import importlib
import os
import pkgutil
import shutil
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from gen import docx, rtf, textfmt, lo                      # noqa: E402
from gen.build import build                                  # noqa: E402
from gen.expected import expected, dump                      # noqa: E402
from gen.model import latinise                               # noqa: E402

FILES = os.path.join(HERE, "files")
EXPECTED = os.path.join(HERE, "expected")

# LibreOffice targets: format -> (filter, produced extension)
LO_TARGETS = {
    "odt": ("odt", ".odt"),
    "doc": ("doc:MS Word 97", ".doc"),
    "docx-lo": ("docx:MS Word 2007 XML", ".docx"),
}


def all_docs():
    docs = []
    for m in sorted(pkgutil.iter_modules([os.path.join(HERE, "texts")]), key=lambda m: m.name):
        mod = importlib.import_module("texts." + m.name)
        docs.extend(mod.DOCS)
    names = [d.file for d in docs]
    dup = {n for n in names if names.count(n) > 1}
    assert not dup, f"duplicate file names: {dup}"
    return docs


def write_docx(doc, built, path, flavour=None):
    r = doc.r
    flavour = flavour or r.get("flavour") or ("word-ru" if doc.lang == "ru" else "word-en")
    w = docx.Writer(flavour, doc.lang, font=r.get("font", "Times New Roman"), size=r.get("size", 12),
                    title=r.get("meta_title", ""), author=r.get("meta_author", ""), app=r.get("app"))
    w.word2007 = r.get("word2007", False)
    w.write(path, built.blocks, built.header, built.footer, built.style_levels, title_pg=r.get("title_pg", False))


def count_clauses(clauses):
    return sum(1 + count_clauses(c["children"]) for c in clauses)


def write_readme_tables():
    """Regenerate the file table and the coverage table of README.md (between the markers)."""
    import json
    from gen.kinds import KINDS, FILE_KINDS
    rows = ["| file | lang | clauses | kinds |", "|---|---|---|---|"]
    total = 0
    for name in sorted(FILE_KINDS, key=lambda n: (not n.startswith("ru-"), n)):
        path = os.path.join(EXPECTED, name + ".json")
        if not os.path.exists(path):
            continue
        e = json.load(open(path, encoding="utf-8"))
        n = sum(count_clauses(s["clauses"]) for s in e["sections"])
        total += n
        rows.append(f"| `{name}` | {e['language']} | {n} | {' '.join('`' + k + '`' for k in FILE_KINDS[name].split())} |")
    rows.append(f"| **{len(rows) - 2} files** | | **{total}** | |")
    cov = ["| kind | what | files |", "|---|---|---|"]
    for k, what in KINDS.items():
        fs = [n for n, ks in FILE_KINDS.items() if k in ks.split()]
        cov.append(f"| `{k}` | {what.replace('|', '/')} | {len(fs)}: {', '.join('`' + f + '`' for f in sorted(fs))} |")
    readme = os.path.join(HERE, "README.md")
    text = open(readme, encoding="utf-8").read()
    for marker, table in (("files", rows), ("coverage", cov)):
        start, end = f"<!-- {marker}-table -->", f"<!-- /{marker}-table -->"
        a, b = text.index(start) + len(start), text.index(end)
        text = text[:a] + "\n" + "\n".join(table) + "\n" + text[b:]
    with open(readme, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def main(argv):
    only = argv[1:]
    os.makedirs(FILES, exist_ok=True)
    os.makedirs(EXPECTED, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix="jobdoc-corpus-")
    queue = {k: [] for k in LO_TARGETS}
    done = []
    for doc in all_docs():
        if only and not any(o in doc.file for o in only):
            continue
        if doc.r.get("latin"):
            latinise(doc, doc.r["latin"])
        built = build(doc)
        fmt = doc.r["fmt"]
        out = os.path.join(FILES, doc.file)
        if fmt in ("docx-word", "docx-gdocs"):
            write_docx(doc, built, out, "gdocs" if fmt == "docx-gdocs" else None)
        elif fmt in LO_TARGETS:
            stem = os.path.splitext(doc.file)[0]
            src_dir = os.path.join(tmp, "src-" + fmt)
            os.makedirs(src_dir, exist_ok=True)
            src = os.path.join(src_dir, stem + ".docx")
            write_docx(doc, built, src)
            queue[fmt].append((src, doc.file))
        elif fmt.startswith("rtf-"):
            w = rtf.Writer(fmt[4:], doc.lang, font=doc.r.get("font", "Times New Roman"), size=doc.r.get("size", 12),
                           title=doc.r.get("meta_title", ""), author=doc.r.get("meta_author", ""))
            w.unicode_every = doc.r.get("rtf_unicode_every", 0)
            w.write(out, built.blocks, built.header, built.footer)
        elif fmt == "txt":
            textfmt.write_txt(out, built, doc.r)
        elif fmt == "web":
            textfmt.write_web(out, built, doc.r)
        elif fmt == "md":
            textfmt.write_md(out, built, doc.r)
        elif fmt == "html":
            textfmt.write_html(out, built, doc.r)
        else:
            raise SystemExit(f"{doc.file}: unknown format {fmt}")
        with open(os.path.join(EXPECTED, doc.file + ".json"), "w", encoding="utf-8", newline="\n") as f:
            f.write(dump(expected(doc, built)))
        done.append(doc.file)
    for fmt, items in queue.items():
        if not items:
            continue
        filt, ext = LO_TARGETS[fmt]
        outdir = os.path.join(tmp, "out-" + fmt)
        lo.convert([s for s, _ in items], filt, outdir)
        for src, name in items:
            produced = os.path.join(outdir, os.path.splitext(os.path.basename(src))[0] + ext)
            shutil.move(produced, os.path.join(FILES, name))
    shutil.rmtree(tmp, ignore_errors=True)
    write_readme_tables()
    print(f"{len(done)} documents written to {os.path.relpath(FILES)}")


if __name__ == "__main__":
    main(sys.argv)
