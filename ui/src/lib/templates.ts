import type { Language } from "../bindings/Language";
import type { TemplateCategory } from "../bindings/TemplateCategory";
import type { TemplateInfo } from "../bindings/TemplateInfo";

/** Templates matching every word of `query` (position, organisation, id or the group's name) in
 * `language` and `category`. `categoryName` gives a group's name in the UI's language. */
export function filterTemplates(
  templates: TemplateInfo[],
  query: string,
  language: Language | "all",
  category: TemplateCategory | "all" = "all",
  categoryName: (c: TemplateCategory) => string = (c) => c,
): TemplateInfo[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return templates.filter((t) => {
    if (language !== "all" && t.language !== language) return false;
    if (category !== "all" && t.category !== category) return false;
    const group = t.category ? categoryName(t.category) : "";
    const hay = `${t.position} ${t.organisation} ${t.id} ${group}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}

/** Templates grouped by category, groups in the order given, positions sorted within a group. */
export function groupByCategory(templates: TemplateInfo[], order: TemplateCategory[]): { category: TemplateCategory | null; templates: TemplateInfo[] }[] {
  const groups = new Map<TemplateCategory | null, TemplateInfo[]>();
  for (const t of templates) {
    const list = groups.get(t.category) ?? [];
    list.push(t);
    groups.set(t.category, list);
  }
  const rank = (c: TemplateCategory | null) => (c === null ? order.length : order.indexOf(c));
  return [...groups.entries()]
    .sort((a, b) => rank(a[0]) - rank(b[0]))
    .map(([category, list]) => ({ category, templates: list.sort((a, b) => a.position.localeCompare(b.position) || a.language.localeCompare(b.language)) }));
}

/** Every category, in the gallery's order (the same as the Rust side's `TemplateCategory::ALL`). */
export const CATEGORIES: TemplateCategory[] = [
  "management",
  "finance",
  "hr",
  "legal",
  "office",
  "it",
  "engineering",
  "safety",
  "logistics",
  "drivers",
  "sales",
  "retail",
  "maintenance",
  "services",
];
