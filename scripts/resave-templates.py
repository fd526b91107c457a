#!/usr/bin/env python3
"""Brings every template to the current schema the way Jobdoc's own migration does (clause ids
c1, c2, ... in reading order; empty staff, acknowledgement and edition lists), in the canonical
form Jobdoc saves. Run after a schema change, then `cargo test -p jobdoc-model --test templates`
checks the result byte for byte against the model's own writer."""
import glob
import json
import sys

SCHEMA = 3

def with_ids(clauses, counter):
    out = []
    for c in clauses:
        counter[0] += 1
        fields = {"id": c.get("id") or f"c{counter[0]}"}
        fields.update({k: v for k, v in c.items() if k != "id"})
        fields["children"] = with_ids(c["children"], counter)
        out.append(fields)
    return out

for path in sorted(glob.glob("templates/*/*.jobdoc")):
    doc = json.load(open(path, encoding="utf-8"))
    if doc["schema"] > SCHEMA:
        sys.exit(f"{path}: schema {doc['schema']} is newer than {SCHEMA}")
    counter = [0]
    for s in doc["sections"]:
        s["clauses"] = with_ids(s["clauses"], counter)
    doc["schema"] = SCHEMA
    for key in ("staff", "acknowledged", "editions"):
        doc.setdefault(key, [])
    with open(path, "w", encoding="utf-8") as f:
        f.write(json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
