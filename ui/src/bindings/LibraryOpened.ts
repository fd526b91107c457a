import type { Listing } from "./Listing";
import type { Settings } from "./Settings";
export type LibraryOpened = { listing: Listing, settings: Settings, };
