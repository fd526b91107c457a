"""The content of one corpus document, written as text in the texts/ modules.

A document's body is written in a compact notation:

    = general | Общие положения          a section: kind | heading as printed
    Clause text.                          level-1 clause
      Sub-clause text.                    level 2 (two spaces)
        Sub-sub-clause text.              level 3 (four spaces)
          Deeper text.                    level 4 in the source, folded to level 3 in the expectation
    [typed] Clause text.                  flags in brackets at the start (see FLAGS)

Inline markup inside clause text: {-deleted-} and {+inserted+} (tracked changes; the expectation
keeps only the inserted text).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

KINDS = {"general", "functions", "duties", "rights", "liability", "relationships", "custom"}
FLAGS = {
    "typed",    # in an auto-numbered list: this one paragraph carries a typed number instead
    "dup",      # in an auto-numbered list: the paragraph also starts with a typed number
    "skip",     # typed numbering: the author skipped one number before this clause
    "label",    # a sub-heading inside a section (e.g. "Essential"), rendered without a number
}


@dataclass
class Clause:
    text: str                      # source text with {-…-}/{+…+} markup
    children: list["Clause"] = field(default_factory=list)
    flags: set = field(default_factory=set)
    depth: int = 1                 # depth in the source (may be 4)

    @property
    def final(self) -> str:
        """The text as the reader sees it: deletions gone, insertions kept, no markup."""
        t = re.sub(r"\{-.*?-\}", "", self.text)
        return re.sub(r"\{\+(.*?)\+\}", r"\1", t)

    def walk(self):
        yield self
        for c in self.children:
            yield from c.walk()


@dataclass
class Section:
    kind: str
    title: str                     # heading as printed, without its number ("" = no heading)
    clauses: list[Clause] = field(default_factory=list)
    flags: set = field(default_factory=set)

    def walk(self):
        for c in self.clauses:
            yield from c.walk()


def parse_body(body: str) -> list[Section]:
    sections: list[Section] = []
    stack: list[Clause] = []
    for raw in body.split("\n"):
        if not raw.strip():
            continue
        if raw.startswith("= "):
            head, _, title = raw[2:].partition("|")
            kind = head.strip()
            flags = set()
            if "[" in kind:
                kind, _, fl = kind.partition("[")
                flags = set(fl.rstrip("]").split(","))
                kind = kind.strip()
            assert kind in KINDS, raw
            sections.append(Section(kind, title.strip(), flags=flags))
            stack = []
            continue
        indent = len(raw) - len(raw.lstrip(" "))
        assert indent % 2 == 0, repr(raw)
        depth = indent // 2 + 1
        text = raw.strip()
        flags = set()
        m = re.match(r"\[([a-z,]+)\]\s*", text)
        if m:
            flags = set(m.group(1).split(","))
            assert flags <= FLAGS, raw
            text = text[m.end():]
        cl = Clause(text, flags=flags, depth=depth)
        assert sections, "clause before any section: " + raw
        if depth == 1:
            sections[-1].clauses.append(cl)
            stack = [cl]
        else:
            assert len(stack) >= depth - 1, "bad indent: " + raw
            stack = stack[: depth - 1]
            stack[-1].children.append(cl)
            stack.append(cl)
    return sections


@dataclass
class Doc:
    file: str
    lang: str
    about: str
    position: str | None
    title_form: str | None
    organisation: str | None
    department: str | None
    place: str | None
    registration: dict | None
    approval: dict | None
    author: dict | None
    visas: list
    acknowledgement: bool
    top: str                       # rows "left|right" (see build.py)
    title: str                     # title lines
    body: str
    tail: str                      # signatures, visas, acknowledgement (see build.py)
    r: dict                        # rendering options
    after_title: str = ""          # lines between the title and the body (place, date, TOC…)
    extra_noise: list = field(default_factory=list)   # noise texts added by a writer
    extra_dropped: list = field(default_factory=list)
    sections: list = field(default_factory=list)

    def __post_init__(self):
        self.sections = parse_body(self.body)


def expected_tree(cl: Clause) -> list[dict]:
    """A clause and its children as the expectation holds them; depth-4 items become level-3
    siblings following their parent."""
    if cl.depth >= 3:
        out = [{"text": cl.final, "children": []}]
        for c in cl.children:
            out.extend(expected_tree(c))
        return out
    kids = []
    for c in cl.children:
        kids.extend(expected_tree(c))
    return [{"text": cl.final, "children": kids}]


LOOKALIKE = {"о": "o", "а": "a", "е": "e", "с": "c", "р": "p", "х": "x", "О": "O", "А": "A", "С": "C", "Е": "E", "Р": "P"}


def latinise(doc: Doc, every: int) -> None:
    """Put a Latin look-alike letter into one word of every n-th clause, as texts typed on a
    Latin layout or recognised by OCR carry them. The expectation keeps them (text as written)."""
    n = 0
    for s in doc.sections:
        for cl in s.walk():
            n += 1
            if n % every:
                continue
            words = list(re.finditer(r"[А-Яа-яЁё]{5,}", cl.text))
            if not words:
                continue
            w = words[(n // every) % len(words)]
            for k in range(w.start() + 1, w.end()):
                if cl.text[k] in LOOKALIKE:
                    cl.text = cl.text[:k] + LOOKALIKE[cl.text[k]] + cl.text[k + 1:]
                    break
