export type Dropped = { open: string | null, import: Array<string>, not_opened: Array<string>, };
