#!/usr/bin/env python3
"""Check the import corpus: every file has a well-formed expectation, and everything the
expectation claims is really in the source.

    python3 tests/import-corpus/check.py

For every file the source text is extracted twice where possible: by LibreOffice
(soffice --convert-to txt, the way a real reader sees it) and by reading the file's own XML or
text (which also sees headers, footers and text boxes, and skips tracked deletions). A claim
holds if it holds in either. The comparison normalises: soft hyphens removed, NBSP = space,
every whitespace run (line breaks included) = one space; Markdown backslash escapes and ** are
undone. Clause texts must occur exactly (case-sensitive, Latin look-alikes as written) and in
document order; field values, headings and noise lines case-insensitively.
"""
from __future__ import annotations

import glob
import html.parser
import json
import os
import re
import sys
import tempfile
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from gen import lo  # noqa: E402

KEYS = ["file", "about", "language", "position", "title_form", "organisation", "department", "place",
        "registration", "approval", "sections", "author", "visas", "acknowledgement", "not_clauses", "dropped"]
KINDS = {"general", "functions", "duties", "rights", "liability", "relationships", "custom"}
LO_EXT = {".docx", ".odt", ".doc", ".rtf"}
MONTHS_RU = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября",
             "октября", "ноября", "декабря"]
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
             "October", "November", "December"]

errors: list = []


def err(file, msg):
    errors.append(f"{file}: {msg}")


def norm(s: str) -> str:
    s = s.replace("\u00ad", "").replace("\u00a0", " ").replace("\ufeff", "")
    return re.sub(r"\s+", " ", s).strip()


# ------------------------------------------------------------------ text extraction
def decode(data: bytes) -> str:
    if data.startswith(b"\xff\xfe") or data.startswith(b"\xfe\xff"):
        return data.decode("utf-16")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1251")


def ooxml_text(path) -> str:
    """Paragraph texts of every WordprocessingML part, deletions skipped, text boxes included
    (only the mc:Choice copy), headers and footers included."""
    from lxml import etree
    W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
    out = []
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if not re.match(r"word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml$", name):
                continue
            root = etree.fromstring(z.read(name))
            for fb in root.iter(MC + "Fallback"):
                fb.getparent().remove(fb)
            for p in root.iter(W + "p"):
                buf = []
                for el in p.iter():
                    if el.tag == W + "t":
                        # skip text of nested paragraphs (text boxes); they are visited on their own
                        par = el.getparent()
                        while par is not None and par.tag != W + "p":
                            par = par.getparent()
                        if par is p:
                            buf.append(el.text or "")
                    elif el.tag in (W + "tab", W + "br"):
                        buf.append(" ")
                out.append("".join(buf))
    return "\n".join(out)


def odf_text(path) -> str:
    from lxml import etree
    T = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
    out = []
    with zipfile.ZipFile(path) as z:
        for name in ("styles.xml", "content.xml"):
            root = etree.fromstring(z.read(name))
            for p in root.iter(T + "p", T + "h"):
                buf = []
                if p.text:
                    buf.append(p.text)
                for el in p:
                    if el.tag in (T + "tab", T + "s", T + "line-break"):
                        buf.append(" ")
                    elif el.tag != T + "note":
                        buf.append("".join(el.itertext()))
                    if el.tail:
                        buf.append(el.tail)
                out.append("".join(buf))
    return "\n".join(out)


class _HTML(html.parser.HTMLParser):
    BLOCK = {"p", "div", "li", "tr", "td", "th", "br", "h1", "h2", "h3", "h4", "table", "ul", "ol", "title"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.buf = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1
        if tag in self.BLOCK:
            self.buf.append("\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip -= 1
        if tag in self.BLOCK:
            self.buf.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.buf.append(data)


def html_text(data: str) -> str:
    p = _HTML()
    p.feed(data)
    return "".join(p.buf)


def md_text(data: str) -> str:
    data = data.replace("**", "")
    return re.sub(r"\\(.)", r"\1", data)


def sources(files) -> dict:
    """file -> list of extracted texts (normalised)."""
    out = {f: [] for f in files}
    tmp = tempfile.mkdtemp(prefix="jobdoc-corpus-check-")
    by_ext = {}
    for f in files:
        ext = os.path.splitext(f)[1]
        if ext in LO_EXT:
            by_ext.setdefault(ext, []).append(f)
    for ext, fs in by_ext.items():
        outdir = os.path.join(tmp, ext[1:])
        lo.convert(fs, "txt:Text (encoded):UTF8", outdir)
        for f in fs:
            t = os.path.join(outdir, os.path.splitext(os.path.basename(f))[0] + ".txt")
            if os.path.exists(t):
                out[f].append(norm(decode(open(t, "rb").read())))
            else:
                err(os.path.basename(f), "LibreOffice could not read it")
    for f in files:
        ext = os.path.splitext(f)[1]
        data = open(f, "rb").read()
        if ext == ".docx":
            out[f].append(norm(ooxml_text(f)))
        elif ext == ".odt":
            out[f].append(norm(odf_text(f)))
        elif ext in (".txt",):
            out[f].append(norm(decode(data)))
        elif ext == ".md":
            out[f].append(norm(md_text(decode(data))))
        elif ext in (".html", ".htm"):
            out[f].append(norm(html_text(decode(data))))
    return out


# ------------------------------------------------------------------ checks
def date_forms(iso: str) -> list:
    y, m, d = (int(x) for x in iso.split("-"))
    forms = [iso, f"{d:02}.{m:02}.{y}", f"{d}.{m:02}.{y}", f"{d:02}.{m:02}.{y % 100:02}", f"{d:02}/{m:02}/{y}",
             f"{m:02}/{d:02}/{y}"]
    for dd in (f"{d:02}", str(d)):
        for q in ("«{}»", "\"{}\"", "{}"):
            forms.append(f"{q.format(dd)} {MONTHS_RU[m - 1]} {y}")
        forms.append(f"{dd} {MONTHS_EN[m - 1]} {y}")
    forms.append(f"{MONTHS_EN[m - 1]} {d}, {y}")
    return forms


def walk(clauses, depth=1):
    for c in clauses:
        yield c, depth
        yield from walk(c["children"], depth + 1)


def check_schema(name, e) -> bool:
    if list(e.keys()) != KEYS:
        err(name, f"keys must be exactly {KEYS}, got {list(e.keys())}")
        return False
    ok = True

    def need(cond, msg):
        nonlocal ok
        if not cond:
            err(name, msg)
            ok = False

    need(e["file"] == name, "\"file\" differs from the file name")
    need(isinstance(e["about"], str) and e["about"].strip(), "\"about\" must be a non-empty string")
    need(e["language"] in ("ru", "en"), "language must be ru or en")
    for k in ("position", "title_form", "organisation", "department", "place"):
        need(e[k] is None or (isinstance(e[k], str) and e[k].strip()), f"{k} must be null or a non-empty string")
    reg = e["registration"]
    need(reg is None or (isinstance(reg, dict) and set(reg) == {"date", "number"}), "registration: {date, number} or null")
    ap = e["approval"]
    if ap is not None:
        need(isinstance(ap, dict) and ap.get("kind") in ("stamp", "order"), "approval.kind must be stamp or order")
        if isinstance(ap, dict) and ap.get("kind") == "stamp":
            need(set(ap) == {"kind", "position", "name", "date"}, "stamp approval: kind, position, name, date")
        if isinstance(ap, dict) and ap.get("kind") == "order":
            need(set(ap) == {"kind", "number", "date"}, "order approval: kind, number, date")
    for d in ([reg] if reg else []) + ([ap] if ap else []):
        if isinstance(d, dict) and d.get("date") is not None:
            need(bool(re.fullmatch(r"\d{4}-\d\d-\d\d", d["date"])), f"date not ISO: {d['date']}")
    need(isinstance(e["sections"], list) and e["sections"], "sections must be a non-empty list")
    for s in e["sections"]:
        need(set(s) == {"kind", "title", "clauses"}, "section keys: kind, title, clauses")
        need(s.get("kind") in KINDS, f"bad section kind {s.get('kind')}")
        need(isinstance(s.get("title"), str), "section title must be a string")
        if s.get("kind") == "custom":
            need(bool(s.get("title")), "a custom section needs its title")
        for c, depth in walk(s.get("clauses", [])):
            need(set(c) == {"text", "children"}, "clause keys: text, children")
            need(isinstance(c["text"], str) and c["text"].strip() == c["text"] and c["text"], f"clause text empty or untrimmed: {c['text']!r}")
            need(depth <= 3, f"clause deeper than 3: {c['text'][:40]}")
    au = e["author"]
    need(au is None or (isinstance(au, dict) and set(au) == {"position", "name"}), "author: {position, name} or null")
    need(isinstance(e["visas"], list) and all(isinstance(v, dict) and set(v) == {"position", "name"} for v in e["visas"]),
         "visas: list of {position, name}")
    need(isinstance(e["acknowledgement"], bool), "acknowledgement must be true or false")
    need(isinstance(e["not_clauses"], list) and all(isinstance(x, str) and x for x in e["not_clauses"]), "not_clauses: strings")
    need(isinstance(e["dropped"], list) and all(isinstance(x, str) and x for x in e["dropped"]), "dropped: strings")
    return ok


def check_content(name, e, texts):
    if not texts:
        err(name, "no text could be extracted")
        return
    low = [t.lower() for t in texts]

    def has(s, exact=False):
        s = norm(s)
        return any(s in t for t in texts) if exact else any(s.lower() in t for t in low)

    # clauses: exact, and in order
    clauses = [norm(c["text"]) for s in e["sections"] for c, _ in walk(s["clauses"])]
    best = None
    for t in texts:
        pos, missing, disorder = 0, [], []
        for c in clauses:
            k = t.find(c, pos)
            if k < 0:
                if c in t:
                    disorder.append(c)
                else:
                    missing.append(c)
            else:
                pos = k + len(c)
        if best is None or len(missing) + len(disorder) < len(best[0]) + len(best[1]):
            best = (missing, disorder)
    for c in best[0]:
        err(name, f"clause text not in the source: {c[:90]!r}")
    for c in best[1]:
        err(name, f"clause out of document order: {c[:90]!r}")
    for s in e["sections"]:
        if s["title"] and not has(s["title"]):
            err(name, f"section title not in the source: {s['title']!r}")
    for k in ("position", "title_form", "organisation", "department", "place"):
        if e[k] and not has(e[k]):
            err(name, f"{k} not in the source: {e[k]!r}")
    for key, d in (("registration", e["registration"]), ("approval", e["approval"])):
        if not d:
            continue
        for f in ("position", "name", "number"):
            if d.get(f) and not has(d[f]):
                err(name, f"{key}.{f} not in the source: {d[f]!r}")
        if d.get("date") and not any(has(x) for x in date_forms(d["date"])):
            err(name, f"{key}.date {d['date']} not in the source in any usual form")
    for who in ([e["author"]] if e["author"] else []) + e["visas"]:
        for f in ("position", "name"):
            if who[f] and not has(who[f]):
                err(name, f"signatory {f} not in the source: {who[f]!r}")
    for x in e["not_clauses"]:
        if not has(x):
            err(name, f"not_clauses entry not in the source: {x!r}")
    for x in e["dropped"]:
        if norm(x) not in [norm(y) for y in e["not_clauses"]]:
            err(name, f"dropped entry missing from not_clauses: {x!r}")
    nc = {norm(x) for x in e["not_clauses"]}
    for c in clauses:
        if c in nc:
            err(name, f"a clause is also listed in not_clauses: {c!r}")


def main():
    files = sorted(f for f in glob.glob(os.path.join(HERE, "files", "*")) if os.path.isfile(f))
    exps = sorted(glob.glob(os.path.join(HERE, "expected", "*.json")))
    fnames = {os.path.basename(f) for f in files}
    enames = {os.path.basename(f)[:-5] for f in exps}
    for n in sorted(fnames - enames):
        err(n, "no expected/<file>.json")
    for n in sorted(enames - fnames):
        err(n, "expectation without a file")
    stems = [os.path.splitext(n)[0] for n in fnames]
    for s in {s for s in stems if stems.count(s) > 1}:
        err(s, "two files share this stem")
    from gen.kinds import KINDS, FILE_KINDS
    for n in sorted(fnames - set(FILE_KINDS)):
        err(n, "not listed in gen/kinds.py FILE_KINDS")
    for n, ks in FILE_KINDS.items():
        for k in ks.split():
            if k not in KINDS:
                err(n, f"unknown kind {k}")
    for k in KINDS:
        n = sum(1 for ks in FILE_KINDS.values() if k in ks.split())
        if n < 2:
            err(k, f"kind reproduced by {n} file(s); the corpus needs at least two")
    texts = sources(files)
    import shutil
    for d in glob.glob(os.path.join(tempfile.gettempdir(), "jobdoc-corpus-check-*")):
        shutil.rmtree(d, ignore_errors=True)
    total = 0
    langs = {"ru": 0, "en": 0}
    for f in files:
        name = os.path.basename(f)
        ef = os.path.join(HERE, "expected", name + ".json")
        if not os.path.exists(ef):
            continue
        try:
            e = json.load(open(ef, encoding="utf-8"))
        except ValueError as x:
            err(name, f"expectation is not JSON: {x}")
            continue
        if not check_schema(name, e):
            continue
        langs[e["language"]] += 1
        total += sum(1 for s in e["sections"] for _ in walk(s["clauses"]))
        check_content(name, e, texts[f])
    for x in errors:
        print(x)
    print(f"{len(files)} files ({langs['ru']} ru, {langs['en']} en), {total} expected clauses, {len(errors)} problems")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
