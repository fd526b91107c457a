//! The employees in the position and who acknowledged which edition.
//!
//! Labour Code art. 68 part 3: an employee reads the instruction before the contract is signed;
//! art. 22 part 2 and Роструд's letter of 31.10.2007 № 4412-6: after a new edition is approved,
//! every employee reads it again, under signature. [`status`] says, for the latest edition, who
//! has, who has not yet and who is overdue.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::date::IsoDate;
use crate::edition::Edition;

/// Days after an edition's approval within which the employees already in the position are
/// expected to read it (Jobdoc's default; no statute fixes a number).
pub const ACKNOWLEDGE_WITHIN_DAYS: i64 = 14;

/// An employee in the position.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct StaffMember {
    /// Stable within the document (`e1`, `e2`, …), referred to by acknowledgements.
    pub id: String,
    /// Full name as the HR system writes it («Иванова Анна Сергеевна»).
    pub name: String,
    /// Табельный номер; may be empty.
    pub personnel_number: String,
    pub department: String,
    pub hired_on: Option<IsoDate>,
}

/// An employee's signature on the sheet of an edition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Acknowledged {
    /// [`StaffMember::id`].
    pub employee: String,
    /// [`Edition::number`].
    pub edition: u32,
    pub date: IsoDate,
}

/// Where an employee stands with the latest edition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum Standing {
    /// Signed the latest edition.
    Acknowledged,
    /// Not yet, and not late.
    Due,
    /// Not yet, and the day it was due has passed.
    Overdue,
}

/// One row of the acknowledgement register for the latest edition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct StaffStatus {
    pub employee: String,
    pub name: String,
    pub standing: Standing,
    /// When they signed the latest edition.
    pub acknowledged_on: Option<IsoDate>,
    /// The last earlier edition they signed, if any.
    pub previous_edition: Option<u32>,
    /// The day they should sign by: the hire date for someone hired after the approval (before
    /// the contract), else the approval date plus [`ACKNOWLEDGE_WITHIN_DAYS`].
    pub due_on: IsoDate,
}

/// Who must acknowledge the latest edition and how each stands on `today` (passed in). Empty
/// when there is no edition yet.
pub fn status(
    staff: &[StaffMember],
    acknowledged: &[Acknowledged],
    editions: &[Edition],
    today: IsoDate,
) -> Vec<StaffStatus> {
    let Some(latest) = editions.last() else {
        return Vec::new();
    };
    staff
        .iter()
        .map(|m| {
            let signed = |edition: u32| {
                acknowledged
                    .iter()
                    .filter(|a| a.employee == m.id && a.edition == edition)
                    .map(|a| a.date)
                    .min()
            };
            let acknowledged_on = signed(latest.number);
            let previous_edition = acknowledged
                .iter()
                .filter(|a| a.employee == m.id && a.edition < latest.number)
                .map(|a| a.edition)
                .max();
            let due_on = match m.hired_on {
                Some(hired) if hired > latest.approved_on => hired,
                _ => latest.approved_on.add_days(ACKNOWLEDGE_WITHIN_DAYS),
            };
            let standing = match acknowledged_on {
                Some(_) => Standing::Acknowledged,
                None if today > due_on => Standing::Overdue,
                None => Standing::Due,
            };
            StaffStatus {
                employee: m.id.clone(),
                name: m.name.clone(),
                standing,
                acknowledged_on,
                previous_edition,
                due_on,
            }
        })
        .collect()
}

/// Gives every member without an id, or with one used before, `e<n>` above every number in use.
pub fn assign_ids(staff: &mut [StaffMember]) {
    let mut next = staff
        .iter()
        .filter_map(|m| m.id.strip_prefix('e').and_then(|n| n.parse::<u64>().ok()))
        .max()
        .unwrap_or(0);
    let mut seen = std::collections::HashSet::new();
    for m in staff {
        if m.id.is_empty() || !seen.insert(m.id.clone()) {
            next += 1;
            m.id = format!("e{next}");
            seen.insert(m.id.clone());
        }
    }
}
