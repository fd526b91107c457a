import type { Language } from "../bindings/Language";
import type { TemplateInfo } from "../bindings/TemplateInfo";

/** Templates matching every word of `query` (position, organisation or id) in `language`. */
export function filterTemplates(templates: TemplateInfo[], query: string, language: Language | "all"): TemplateInfo[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return templates.filter((t) => {
    if (language !== "all" && t.language !== language) return false;
    const hay = `${t.position} ${t.organisation} ${t.id}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}
