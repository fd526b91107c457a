import { describe, expect, it } from "vitest";
import type { TemplateInfo } from "../bindings/TemplateInfo";
import { filterTemplates } from "./templates";

const list: TemplateInfo[] = [
  { id: "ru-sales-manager", language: "ru", position: "Менеджер по продажам", organisation: "ООО «Альфа»", clause_count: 60 },
  { id: "en-sales-manager", language: "en", position: "Sales Manager", organisation: "Alpha LLC", clause_count: 60 },
  { id: "ru-key-account-manager", language: "ru", position: "Менеджер по работе с ключевыми клиентами", organisation: "АО «Бета»", clause_count: 55 },
];

describe("template gallery filter", () => {
  it("filters by language", () => {
    expect(filterTemplates(list, "", "en").map((t) => t.id)).toEqual(["en-sales-manager"]);
    expect(filterTemplates(list, "", "all")).toHaveLength(3);
  });
  it("matches every word, case-insensitively", () => {
    expect(filterTemplates(list, "менеджер КЛЮЧЕВЫМИ", "all").map((t) => t.id)).toEqual(["ru-key-account-manager"]);
    expect(filterTemplates(list, "alpha", "all").map((t) => t.id)).toEqual(["en-sales-manager"]);
    expect(filterTemplates(list, "nothing", "all")).toEqual([]);
  });
});
