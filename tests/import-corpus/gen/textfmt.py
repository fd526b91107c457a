"""Writers for the text formats: plain text, a web page pasted as one paragraph, pandoc-style
Markdown converted from Word, and HTML pasted from a web page."""
from __future__ import annotations

import html
import re
import textwrap

from .ir import Para, Table, Run


def run_text(p: Para, shy="\u00ad", tab="\t") -> str:
    out = []
    for r in p.runs:
        if r.kind in ("text", "ins"):
            out.append(r.text)   # w:caps changes the look, not the text
        elif r.kind == "tab":
            out.append(tab)
        elif r.kind == "br":
            out.append("\n")
        elif r.kind == "shy":
            out.append(shy)
        elif r.kind == "field":
            out.append(r.text)
        elif r.kind == "textbox":
            out.append("\n".join(run_text(b) for b in r.box if isinstance(b, Para)) + "\n")
    return "".join(out)


def para_line(p: Para, r) -> str:
    t = run_text(p, shy="\u00ad" if r.get("shy") else "")
    if p.label:
        t = p.label + r.get("txt_label_sep", "\t") + t
    return t


# ---------------------------------------------------------------- plain text
def txt_lines(blocks, r) -> list:
    lines = []
    for b in blocks:
        if isinstance(b, Para):
            t = para_line(b, r)
            if b.role == "clause" and b.depth > 1:
                t = r.get("txt_indent", "") * (b.depth - 1) + t
            if b.align == "center" and r.get("txt_center"):
                t = t.strip().center(r.get("txt_width", 76)).rstrip()
            if b.align == "right" and r.get("txt_right"):
                t = " " * r.get("txt_right") + t.strip()
            lines.append(t)
        elif isinstance(b, Table):
            if b.role == "stamp" and r.get("txt_table", "side") == "side":
                cols = [[para_line(p, r) for p in c.blocks if isinstance(p, Para)] for c in b.rows[0]]
                n = max(len(c) for c in cols)
                for i in range(n):
                    l = cols[0][i] if i < len(cols[0]) else ""
                    rr = cols[1][i] if len(cols) > 1 and i < len(cols[1]) else ""
                    lines.append((l.ljust(r.get("txt_col", 40)) + rr).rstrip() if rr else l)
            else:
                for row in b.rows:
                    cells = [" ".join(para_line(p, r) for p in c.blocks if isinstance(p, Para)) for c in row]
                    if b.role in ("sheet", "sign") or r.get("txt_table") == "tabs":
                        lines.append("\t".join(cells))
                    else:
                        lines.extend(x for x in cells)
    return lines


def write_txt(path, built, r):
    lines = txt_lines(built.blocks, r)
    if r.get("wrap"):
        out = []
        for ln in lines:
            if len(ln) > r["wrap"]:
                out.extend(textwrap.wrap(ln, r["wrap"], break_long_words=False, break_on_hyphens=False,
                                         drop_whitespace=True))
            else:
                out.append(ln)
        lines = out
    data = r.get("eol", "\r\n").join(lines) + r.get("eol", "\r\n")
    enc = r.get("enc", "utf-8")
    with open(path, "wb") as f:
        if enc == "utf-16":
            f.write(b"\xff\xfe" + data.encode("utf-16-le"))
        else:
            f.write(data.encode(enc))


def write_web(path, built, r):
    """Everything in one paragraph: the line breaks of the web page were lost on copying."""
    parts = [x.strip() for x in txt_lines(built.blocks, dict(r, txt_label_sep=" ")) if x.strip()]
    glue_every = r.get("web_glue_every", 0)
    s = ""
    for i, x in enumerate(parts):
        if i:
            s += "" if glue_every and i % glue_every == 0 else " "
        s += x.replace("\t", " ")
    s = " ".join(r.get("web_before", [])) + (" " if r.get("web_before") else "") + s
    if r.get("web_after"):
        s += " " + " ".join(r["web_after"])
    with open(path, "wb") as f:
        f.write((s + "\n").encode(r.get("enc", "utf-8")))


# ---------------------------------------------------------------- Markdown (pandoc from Word)
def md_escape(t: str, start=True) -> str:
    t = t.replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_").replace("[", "\\[").replace("]", "\\]")
    if start:
        t = re.sub(r"^(\d+)([.)])(\s)", r"\1\\\2\3", t)
        t = re.sub(r"^([-+#])(\s)", r"\\\1\2", t)
    return t


def md_runs(p: Para, r) -> str:
    out = []
    for x in p.runs:
        if x.kind in ("text", "ins"):
            t = md_escape(x.text, start=not out and p.role != "heading")
            if x.b and t.strip():
                lead = t[: len(t) - len(t.lstrip())]
                trail = t[len(t.rstrip()):]
                t = lead + "**" + t.strip() + "**" + trail
            out.append(t)
        elif x.kind == "tab":
            out.append(" ")
        elif x.kind == "shy":
            out.append("\u00ad" if r.get("shy") else "")
        elif x.kind == "field":
            out.append(x.text)
    return "".join(out).strip()


def wrap(t, width, first, rest):
    if not width:
        return first + t
    return "\n".join(textwrap.wrap(t, width, initial_indent=first, subsequent_indent=rest,
                                   break_long_words=False, break_on_hyphens=False))


def write_md(path, built, r):
    W = r.get("md_wrap", 72)
    out = []
    counters = {}
    for b in built.blocks:
        if isinstance(b, Table):
            counters = {}
            out.append(md_table(b, r))
            continue
        if not b.runs or not b.text().strip():
            continue
        if b.num and b.label != "" and r.get("md_lists", True):
            ilvl = b.num[1] if b.num[1] is not None else 0
            base = r.get("md_base", 0)
            lvl = max(ilvl - base, 0)
            for k in list(counters):
                if k > lvl:
                    del counters[k]
            counters[lvl] = counters.get(lvl, 0) + 1
            lv = b.num[0].listdef.levels[ilvl]
            marker = "-" if lv.fmt == "bullet" else f"{counters[lvl]}."
            marker = marker.ljust(4) if len(marker) < 4 else marker + " "
            ind = "    " * lvl
            out.append(wrap(md_runs(b, r), W, ind + marker, ind + "    "))
            continue
        counters = {} if b.role != "clause" else counters
        t = md_runs(b, r)
        if b.role == "heading" and r.get("md_head") == "#":
            t = t.replace("**", "")
            out.append("# " + t)
        elif b.role == "heading" and r.get("md_head") == "##":
            t = t.replace("**", "")
            out.append("## " + t)
        else:
            ind = "    " * (b.depth - 1) if (b.role == "clause" and r.get("md_indent")) else ""
            out.append(wrap(t, W, ind, ind))
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n\n".join(out) + "\n")


def md_table(t: Table, r) -> str:
    rows = [[" ".join(md_runs(p, r) for p in c.blocks if isinstance(p, Para) and p.runs) for c in row] for row in t.rows]
    if t.role == "sheet":
        w = [max(len(rw[i]) if i < len(rw) else 0 for rw in rows) + 2 for i in range(len(rows[0]))]
        lines = ["| " + " | ".join(c.ljust(w[i]) for i, c in enumerate(rows[0])) + " |",
                 "|" + "|".join("-" * (w[i] + 2) for i in range(len(w))) + "|"]
        for rw in rows[1:]:
            lines.append("| " + " | ".join((rw[i] if i < len(rw) else "").ljust(w[i]) for i in range(len(w))) + " |")
        return "\n".join(lines)
    # grid table, one cell per paragraph line
    cols = []
    for c in t.rows[0]:
        cols.append([md_runs(p, r) for p in c.blocks if isinstance(p, Para)])
    width = 35
    n = max(len(c) for c in cols)
    sep = "+" + "+".join("-" * (width + 2) for _ in cols) + "+"
    lines = [sep]
    for i in range(n):
        cells = []
        for c in cols:
            v = c[i] if i < len(c) else ""
            cells.append(" " + v.ljust(width) + " ")
        lines.append("|" + "|".join(cells) + "|")
    lines.append(sep)
    return "\n".join(lines)


# ---------------------------------------------------------------- HTML
def h_runs(p: Para, r) -> str:
    out = []
    for x in p.runs:
        if x.kind in ("text", "ins"):
            t = html.escape(x.text, quote=False).replace("\u00a0", "&nbsp;")
            if x.caps:
                t = f'<span style="text-transform:uppercase">{t}</span>'
            if x.b:
                t = f"<strong>{t}</strong>"
            out.append(t)
        elif x.kind == "tab":
            out.append("&nbsp;&nbsp;&nbsp;&nbsp;")
        elif x.kind == "shy":
            out.append("&shy;")
        elif x.kind == "field":
            out.append(html.escape(x.text))
    return "".join(out)


def write_html(path, built, r):
    out = [r.get("html_before", "")]
    stack = []          # open list tags
    for b in built.blocks:
        listed = isinstance(b, Para) and b.num is not None and r.get("html_lists", "ol") == "ol" and b.role == "clause"
        if not listed:
            while stack:
                out.append("</li></" + stack.pop() + ">")
        if isinstance(b, Table):
            cls = ' border="1" cellpadding="4" cellspacing="0"' if b.role == "sheet" else ' style="width:100%;border:none"'
            rows = []
            for row in b.rows:
                cells = "".join("<td>" + "<br>".join(h_runs(p, r) for p in c.blocks if isinstance(p, Para) and p.runs) + "</td>" for c in row)
                rows.append("<tr>" + cells + "</tr>")
            out.append(f"<table{cls}><tbody>" + "".join(rows) + "</tbody></table>")
            continue
        if not b.runs:
            if r.get("html_empty"):
                out.append("<p>&nbsp;</p>")
            continue
        if listed:
            lvl = b.depth
            lv = b.num[0].listdef.levels[b.num[1] or 0]
            tag = "ul" if lv.fmt == "bullet" else "ol"
            if len(stack) < lvl:
                while len(stack) < lvl:
                    out.append(f"<{tag}>")
                    stack.append(tag)
                out.append("<li>")
            else:
                while len(stack) > lvl:
                    out.append("</li></" + stack.pop() + ">")
                out.append("</li><li>")
            out.append(h_runs(b, r))
            continue
        body = h_runs(b, r)
        if b.label:
            body = html.escape(b.label) + "&nbsp;" + body
        if b.role == "heading" and r.get("html_head"):
            tag = r["html_head"]
            out.append(f"<{tag}>{body.replace('<strong>', '').replace('</strong>', '')}</{tag}>")
            continue
        style = f' style="text-align:{b.align}"' if b.align in ("center", "right") else ""
        out.append(f"<p{style}>{body}</p>")
    while stack:
        out.append("</li></" + stack.pop() + ">")
    out.append(r.get("html_after", ""))
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(x for x in out if x) + "\n")
