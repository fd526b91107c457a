"""Doc (content + rendering options) -> block IR.

Line notation used by Doc.top / title / after_title / tail and r["header"] / r["footer"]:
  a line is one paragraph; markers at its start: ^ centre, > right, * bold, ~ w:caps, ! dropped
  noise (no document content), @ inside a content control (DOCX w:sdt), _ an empty paragraph; "|" separates the left and right column
  (top: the stamp is the right column; tail: signature columns). "[PAGE]" becomes a PAGE field.
  In the tail, "[sheet]" … "[/sheet]" is a bordered table (one row per line, cells split on "|"),
  and "[pagebreak]" starts the next paragraph on a new page.

Rendering options (Doc.r), all optional:
  top       table | tabs | right | indent | center | textbox | nonformat | none
  hnum      arabic | roman | dotless | glued | none | list        heading numbers
  hcaps     True: headings carry w:caps (typed as in the content)
  hbold, halign, hstyle, htable (heading in a shaded one-cell table)
  num       typed | multi | prefix | simple | pstyle | islgl | pn   clause numbering
  markers   per-level typed markers (num, local, localp, letter, eletter, dash, endash, bullet, sym, none)
  dot       typed numbers end with a dot (default True)
  sep       separator(s) after a typed number (str or list, cycled)
  sub       in auto modes, levels 2-3 as: num | bullet | sym | wingdings | dot | o-bullet | dash | endash | paren | letter
  simple_levels, bul   "simple" mode: override its list levels; the list of sections flagged [bul]
  stale_prefix         RTF "prefix" mode: write "%1." to the list table under the cached "2.3.1." \\listtext
  latin     put a Latin look-alike into every n-th clause (kept in the expectation)
  space_after          spacing after clause paragraphs (twips)
  cstyle    clause paragraph style; calign; cfirst (first-line indent)
  shy       soft hyphens in long words
  empty     {"after_top": n, "after_title": n, "between": n, "before_tail": n}
  ltable    rows | cell   body laid out in a table
  tail      tabs | table
"""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from .ir import Para, Run, Table, Cell, Level, ListDef, Num, ROMAN, RU_LETTERS, iter_paras, number_paragraphs

MARK = re.compile(r"^([\^>*~!@]*)")


def norm(s: str) -> str:
    s = s.replace("\u00ad", "").replace("\u00a0", " ").replace("\t", " ")
    return re.sub(r"\s+", " ", s).strip()


def shy_runs(text: str, shy: bool, **props) -> list:
    """Text as runs; with shy, long words get a soft hyphen in the middle."""
    if not shy:
        return [Run(text, **props)]
    out = []
    buf = ""
    for tok in re.split(r"(\s+)", text):
        if len(tok) >= 12 and tok.isalpha():
            k = len(tok) // 2
            while k < len(tok) - 3 and tok[k].lower() in "аеёиоуыэюяьъйaeiou":
                k += 1
            out.append(Run(buf + tok[:k], **props))
            out.append(Run(kind="shy"))
            buf = tok[k:]
        else:
            buf += tok
    if buf:
        out.append(Run(buf, **props))
    return out


def markup_runs(text: str, shy=False, **props) -> list:
    """Clause text with {-del-} / {+ins+} markup as runs."""
    out = []
    for part in re.split(r"(\{-.*?-\}|\{\+.*?\+\})", text):
        if not part:
            continue
        if part.startswith("{-"):
            out.append(Run(part[2:-2], kind="del", **props))
        elif part.startswith("{+"):
            out.append(Run(part[2:-2], kind="ins", **props))
        else:
            out.extend(shy_runs(part, shy, **props))
    return out


def line_para(line: str, role="noise", **kw) -> Para:
    m = MARK.match(line)
    marks = m.group(1)
    text = line[m.end():]
    p = Para(role="drop" if "!" in marks else role, **kw)
    if text == "_" or text == "":
        p.role = None
        return p
    if "@" in marks:
        p.sdt = True
    if "^" in marks:
        p.align = "center"
    if ">" in marks:
        p.align = "right"
    p.runs = text_runs(text, b="*" in marks, caps="~" in marks)
    return p


def text_runs(text: str, **props) -> list:
    out = []
    for part in re.split(r"(\t|\[PAGE\]|\[NUMPAGES\])", text):
        if part == "\t":
            out.append(Run(kind="tab"))
        elif part == "[PAGE]":
            out.append(Run("1", kind="field", instr="PAGE   \\* MERGEFORMAT", **props))
        elif part == "[NUMPAGES]":
            out.append(Run("3", kind="field", instr="NUMPAGES", **props))
        elif part:
            out.append(Run(part, **props))
    return out


@dataclass
class Built:
    blocks: list
    header: list = field(default_factory=list)
    footer: list = field(default_factory=list)
    style_levels: dict = field(default_factory=dict)

    def noise(self):
        out, drop = [], []
        for p in itertools.chain(iter_paras(self.blocks), iter_paras(self.header), iter_paras(self.footer)):
            if p.role in ("noise", "drop"):
                t = norm(p.text())
                if t:
                    out.append(t)
                    if p.role == "drop":
                        drop.append(t)
        return out, drop


def split_cols(lines):
    rows = []
    for ln in lines:
        if "|" in ln:
            l, _, r = ln.partition("|")
            rows.append((l, r))
        else:
            rows.append((ln, None))
    return rows


def lines_of(s: str) -> list:
    return [ln for ln in s.strip("\n").split("\n")] if s.strip() else []


def build(doc) -> Built:
    r = doc.r
    blocks: list = []
    empty = r.get("empty", {})

    def spacer(n):
        for _ in range(n):
            blocks.append(Para())

    # ---- top: organisation and stamp
    rows = split_cols(lines_of(doc.top))
    mode = r.get("top", "table")
    left = [l for l, rr in rows if l.strip()]
    right = [rr for l, rr in rows if rr is not None and rr.strip()]
    if rows:
        if mode in ("table", "gost"):
            lc = Cell([line_para(x) for x in left] or [Para()])
            rc = Cell([line_para(x) for x in right] or [Para()])
            blocks.append(Table([[lc, rc]], widths=r.get("top_widths", [4678, 4677]), role="stamp"))
        elif mode == "tabs":
            n = r.get("tabs_n", 5)
            for l, rr in rows:
                p = line_para(l) if l.strip() else Para(role="noise")
                if rr is not None and rr.strip():
                    q = line_para(rr)
                    p.runs += [Run(kind="tab") for _ in range(n if l.strip() else n + 3)] + q.runs
                    p.role = q.role if not l.strip() else p.role
                if not p.runs:
                    p.role = None
                blocks.append(p)
        elif mode in ("right", "indent", "center"):
            for x in left:
                p = line_para(x)
                if mode == "center":
                    p.align = "center"
                blocks.append(p)
            for x in right:
                p = line_para(x)
                if mode == "right":
                    p.align = p.align or "right"
                elif mode == "indent":
                    p.ind_left = r.get("indent_left", 5387)
                else:
                    p.align = "center"
                blocks.append(p)
        elif mode == "textbox":
            first = line_para(left[0]) if left else Para()
            first.runs = [Run(kind="textbox", box=[line_para(x) for x in right])] + first.runs
            blocks.append(first)
            blocks.extend(line_para(x) for x in left[1:])
        elif mode == "nonformat":
            w = r.get("nonformat_col", 40)
            for l, rr in rows:
                m1 = MARK.match(l)
                lt = l[m1.end():]
                lt = "" if lt == "_" else lt
                txt = lt.ljust(w) + (MARK.sub("", rr) if rr else "") if rr else lt
                drop = "!" in m1.group(1) or (rr is not None and rr.startswith("!"))
                p = Para(style="consnonformat", role="drop" if drop else "noise", runs=[Run(txt.rstrip() if txt.strip() else "")])
                if not txt.strip():
                    p.role = None
                blocks.append(p)
        elif mode == "none":
            blocks.extend(line_para(x) for x in left)
    spacer(empty.get("after_top", 1))

    # ---- title and what follows it
    for ln in lines_of(doc.title):
        p = line_para(ln)
        if p.role:
            p.align = p.align or "center"
            if r.get("title_bold", True) and "*" not in ln:
                for x in p.runs:
                    x.b = True
            if r.get("title_style"):
                p.style = r["title_style"]
        blocks.append(p)
    for ln in lines_of(doc.after_title):
        blocks.append(line_para(ln))
    spacer(empty.get("after_title", 1))

    # ---- body
    body: list = []
    body_blocks(doc, body, r)
    if r.get("ltable") == "cell":
        blocks.append(Table([[Cell(body)]], widths=[9355], role="layout"))
    else:
        blocks.extend(body)

    # ---- tail
    spacer(empty.get("before_tail", 1))
    tail_blocks(doc, blocks, r)

    built = Built(blocks)
    built.header = [line_para(x, role="drop", style="header") for x in r.get("header", [])]
    built.footer = [line_para(x, role="drop", style="footer") for x in r.get("footer", [])]
    if "style_levels" in r:
        built.style_levels = r.pop("style_levels")
    number_paragraphs(blocks)
    return built


def heading_prefix(r, n):
    h = r.get("hnum", "arabic")
    if h == "arabic":
        return f"{n}. "
    if h == "roman":
        return f"{ROMAN[n]}. "
    if h == "dotless":
        return f"{n} "
    if h == "glued":
        return f"{n}."
    if h == "arabic-nodot":
        return f"{n}.\t"
    return ""


SYM = {"dash": "-", "endash": "–", "emdash": "—", "bullet": "•", "sym": "\uf0b7", "o": "o", "star": "*", "none": ""}


def body_blocks(doc, out, r):
    mode = r.get("num", "typed")
    seps = r.get("sep", " ")
    seps = itertools.cycle(seps if isinstance(seps, list) else [seps])
    markers = r.get("markers", ["num", "num", "num", "num"])
    dot = r.get("dot", True)
    shy = r.get("shy", False)
    cstyle = r.get("cstyle")
    calign = r.get("calign", "both")
    cfirst = r.get("cfirst", 709)
    between = r.get("empty", {}).get("between", 0)
    sub = r.get("sub", "num")

    # auto-numbering definitions
    multi = None
    if mode in ("multi", "islgl", "pstyle"):
        if mode == "islgl":
            lv = [Level("upperRoman", "%1.", left=0, first=0, suffix="space"),
                  Level("decimal", "%1.%2.", is_lgl=True, left=0, first=709),
                  Level("decimal", "%1.%2.%3.", is_lgl=True, left=0, first=709),
                  Level("decimal", "%1.%2.%3.%4.", is_lgl=True, left=0, first=709),
                  Level("decimal", "%1.%2.%3.%4.%5.", is_lgl=True, left=0, first=709)]
        else:
            lv = [Level("decimal", "%1.", left=360, hanging=360),
                  Level("decimal", "%1.%2.", left=0, first=709),
                  Level("decimal", "%1.%2.%3.", left=0, first=709),
                  Level("decimal", "%1.%2.%3.%4.", left=0, first=709),
                  Level("decimal", "%1.%2.%3.%4.%5.", left=0, first=709)]
        if sub != "num":
            lv[2] = sub_level(sub, 2)
        if mode == "pstyle":
            lv[0].pstyle, lv[1].pstyle, lv[2].pstyle = "di-section", "di-clause", "di-sub"
        multi = Num(ListDef(lv))
        if mode == "pstyle":
            r["style_levels"] = {"di-section": (multi, 0), "di-clause": (multi, 1), "di-sub": (multi, 2)}
    simple_ld = None
    if mode == "simple":
        simple_ld = ListDef([Level("decimal", r.get("simple_text", "%1."), left=0, first=709),
                             sub_level(sub if sub != "num" else "dash", 1), sub_level(sub if sub != "num" else "dash", 2)])
        for i, (fmt, text) in enumerate(r.get("simple_levels", [])):
            simple_ld.levels[i] = Level(fmt, text, left=720 * (i + 1), hanging=360)

    secno = 0
    layout_rows = []          # for ltable == "rows"
    for s_i, sec in enumerate(doc.sections):
        numbered = "nonum" not in sec.flags
        markers = list(r.get("markers", ["num", "num", "num", "num"]))
        for fl in sec.flags:
            if fl.startswith("m") and "=" in fl:       # per-section marker override, e.g. m2=bullet
                markers[int(fl[1]) - 1] = fl.split("=", 1)[1]
        if numbered:
            secno += 1
        if s_i and between:
            for _ in range(between):
                out.append(Para())
        # heading
        if sec.title:
            hp = Para(role="heading", align=r.get("halign", "center"), keep_next=True)
            prefix = heading_prefix(r, secno) if numbered and mode not in ("multi", "islgl", "pstyle") else ""
            hb = r.get("hbold", True)
            hp.runs = [Run(prefix + sec.title, b=hb, caps=r.get("hcaps", False))] if not r.get("hcaps") else \
                ([Run(prefix, b=hb)] if prefix else []) + [Run(sec.title, b=hb, caps=True)]
            if r.get("hstyle"):
                hp.style = r["hstyle"]
            elif cstyle == "header" or r.get("hstyle_same"):
                hp.style = cstyle
            if mode in ("multi", "islgl") and numbered:
                hp.num = (multi, 0)
                hp.align = r.get("halign", "center")
            if mode == "pstyle":
                hp.style = "di-section"
                hp.num = (multi, 0)
            if r.get("ltable") == "rows":
                layout_rows.append([Cell([hp], span=2)])
            elif r.get("htable"):
                out.append(Table([[Cell([hp], shade=r.get("htable_shade", "D9D9D9"))]], widths=[9355], role="layout"))
            else:
                out.append(hp)
        # clauses
        sec_plain = "plain" in sec.flags      # label: value lines, no numbers or bullets
        sec_num = None
        if mode == "simple":
            ld = simple_ld
            if "bul" in sec.flags:           # this section's list is a bullet list
                ld = ListDef([sub_level(r.get("bul", "sym"), 1), sub_level(r.get("sub", "dash") if r.get("sub", "num") != "num" else "dash", 1),
                              sub_level("dash", 2)])
                ld.levels[0].left, ld.levels[1].left = 720, 1440
            sec_num = Num(ld, overrides={} if (r.get("simple_continue") and s_i) or "bul" in sec.flags else {0: 1})
        if mode == "prefix":
            sec_num = Num(ListDef([Level("decimal", f"{secno}.%1.", left=0, first=709),
                                   Level("decimal", f"{secno}.%1.%2.", left=0, first=709)], multi=False))

        def emit(cl, path, parent_num=None):
            depth = len(path)
            p = Para(role="clause", style=cstyle, align=calign, depth=min(depth, 3), space_after=r.get("space_after"))
            if cfirst:
                p.ind_first = cfirst
            runs = markup_runs(cl.text, shy)
            is_label = "label" in cl.flags
            if is_label:
                runs = markup_runs(cl.text, shy, b=r.get("label_bold", True))
            typed = "" if is_label or sec_plain else typed_label(r, markers, dot, secno if numbered else None, path)
            sep = next(seps)
            auto = mode not in ("typed", "pn") and "typed" not in cl.flags and not is_label and not (sec_plain and depth == 1)
            if (mode == "typed" or "typed" in cl.flags) and typed:
                runs = ([Run(typed), Run(kind="tab")] if sep == "\t" else [Run(typed + sep)]) + runs
            if mode == "pn" and not is_label:
                m = markers[min(depth, len(markers)) - 1]
                if m in SYM:
                    p.pn = ("", "", 1, "blt")
                else:
                    before = ".".join(str(x) for x in ([secno] + path[:-1])) + "." if m == "num" else ""
                    p.pn = (before, "." if m in ("num", "local") else ")", path[-1], "dec")
                p.label = typed
                p.cached = typed
            elif auto:
                if mode in ("multi", "islgl", "pstyle"):
                    p.num = (multi, min(depth, 4))
                    if mode == "pstyle":
                        p.style = "di-clause" if depth == 1 else "di-sub"
                elif mode == "simple":
                    p.num = (sec_num, min(depth - 1, 2))
                elif mode == "prefix":
                    p.num = parent_num
                if "dup" in cl.flags:
                    runs = [Run(typed + " ")] + runs
            p.runs = runs
            if r.get("ltable") == "rows":
                lab = typed if not auto else ""
                lp = Para(role=None, runs=[Run(lab)] if lab else [], align="left")
                p.runs = markup_runs(cl.text, shy, b=is_label and r.get("label_bold", True))
                layout_rows.append([Cell([lp]), Cell([p])])
            else:
                out.append(p)
            child_num = None
            if mode == "prefix" and cl.children:
                pre = ".".join(str(x) for x in [secno] + path) + "."
                lvl = sub_level(sub, 1, prefix=pre)
                if r.get("stale_prefix") and lvl.fmt == "decimal":
                    lvl.stale = "%1."
                child_num = (Num(ListDef([lvl], multi=False)), 0)
            for k, c in counted(cl.children):
                emit(c, path + [k], child_num)

        for k, cl in counted(sec.clauses):
            emit(cl, [k], (sec_num, 0) if mode == "prefix" else None)
    if layout_rows:
        out.append(Table(layout_rows, widths=r.get("ltable_widths", [1134, 8221]), role="layout"))


def counted(items):
    """(number, clause) pairs; a clause flagged "skip" makes the author skip one number."""
    k = 0
    for c in items:
        k += 2 if "skip" in c.flags else 1
        yield k, c


def sub_level(sub, ilvl, prefix=None):
    if prefix is not None and sub == "num":
        return Level("decimal", prefix + "%1.", left=0, first=709)
    if sub in ("bullet", "sym"):
        return Level("bullet", "\uf0b7", left=1069 + 360 * (ilvl - 1), hanging=360, font="Symbol")
    if sub == "wingdings":
        return Level("bullet", "\uf0a7", left=1069 + 360 * (ilvl - 1), hanging=360, font="Wingdings")
    if sub == "o-bullet":
        return Level("bullet", "o", left=1069 + 360 * (ilvl - 1), hanging=360, font="Courier New")
    if sub == "dot":
        return Level("bullet", "•", left=1069 + 360 * (ilvl - 1), hanging=360)
    if sub == "dash":
        return Level("bullet", "-", left=1069 + 360 * (ilvl - 1), hanging=360)
    if sub == "endash":
        return Level("bullet", "–", left=1069 + 360 * (ilvl - 1), hanging=360)
    if sub == "paren":
        return Level("decimal", f"%{ilvl + 1})" if prefix is None else "%1)", left=1069, hanging=360)
    if sub == "letter":
        return Level("russianLower", f"%{ilvl + 1})" if prefix is None else "%1)", left=1069, hanging=360)
    return Level("decimal", ".".join(f"%{k}" for k in range(1, ilvl + 2)) + ".", left=0, first=709)


def typed_label(r, markers, dot, secno, path) -> str:
    depth = len(path)
    m = markers[min(depth, len(markers)) - 1]
    k = path[-1]
    if m == "num":
        parts = ([str(secno)] if secno is not None else []) + [str(x) for x in path]
        return ".".join(parts) + ("." if dot else "")
    if m == "local":
        return f"{k}."
    if m == "localp":
        return f"{k})"
    if m == "letter":
        return f"{RU_LETTERS[k - 1]})"
    if m == "eletter":
        return f"({'abcdefghijklmnop'[k - 1]})"
    if m == "roman":
        return f"{ROMAN[k].lower()})"
    return SYM[m]


def tail_blocks(doc, blocks, r):
    lines = lines_of(doc.tail)
    mode = r.get("tail", "tabs")
    i = 0
    page_break = False
    pending = []

    def flush():
        if not pending:
            return
        if mode == "table":
            t = Table([[Cell([line_para(l)]), Cell([line_para(rr)])] for l, rr in pending],
                      widths=r.get("tail_widths", [4678, 4677]), role="sign")
            blocks.append(t)
        else:
            for l, rr in pending:
                p = line_para(l)
                q = line_para(rr)
                p.runs = p.runs + [Run(kind="tab") for _ in range(r.get("tail_tabs", 2))] + q.runs
                p.role = p.role or q.role
                if not norm(p.text()):
                    p.role = None
                p.tabs = r.get("tail_tabstops", [])
                blocks.append(p)
        pending.clear()

    while i < len(lines):
        ln = lines[i]
        if ln == "[pagebreak]":
            flush()
            page_break = True
        elif ln == "[sheet]":
            flush()
            rows = []
            i += 1
            while lines[i] != "[/sheet]":
                rows.append([Cell([line_para(c)]) for c in lines[i].split("|")])
                i += 1
            t = Table(rows, borders=True, role="sheet")
            blocks.append(t)
        elif "|" in ln and not ln.startswith("!"):
            l, _, rr = ln.partition("|")
            pending.append((l, rr))
        else:
            flush()
            p = line_para(ln)
            if page_break:
                p.page_break = True
                page_break = False
            blocks.append(p)
        i += 1
    flush()
