export type BatchProgress = { done: number, total: number, current: string | null, };
