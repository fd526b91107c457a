import { describe, expect, it } from "vitest";
import type { Document } from "../bindings/Document";
import { acknowledgementOf, addStaff, removeStaff, setAcknowledged, shownDate, standingKey } from "./staff";

function doc(): Document {
  return {
    organisation: { department: "Отдел продаж" },
    staff: [],
    acknowledged: [],
  } as unknown as Document;
}

describe("staff edits", () => {
  it("adds an employee with the next free id in the document's department", () => {
    const d = doc();
    expect(addStaff(d)).toBe(0);
    d.staff.push({ id: "e7", name: "", personnel_number: "", department: "", hired_on: null });
    expect(addStaff(d)).toBe(2);
    expect(d.staff[2]!.id).toBe("e8");
    expect(d.staff[0]).toEqual({ id: "e1", name: "", personnel_number: "", department: "Отдел продаж", hired_on: null });
  });

  it("removes an employee together with their acknowledgements", () => {
    const d = doc();
    d.staff = [
      { id: "e1", name: "A", personnel_number: "", department: "", hired_on: null },
      { id: "e2", name: "B", personnel_number: "", department: "", hired_on: null },
    ];
    setAcknowledged(d, "e1", 1, "2026-03-03");
    setAcknowledged(d, "e2", 1, "2026-03-04");
    removeStaff(d, 0);
    expect(d.staff.map((m) => m.id)).toEqual(["e2"]);
    expect(d.acknowledged).toEqual([{ employee: "e2", edition: 1, date: "2026-03-04" }]);
  });

  it("records, replaces and clears an acknowledgement per edition", () => {
    const d = doc();
    setAcknowledged(d, "e10", 2, "2026-03-05");
    setAcknowledged(d, "e2", 2, "2026-03-05");
    setAcknowledged(d, "e2", 1, "2026-01-05");
    expect(d.acknowledged.map((a) => `${a.edition}/${a.employee}`)).toEqual(["1/e2", "2/e2", "2/e10"]);
    setAcknowledged(d, "e2", 2, "2026-03-06");
    expect(acknowledgementOf(d, "e2", 2)?.date).toBe("2026-03-06");
    setAcknowledged(d, "e2", 2, null);
    expect(acknowledgementOf(d, "e2", 2)).toBeUndefined();
    expect(acknowledgementOf(d, "e2", 1)?.date).toBe("2026-01-05");
  });

  it("shows dates and standings", () => {
    expect(shownDate("2026-03-02")).toBe("02.03.2026");
    expect(shownDate(null)).toBe("");
    expect(standingKey("overdue")).toBe("standingOverdue");
  });
});
