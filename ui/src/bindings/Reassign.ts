export type Reassign = { "kind": "clause", depth: number, section: number | null, } | { "kind": "heading" } | { "kind": "dropped" };
