export type SkipReason = "exists" | "failed" | "cancelled";
