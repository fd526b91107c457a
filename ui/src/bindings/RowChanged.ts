import type { Listing } from "./Listing";
export type RowChanged = { path: string, listing: Listing, };
