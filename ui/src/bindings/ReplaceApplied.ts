import type { ApplyReport } from "./ApplyReport";
import type { Listing } from "./Listing";
export type ReplaceApplied = { report: ApplyReport, listing: Listing, };
