//! A generated library for tests and benchmarks: `n` documents built from the built-in
//! templates, with varied positions, departments and organisations, in one subfolder per
//! department. Deterministic: the same `n` gives the same bytes.

use std::fs;
use std::io;
use std::path::Path;

use jobdoc_model::{file, templates, Approval, Document, IsoDate, Language, Timestamp};

const RU_POSITIONS: &[&str] = &[
    "главный бухгалтер",
    "бухгалтер по расчёту заработной платы",
    "менеджер по работе с клиентами",
    "специалист по кадрам",
    "юрисконсульт",
    "инженер-технолог",
    "кладовщик",
    "водитель автомобиля",
    "системный администратор",
    "специалист по охране труда",
    "секретарь руководителя",
    "продавец-консультант",
    "начальник отдела продаж",
    "экономист",
    "слесарь-ремонтник",
];

const EN_POSITIONS: &[&str] = &[
    "Chief Accountant",
    "Payroll Accountant",
    "Client Manager",
    "HR Specialist",
    "Legal Counsel",
    "Process Engineer",
    "Storekeeper",
    "Driver",
    "System Administrator",
    "Health and Safety Officer",
    "Executive Assistant",
    "Sales Associate",
    "Head of Sales",
    "Economist",
    "Maintenance Fitter",
];

const RU_DEPARTMENTS: &[&str] = &[
    "Бухгалтерия",
    "Отдел кадров",
    "Отдел продаж",
    "Юридический отдел",
    "Производство",
    "Склад",
    "Транспортный цех",
    "ИТ-отдел",
    "Служба охраны труда",
];

const EN_DEPARTMENTS: &[&str] = &[
    "Accounting",
    "Human Resources",
    "Sales",
    "Legal",
    "Production",
    "Warehouse",
    "Transport",
    "IT",
    "Health and Safety",
];

const RU_ORGANISATIONS: &[&str] = &[
    "Общество с ограниченной ответственностью «Ромашка»",
    "Акционерное общество «Северный завод»",
    "ООО «Торговый дом Восток»",
];

const EN_ORGANISATIONS: &[&str] = &["Northwind Ltd", "Contoso Manufacturing plc", "Fabrikam Inc"];

/// Document number `i` of a generated library (built from template `i` modulo the number of
/// templates), and the path it goes to relative to the library folder.
pub fn document(i: usize) -> (String, Document) {
    // Pairs of one position (en, ru) side by side, so any run of documents mixes both languages.
    let mut ids: Vec<&str> = templates::ids().collect();
    ids.sort_by_key(|id| (id.split_once('-').map(|(_, kind)| kind), *id));
    let id = ids[i % ids.len()];
    let created = Timestamp::from_unix(1_764_547_200 + i as i64 * 60); // 2025-12-01 onwards
    let mut doc = templates::instantiate(id, &format!("gen-{i:05}"), created)
        .expect("listed template")
        .expect("built-in templates parse");
    let k = i / ids.len();
    let (positions, departments, organisations) = match doc.language {
        Language::Ru => (RU_POSITIONS, RU_DEPARTMENTS, RU_ORGANISATIONS),
        Language::En => (EN_POSITIONS, EN_DEPARTMENTS, EN_ORGANISATIONS),
    };
    let position = positions[(i + k) % positions.len()];
    let department = departments[(i * 7 + k) % departments.len()];
    let organisation = organisations[i % organisations.len()];
    doc.position.name = position.to_owned();
    doc.organisation.department = department.to_owned();
    doc.organisation.name = organisation.to_owned();
    doc.meta.revision = (i % 7) as u32;
    if i.is_multiple_of(3) {
        doc.approval = Approval::Order {
            number: format!("{}-к", 10 + i % 90),
            date: IsoDate::new(2026, 1 + (i % 12) as u8, 1 + (i % 28) as u8).ok(),
        };
    }
    let rel = format!("{department}/{i:05} {position}.jobdoc");
    (rel, doc)
}

/// Writes documents `0..n` under `dir` (created if missing).
pub fn write_library(dir: &Path, n: usize) -> io::Result<()> {
    for i in 0..n {
        let (rel, doc) = document(i);
        let path = dir.join(&rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(&path, file::to_bytes(&doc))?;
    }
    Ok(())
}
