import type { SkipReason } from "./SkipReason";
export type BatchSkip = { path: string, reason: SkipReason, message: string, };
