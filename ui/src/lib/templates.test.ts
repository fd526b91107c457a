import { describe, expect, it } from "vitest";
import type { TemplateInfo } from "../bindings/TemplateInfo";
import { CATEGORIES, filterTemplates, groupByCategory } from "./templates";

const list: TemplateInfo[] = [
  { id: "ru-sales-manager", language: "ru", category: "sales", position: "Менеджер по продажам", organisation: "ООО «Альфа»", clause_count: 60 },
  { id: "en-sales-manager", language: "en", category: "sales", position: "Sales Manager", organisation: "Alpha LLC", clause_count: 60 },
  { id: "ru-key-account-manager", language: "ru", category: "sales", position: "Менеджер по работе с ключевыми клиентами", organisation: "АО «Бета»", clause_count: 55 },
  { id: "ru-chief-accountant", language: "ru", category: "finance", position: "Главный бухгалтер", organisation: "АО «Бета»", clause_count: 48 },
];

const names: Record<string, string> = { sales: "Продажи", finance: "Бухгалтерия и финансы" };

describe("template gallery filter", () => {
  it("filters by language and group", () => {
    expect(filterTemplates(list, "", "en").map((t) => t.id)).toEqual(["en-sales-manager"]);
    expect(filterTemplates(list, "", "all")).toHaveLength(4);
    expect(filterTemplates(list, "", "ru", "finance").map((t) => t.id)).toEqual(["ru-chief-accountant"]);
  });
  it("matches every word, case-insensitively, the group's name too", () => {
    expect(filterTemplates(list, "менеджер КЛЮЧЕВЫМИ", "all").map((t) => t.id)).toEqual(["ru-key-account-manager"]);
    expect(filterTemplates(list, "alpha", "all").map((t) => t.id)).toEqual(["en-sales-manager"]);
    expect(filterTemplates(list, "бухгалтерия", "all", "all", (c) => names[c] ?? c).map((t) => t.id)).toEqual(["ru-chief-accountant"]);
    expect(filterTemplates(list, "nothing", "all")).toEqual([]);
  });
  it("groups by category in the gallery's order", () => {
    const groups = groupByCategory(list, CATEGORIES);
    expect(groups.map((g) => g.category)).toEqual(["finance", "sales"]);
    expect(groups[1]!.templates.map((t) => t.id)).toEqual(["en-sales-manager", "ru-sales-manager", "ru-key-account-manager"]);
  });
});
