// Time stamps from the Rust side (RFC 3339, UTC) shown in the user's local time.

/** `2026-11-28T09:05:00Z` → `28.11.2026, 12:05` (local time; the locale's own order). */
export function formatStamp(stamp: string, locale?: string): string {
  const date = new Date(stamp);
  if (Number.isNaN(date.getTime())) return stamp;
  return date.toLocaleString(locale, { year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" });
}
