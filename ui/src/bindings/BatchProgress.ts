export type BatchProgress = { done: number, total: number, };
