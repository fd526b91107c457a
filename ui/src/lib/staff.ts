// The employees of the position and their acknowledgements, as edits of the document (each
// one undo step through `app.editStructure`). A new employee gets the next free id (`e1`,
// `e2`, …) here, by the session's own rule (`jobdoc_model::staff::assign_ids`), so that the
// acknowledgements can refer to it at once.
import type { Acknowledged } from "../bindings/Acknowledged";
import type { Document } from "../bindings/Document";
import type { Standing } from "../bindings/Standing";

/** `e<n>` above every number in use. */
export function nextStaffId(doc: Document): string {
  const used = doc.staff.map((m) => /^e(\d+)$/.exec(m.id)).map((m) => (m ? Number(m[1]) : 0));
  return `e${Math.max(0, ...used) + 1}`;
}

/** Appends an empty employee; returns its index. */
export function addStaff(doc: Document): number {
  doc.staff.push({ id: nextStaffId(doc), name: "", personnel_number: "", department: doc.organisation.department, hired_on: null });
  return doc.staff.length - 1;
}

/** Removes the employee at `index` and their acknowledgements. */
export function removeStaff(doc: Document, index: number): void {
  const [gone] = doc.staff.splice(index, 1);
  if (gone && gone.id) doc.acknowledged = doc.acknowledged.filter((a) => a.employee !== gone.id);
}

/** The acknowledgement of `employee` for `edition`, if any. */
export function acknowledgementOf(doc: Document, employee: string, edition: number): Acknowledged | undefined {
  return doc.acknowledged.find((a) => a.employee === employee && a.edition === edition);
}

/** Records (a date) or clears (`null`) that `employee` signed `edition`. */
export function setAcknowledged(doc: Document, employee: string, edition: number, date: string | null): void {
  doc.acknowledged = doc.acknowledged.filter((a) => !(a.employee === employee && a.edition === edition));
  if (date !== null) {
    doc.acknowledged.push({ employee, edition, date });
    doc.acknowledged.sort((a, b) => a.edition - b.edition || a.employee.localeCompare(b.employee, "en", { numeric: true }));
  }
}

/** `YYYY-MM-DD` as the UI shows it: `DD.MM.YYYY`. */
export function shownDate(iso: string | null | undefined): string {
  if (!iso) return "";
  const [y, m, d] = iso.split("-");
  return `${d}.${m}.${y}`;
}

/** The i18n key of a standing. */
export function standingKey(s: Standing): "standingAcknowledged" | "standingDue" | "standingOverdue" {
  return s === "acknowledged" ? "standingAcknowledged" : s === "due" ? "standingDue" : "standingOverdue";
}
