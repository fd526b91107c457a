//! Validation: every problem of a document as data, never as an early return.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::document::*;
use crate::text::Field;

/// The current text of a field clauses can refer to.
pub fn field_value(doc: &Document, field: Field) -> &str {
    match field {
        Field::Organisation => &doc.organisation.name,
        Field::OrganisationShort => &doc.organisation.short_name,
        Field::Department => &doc.organisation.department,
        Field::Position => &doc.position.name,
        Field::PositionTitle => &doc.position.title_form,
        Field::ReportsTo => &doc.position.reports_to,
        Field::Substitute => &doc.position.substitute,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The document can still be exported, but something looks wrong.
    Warning,
    /// The document is not fit to be signed as it is.
    Error,
}

/// What is wrong, as a stable identifier the UI and tests can branch on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum DiagnosticCode {
    MissingOrganisation,
    MissingPosition,
    MissingTitleForm,
    MissingApprover,
    MissingOrderNumber,
    MissingAuthor,
    MissingStandardSection,
    DuplicateStandardSection,
    UntitledSection,
    EmptySection,
    EmptyClause,
    DuplicateClause,
    TooDeep,
    MarginBelowMinimum,
    FontSizeOutOfRange,
    LineSpacingOutOfRange,
    IncompleteVisa,
    UnnamedEmployee,
    NoAcknowledgement,
    /// A page setting had to be changed to fit the page (both exports use the changed value).
    PageSettingAdjusted,
    /// The margins leave a text column narrower than 120 mm.
    NarrowTextColumn,
    /// A clause refers to a field that is empty: a line to fill in is printed.
    EmptyField,
    /// A field is filled in but no clause refers to it, so it is printed nowhere.
    FieldNotPrinted,
    /// Export: a character the font lacks, printed as a visible substitute.
    MissingGlyph,
    /// Export: a control character, printed as a space.
    ControlCharacter,
    /// Export (DOCX): a character XML does not allow, removed.
    CharacterRemoved,
    /// An approved edition does not match its hash (edited by hand) or does not read.
    HistoryDamaged,
}

/// One problem found in a document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Diagnostic {
    pub severity: Severity,
    pub code: DiagnosticCode,
    /// JSON Pointer (RFC 6901) to the field or clause, e.g. `/sections/2/clauses/0/children/1`.
    pub path: String,
    pub message_ru: String,
    pub message_en: String,
}

impl Diagnostic {
    pub fn message(&self, language: Language) -> &str {
        match language {
            Language::Ru => &self.message_ru,
            Language::En => &self.message_en,
        }
    }
}

/// JSON Pointer of a clause from its path (section index, then child indices).
pub fn clause_pointer(path: &[usize]) -> String {
    let mut out = format!("/sections/{}", path[0]);
    for (depth, i) in path[1..].iter().enumerate() {
        out.push_str(if depth == 0 {
            "/clauses/"
        } else {
            "/children/"
        });
        out.push_str(&i.to_string());
    }
    out
}

struct Collector(Vec<Diagnostic>);

impl Collector {
    fn push(
        &mut self,
        severity: Severity,
        code: DiagnosticCode,
        path: impl Into<String>,
        ru: String,
        en: String,
    ) {
        self.0.push(Diagnostic {
            severity,
            code,
            path: path.into(),
            message_ru: ru,
            message_en: en,
        });
    }
}

fn blank(s: &str) -> bool {
    s.trim().is_empty()
}

/// Text compared for duplicates: case- and whitespace-insensitive.
fn normalised(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Checks a document and returns every problem found, errors and warnings, in document order.
pub fn validate(doc: &Document) -> Vec<Diagnostic> {
    use DiagnosticCode as C;
    use Severity::*;
    let mut out = Collector(Vec::new());

    if blank(&doc.organisation.name) {
        out.push(
            Error,
            C::MissingOrganisation,
            "/organisation/name",
            "Не указано наименование организации.".into(),
            "The organisation's name is missing.".into(),
        );
    }
    if blank(&doc.position.name) {
        out.push(
            Error,
            C::MissingPosition,
            "/position/name",
            "Не указано наименование должности.".into(),
            "The position's name is missing.".into(),
        );
    }
    if blank(&doc.position.title_form) {
        out.push(Error, C::MissingTitleForm, "/position/title_form",
            "Не указана форма должности для заголовка (родительный падеж: «менеджера по продажам»).".into(),
            "The form of the position used in the title is missing.".into());
    }
    match &doc.approval {
        Approval::Stamp {
            approver_position,
            approver_name,
            ..
        } => {
            if blank(approver_position) {
                out.push(
                    Error,
                    C::MissingApprover,
                    "/approval/approver_position",
                    "В грифе утверждения не указана должность утверждающего.".into(),
                    "The approval stamp lacks the approver's position.".into(),
                );
            }
            if blank(approver_name) {
                out.push(
                    Error,
                    C::MissingApprover,
                    "/approval/approver_name",
                    "В грифе утверждения не указаны инициалы и фамилия утверждающего.".into(),
                    "The approval stamp lacks the approver's name.".into(),
                );
            }
        }
        Approval::Order { number, .. } => {
            if blank(number) {
                out.push(Warning, C::MissingOrderNumber, "/approval/number",
                    "Не указан номер приказа об утверждении: будет напечатана линия для заполнения.".into(),
                    "The approving order's number is missing: a blank line will be printed.".into());
            }
        }
    }

    for kind in SectionKind::STANDARD {
        let count = doc.sections.iter().filter(|s| s.kind == kind).count();
        let (ru, en) = (
            kind.default_title(Language::Ru),
            kind.default_title(Language::En),
        );
        if count == 0 {
            out.push(
                Warning,
                C::MissingStandardSection,
                "/sections",
                format!("Нет стандартного раздела «{ru}»."),
                format!("The standard section \"{en}\" is missing."),
            );
        } else if count > 1 {
            out.push(
                Warning,
                C::DuplicateStandardSection,
                "/sections",
                format!("Раздел «{ru}» встречается {count} раза."),
                format!("The section \"{en}\" appears {count} times."),
            );
        }
    }

    let mut seen: HashMap<String, Vec<usize>> = HashMap::new();
    for (s, section) in doc.sections.iter().enumerate() {
        let path = format!("/sections/{s}");
        let number = s + 1;
        if section.kind == SectionKind::Custom && blank(&section.title) {
            out.push(
                Error,
                C::UntitledSection,
                format!("{path}/title"),
                format!("У раздела {number} нет заголовка."),
                format!("Section {number} has no title."),
            );
        }
        if section.clauses.is_empty() {
            out.push(
                Error,
                C::EmptySection,
                path.clone(),
                format!("Раздел {number} «{}» пуст.", section.heading(Language::Ru)),
                format!(
                    "Section {number} \"{}\" is empty.",
                    section.heading(Language::En)
                ),
            );
        }
    }
    for (tree_path, clause) in doc.clauses() {
        let pointer = clause_pointer(&tree_path);
        let label = crate::numbering::label(&tree_path);
        let depth = tree_path.len() - 1;
        if depth > MAX_CLAUSE_DEPTH {
            out.push(
                Error,
                C::TooDeep,
                pointer.clone(),
                format!("Пункт {label}: вложенность больше трёх уровней."),
                format!("Clause {label} is nested deeper than three levels."),
            );
        }
        for field in clause.text.fields() {
            if blank(field_value(doc, field)) {
                let (ru, en) = (field.label(Language::Ru), field.label(Language::En));
                out.push(
                    Warning,
                    C::EmptyField,
                    pointer.clone(),
                    format!("Пункт {label} ссылается на поле «{ru}», но оно не заполнено: будет напечатана линия для заполнения."),
                    format!("Clause {label} refers to the field \"{en}\", which is empty: a blank line will be printed."),
                );
            }
        }
        if clause.text.is_blank() {
            out.push(
                Error,
                C::EmptyClause,
                pointer,
                format!("Пункт {label} пуст."),
                format!("Clause {label} is empty."),
            );
        } else {
            let key = normalised(&clause.text.placeholder_text());
            if let Some(first) = seen.get(&key) {
                let first_label = crate::numbering::label(first);
                out.push(
                    Warning,
                    C::DuplicateClause,
                    pointer,
                    format!("Пункт {label} повторяет пункт {first_label}."),
                    format!("Clause {label} repeats clause {first_label}."),
                );
            } else {
                seen.insert(key, tree_path);
            }
        }
    }

    // Fields that print only where a clause refers to them.
    for field in [Field::Position, Field::ReportsTo, Field::Substitute] {
        let used = doc
            .clauses()
            .iter()
            .any(|(_, c)| c.text.fields().any(|f| f == field));
        if !used && !blank(field_value(doc, field)) {
            let (ru, en) = (field.label(Language::Ru), field.label(Language::En));
            out.push(
                Warning,
                C::FieldNotPrinted,
                field.pointer(),
                format!("Поле «{ru}» заполнено, но не печатается: вставьте его в пункт (например, в разделе «Общие положения»)."),
                format!("The field \"{en}\" is filled in but printed nowhere: insert it into a clause (e.g. in \"General provisions\")."),
            );
        }
    }

    let author = &doc.signatures.author;
    if blank(&author.position) || blank(&author.name) {
        out.push(
            Warning,
            C::MissingAuthor,
            "/signatures/author",
            "Не указан составитель инструкции (должность и фамилия).".into(),
            "The author's position or name is missing.".into(),
        );
    }
    for (i, visa) in doc.signatures.visas.iter().enumerate() {
        if blank(&visa.position) || blank(&visa.name) {
            out.push(
                Warning,
                C::IncompleteVisa,
                format!("/signatures/visas/{i}"),
                format!("Виза {}: не указаны должность или фамилия.", i + 1),
                format!("Visa {}: position or name is missing.", i + 1),
            );
        }
    }
    let ack = &doc.acknowledgement;
    if !ack.mark
        && ack
            .sheet
            .as_ref()
            .is_none_or(|s| s.blank_rows == 0 && s.employees.is_empty())
    {
        out.push(
            Warning,
            C::NoAcknowledgement,
            "/acknowledgement",
            "Нет ни отметки, ни листа ознакомления: работникам негде расписаться.".into(),
            "There is neither an acknowledgement mark nor a sheet: employees have nowhere to sign."
                .into(),
        );
    }
    if let Some(sheet) = &ack.sheet {
        for (i, e) in sheet.employees.iter().enumerate() {
            if blank(&e.name) {
                out.push(
                    Warning,
                    C::UnnamedEmployee,
                    format!("/acknowledgement/sheet/employees/{i}/name"),
                    format!("Лист ознакомления, строка {}: не указаны ФИО.", i + 1),
                    format!("Acknowledgement sheet, row {}: the name is missing.", i + 1),
                );
            }
        }
    }

    let page = &doc.page;
    let min = Margins::GOST_MINIMUM;
    for (name, value, minimum, ru, en) in [
        ("top", page.margins_mm.top, min.top, "верхнее", "top"),
        (
            "bottom",
            page.margins_mm.bottom,
            min.bottom,
            "нижнее",
            "bottom",
        ),
        ("left", page.margins_mm.left, min.left, "левое", "left"),
        ("right", page.margins_mm.right, min.right, "правое", "right"),
    ] {
        if value.is_nan() || value < minimum {
            out.push(Error, C::MarginBelowMinimum, format!("/page/margins_mm/{name}"),
                format!("Поле {ru} {value} мм меньше минимума ГОСТ Р 7.0.97-2025 ({minimum} мм)."),
                format!("The {en} margin of {value} mm is below the GOST R 7.0.97-2025 minimum of {minimum} mm."));
        }
    }
    let (lo, hi) = FONT_SIZE_RANGE_PT;
    if !(lo..=hi).contains(&page.font_size_pt) {
        out.push(
            Error,
            C::FontSizeOutOfRange,
            "/page/font_size_pt",
            format!(
                "Размер шрифта {} пт вне диапазона {lo}–{hi} пт.",
                page.font_size_pt
            ),
            format!(
                "The font size of {} pt is outside {lo}–{hi} pt.",
                page.font_size_pt
            ),
        );
    }
    out.0.extend(crate::geometry::PageGeometry::of(page).1);
    for problem in crate::edition::check_history(&doc.editions) {
        use crate::edition::HistoryProblem as H;
        let (ru, en) = match &problem {
            H::Tampered { number } => (
                format!("Редакция {number} изменена вне Jobdoc: её текст не совпадает с утверждённым; ей нельзя доверять."),
                format!("Edition {number} was changed outside Jobdoc: its text no longer matches what was approved; it cannot be trusted."),
            ),
            H::Unreadable { number, reason } => (
                format!("Редакцию {number} не удаётся прочитать: {reason}"),
                format!("Edition {number} cannot be read: {reason}"),
            ),
            H::OutOfOrder { number, expected } => (
                format!("Редакции пронумерованы не по порядку: {number} вместо {expected}."),
                format!("Editions are out of order: {number} where {expected} was expected."),
            ),
        };
        out.push(Error, C::HistoryDamaged, "/editions", ru, en);
    }
    let (lo, hi) = LINE_SPACING_RANGE;
    if !(lo..=hi).contains(&page.line_spacing) {
        out.push(
            Error,
            C::LineSpacingOutOfRange,
            "/page/line_spacing",
            format!(
                "Межстрочный интервал {} вне диапазона {lo}–{hi}.",
                page.line_spacing
            ),
            format!(
                "The line spacing of {} is outside {lo}–{hi}.",
                page.line_spacing
            ),
        );
    }
    out.0
}

/// True when any diagnostic is an error.
pub fn has_errors(diagnostics: &[Diagnostic]) -> bool {
    diagnostics.iter().any(|d| d.severity == Severity::Error)
}
