import type { BatchFailed } from "./BatchFailed";
import type { BatchWritten } from "./BatchWritten";
export type BatchSummary = { written: Array<BatchWritten>, failed: Array<BatchFailed>, cancelled: boolean, folder: string, };
