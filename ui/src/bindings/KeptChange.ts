export type KeptChange = { path: string, key: string, };
