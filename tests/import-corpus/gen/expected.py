"""The expected structure of a corpus document, derived from its content and from the noise
paragraphs its writer emitted."""
from __future__ import annotations

import json

from .model import expected_tree
from .build import norm


def expected(doc, built) -> dict:
    noise, dropped = built.noise()
    noise += [norm(x) for x in doc.extra_noise]
    dropped += [norm(x) for x in doc.extra_dropped]
    r = doc.r
    dropped += [norm(x) for x in r.get("web_before", []) + r.get("web_after", []) + r.get("html_noise", [])]
    noise += [x for x in dropped if x not in noise]

    def uniq(xs):
        seen, out = set(), []
        for x in xs:
            if x and x not in seen:
                seen.add(x)
                out.append(x)
        return out

    sections = []
    for s in doc.sections:
        cl = []
        for c in s.clauses:
            cl.extend(expected_tree(c))
        sections.append({"kind": s.kind, "title": s.title, "clauses": cl})
    return {
        "file": doc.file,
        "about": doc.about,
        "language": doc.lang,
        "position": doc.position,
        "title_form": doc.title_form,
        "organisation": doc.organisation,
        "department": doc.department,
        "place": doc.place,
        "registration": doc.registration,
        "approval": doc.approval,
        "sections": sections,
        "author": doc.author,
        "visas": doc.visas,
        "acknowledgement": doc.acknowledgement,
        "not_clauses": uniq(noise),
        "dropped": uniq(dropped),
    }


def dump(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2) + "\n"
