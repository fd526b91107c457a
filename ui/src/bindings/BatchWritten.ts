export type BatchWritten = { source: string, path: string, clauses: number, dropped: number, };
