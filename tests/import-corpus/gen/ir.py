"""A small block IR shared by every writer: paragraphs, runs, tables, lists.

Roles tell the expectation builder what a paragraph is: "noise" (must not become a clause),
"drop" (noise that carries no document content), "clause", "heading", or None (empty spacing).
"""
from __future__ import annotations

from dataclasses import dataclass, field
import itertools

_ids = itertools.count(1)


@dataclass
class Run:
    text: str = ""
    kind: str = "text"        # text | tab | br | shy | field | textbox | del | ins | pagebreak
    b: bool = False
    i: bool = False
    u: bool = False
    caps: bool = False
    font: str | None = None
    size: float | None = None  # points
    instr: str = ""            # field instruction ("PAGE")
    box: list = field(default_factory=list)   # textbox content (blocks)


@dataclass
class Level:
    fmt: str = "decimal"       # decimal | bullet | upperRoman | russianLower | lowerLetter | none
    text: str = "%1."          # Word level text, or the bullet character
    start: int = 1
    is_lgl: bool = False
    left: int = 0              # twips
    hanging: int = 0
    first: int = 0
    font: str | None = None    # bullet font (Symbol, Wingdings)
    suffix: str = "tab"        # tab | space | nothing
    pstyle: str | None = None  # level attached to a paragraph style
    stale: str | None = None   # RTF: level text written to \\listtable when it disagrees with the cached \\listtext


@dataclass
class ListDef:
    levels: list
    id: int = field(default_factory=lambda: next(_ids))
    multi: bool = True


@dataclass
class Num:
    listdef: ListDef
    overrides: dict = field(default_factory=dict)   # ilvl -> start
    id: int = field(default_factory=lambda: next(_ids))


@dataclass
class Para:
    runs: list = field(default_factory=list)
    style: str | None = None   # logical style key (see STYLES in docx.py)
    align: str | None = None   # left | center | right | both
    num: tuple | None = None   # (Num, ilvl) or None; ilvl None means "from the style"
    ind_left: int | None = None
    ind_first: int | None = None
    ind_hanging: int | None = None
    tabs: list = field(default_factory=list)          # [(pos_twips, "left"|"right"|"center")]
    role: str | None = None
    depth: int = 0             # visual depth of a clause (for text writers)
    cached: str | None = None  # RTF: cached list text to write instead of the computed one
    pn: tuple | None = None    # RTF Word 95: (before, after, start, fmt) of \pn
    page_break: bool = False
    space_after: int | None = None
    keep_next: bool = False
    label: str = ""            # the printed number / bullet (filled by number_paragraphs)
    sdt: bool = False          # DOCX: wrapped in a block-level content control (w:sdt) as Word templates do

    def text(self, with_fields=True) -> str:
        out = []
        for r in self.runs:
            if r.kind in ("text", "ins"):
                out.append(r.text)
            elif r.kind in ("tab", "br"):
                out.append(" ")
            elif r.kind == "field" and with_fields:
                out.append(r.text)
        return "".join(out)


@dataclass
class Cell:
    blocks: list
    span: int = 1
    shade: str | None = None
    width: int | None = None


@dataclass
class Table:
    rows: list                 # list of list of Cell
    borders: bool = False
    widths: list = field(default_factory=list)
    role: str | None = None    # "layout" | "sheet" | "stamp"


def iter_paras(blocks):
    """Every paragraph in reading order, descending into tables and text boxes."""
    for b in blocks:
        if isinstance(b, Para):
            yield b
            for r in b.runs:
                if r.kind == "textbox":
                    yield from iter_paras(r.box)
        elif isinstance(b, Table):
            for row in b.rows:
                for c in row:
                    yield from iter_paras(c.blocks)


ROMAN = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]
RU_LETTERS = "абвгдежзиклмнопрстуфхцчшщэюя"


def fmt_number(n: int, fmt: str) -> str:
    if fmt == "decimal":
        return str(n)
    if fmt == "upperRoman":
        return ROMAN[n]
    if fmt == "russianLower":
        return RU_LETTERS[n - 1]
    if fmt == "lowerLetter":
        return "abcdefghijklmnopqrstuvwxyz"[n - 1]
    return ""


def number_paragraphs(blocks):
    """Fill Para.label with the number Word would show (counters per list definition; a Num
    with start overrides restarts those levels the first time it is used)."""
    counters: dict = {}
    seen: set = set()
    for p in iter_paras(blocks):
        if not p.num:
            continue
        num, ilvl = p.num
        ld = num.listdef
        c = counters.setdefault(ld.id, [None] * 9)
        if num.id not in seen:
            seen.add(num.id)
            for lvl, start in num.overrides.items():
                c[lvl] = start - 1
                for d in range(lvl + 1, 9):
                    c[d] = None
        lv = ld.levels[ilvl]
        if lv.fmt in ("bullet", "none"):
            p.label = lv.text if lv.fmt == "bullet" else ""
            continue
        c[ilvl] = (lv.start - 1 if c[ilvl] is None else c[ilvl]) + 1
        for d in range(ilvl + 1, 9):
            c[d] = None
        label = lv.text
        for k in range(9, 0, -1):
            if f"%{k}" in label:
                lk = ld.levels[k - 1]
                val = c[k - 1] if c[k - 1] is not None else lk.start
                fmt = "decimal" if lv.is_lgl else lk.fmt
                label = label.replace(f"%{k}", fmt_number(val, fmt))
        p.label = label
