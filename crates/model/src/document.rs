//! The document as the user edits it and as it is stored in a `.jobdoc` file.
//!
//! Text is kept exactly as typed. Everything derivable — clause numbers, printed dates, quotes,
//! labels in the document's language — is computed at export time (see [`crate::resolve`]).
//! Every struct refuses unknown fields so that a file is never half-read.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::date::IsoDate;
use crate::edition::Edition;
use crate::staff::{Acknowledged, StaffMember};
use crate::text::RichText;
use crate::time::Timestamp;

/// The current version of the file format. A file with a larger number is refused; an older
/// one is migrated when read (see [`crate::file`]).
///
/// - 1: the first format;
/// - 2: clause text may hold references to document fields ([`RichText`]);
/// - 3: clauses have stable ids; the employees in the position, their acknowledgements and the
///   approved editions travel with the document.
pub const SCHEMA_VERSION: u32 = 3;

/// A job instruction.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Document {
    /// File-format version; see [`SCHEMA_VERSION`].
    pub schema: u32,
    pub meta: Metadata,
    pub language: Language,
    pub organisation: Organisation,
    pub position: Position,
    pub registration: Registration,
    pub approval: Approval,
    pub sections: Vec<Section>,
    pub signatures: Signatures,
    pub acknowledgement: Acknowledgement,
    pub page: PageSettings,
    /// The employees in the position (entered, or imported from the HR system).
    pub staff: Vec<StaffMember>,
    /// Who acknowledged which edition, and when (from the signed sheets).
    pub acknowledged: Vec<Acknowledged>,
    /// The approved editions, oldest first, each frozen as it was approved. The editor never
    /// edits them: the session holds them apart from the draft and writes them back on save.
    #[ts(skip)]
    pub editions: Vec<Edition>,
}

/// Language of the printed document (labels, dates, quotes, hyphenation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    Ru,
    En,
}

impl Language {
    /// The BCP 47 tag written into exported files.
    pub fn tag(self) -> &'static str {
        match self {
            Language::Ru => "ru-RU",
            Language::En => "en-US",
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Language::Ru => "ru",
            Language::En => "en",
        }
    }
}

/// Bookkeeping that travels with the file. Time stamps are passed in by the caller, never read
/// from the clock inside the library.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Metadata {
    /// A stable identifier of this document (any string; the app uses a UUID).
    pub id: String,
    /// When the document was created.
    pub created: Timestamp,
    /// When the document was last saved.
    pub modified: Timestamp,
    /// Incremented on every save.
    pub revision: u32,
    /// The template this document was created from, if any.
    pub template: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    /// Full name, as printed at the top left.
    pub name: String,
    /// Optional short name (e.g. ООО «Ромашка»).
    pub short_name: String,
    /// Structural unit the position belongs to.
    pub department: String,
    /// City where the document is issued.
    pub place: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Position {
    /// Nominative: «менеджер по работе с ключевыми клиентами».
    pub name: String,
    /// The form used in the title; in Russian the genitive: «менеджера по работе с …».
    pub title_form: String,
    /// Whom the employee reports to (position in the dative or as typed).
    pub reports_to: String,
    /// Who stands in for the employee while absent.
    pub substitute: String,
}

/// Registration requisites. Blank values are printed as lines to fill in by hand.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Registration {
    pub date: Option<IsoDate>,
    pub number: String,
}

/// How the instruction is approved.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "lowercase", deny_unknown_fields)]
pub enum Approval {
    /// The УТВЕРЖДАЮ stamp signed by the approver.
    Stamp {
        approver_position: String,
        approver_name: String,
        date: Option<IsoDate>,
    },
    /// УТВЕРЖДЕНА приказом от … № ….
    Order {
        number: String,
        date: Option<IsoDate>,
    },
}

/// The six standard sections of a job instruction plus user-defined ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SectionKind {
    General,
    Functions,
    Duties,
    Rights,
    Liability,
    Relationships,
    Custom,
}

impl SectionKind {
    pub const STANDARD: [SectionKind; 6] = [
        SectionKind::General,
        SectionKind::Functions,
        SectionKind::Duties,
        SectionKind::Rights,
        SectionKind::Liability,
        SectionKind::Relationships,
    ];

    /// The heading printed for a standard section.
    pub fn default_title(self, language: Language) -> &'static str {
        use Language::*;
        use SectionKind::*;
        match (self, language) {
            (General, Ru) => "Общие положения",
            (Functions, Ru) => "Функции",
            (Duties, Ru) => "Должностные обязанности",
            (Rights, Ru) => "Права",
            (Liability, Ru) => "Ответственность",
            (Relationships, Ru) => "Взаимоотношения (связи по должности)",
            (Custom, Ru) => "Раздел",
            (General, En) => "General provisions",
            (Functions, En) => "Functions",
            (Duties, En) => "Duties",
            (Rights, En) => "Rights",
            (Liability, En) => "Liability",
            (Relationships, En) => "Relationships",
            (Custom, En) => "Section",
        }
    }
}

/// A numbered section. `title` is used for custom sections; for a standard section an empty
/// title means the standard heading in the document's language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Section {
    pub kind: SectionKind,
    pub title: String,
    pub clauses: Vec<Clause>,
}

impl Section {
    /// The heading to print.
    pub fn heading(&self, language: Language) -> &str {
        if self.title.trim().is_empty() {
            self.kind.default_title(language)
        } else {
            &self.title
        }
    }
}

/// Deepest clause level (1.1.1.).
pub const MAX_CLAUSE_DEPTH: usize = 3;

/// A clause: its text (line breaks allowed, field references possible) and sub-clauses.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Clause {
    /// Stable within the document (`c1`, `c2`, …): editing, moving and renumbering keep it, so
    /// that editions can be compared clause by clause. Empty until [`Document::assign_clause_ids`]
    /// (a file without it — written by hand or by another program — gets ids when read).
    #[serde(default)]
    pub id: String,
    pub text: RichText,
    pub children: Vec<Clause>,
}

impl Clause {
    /// A clause without an id yet (one is given when the document is saved or edited).
    pub fn new(text: impl Into<String>) -> Self {
        Clause {
            id: String::new(),
            text: RichText::plain(text.into()),
            children: Vec::new(),
        }
    }

    /// The clause's own text (without its children), each field reference written as
    /// `{key}` — for search, comparison and messages, never for printing.
    pub fn plain_text(&self) -> String {
        self.text.placeholder_text()
    }
}

/// A person who signs: position and name («И. О. Фамилия» or as typed).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Signatory {
    pub position: String,
    pub name: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Signatures {
    /// Who drew up the instruction (usually the head of the department).
    pub author: Signatory,
    /// Agreeing officers (СОГЛАСОВАНО / visas), in order.
    pub visas: Vec<Signatory>,
}

/// How employees confirm they have read the instruction.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Acknowledgement {
    /// Print the «С инструкцией ознакомлен(а)» mark after the signatures.
    pub mark: bool,
    /// Append an acknowledgement sheet (лист ознакомления).
    pub sheet: Option<AcknowledgementSheet>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct AcknowledgementSheet {
    /// Employees printed in the first rows.
    pub employees: Vec<Employee>,
    /// Empty rows after the listed employees.
    pub blank_rows: u32,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Employee {
    pub name: String,
    pub position: String,
}

/// Page settings. Defaults follow GOST R 7.0.97-2025.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct PageSettings {
    /// Body text size in points, 12–14.
    pub font_size_pt: f64,
    /// Line spacing as a multiple of single spacing, 1.0–1.5.
    pub line_spacing: f64,
    pub margins_mm: Margins,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
pub struct Margins {
    pub top: f64,
    pub bottom: f64,
    pub left: f64,
    pub right: f64,
}

impl Margins {
    /// GOST R 7.0.97-2025 minimums: left 20 mm, right 10 mm, top 20 mm, bottom 20 mm.
    pub const GOST_MINIMUM: Margins = Margins {
        top: 20.0,
        bottom: 20.0,
        left: 20.0,
        right: 10.0,
    };
}

impl Default for PageSettings {
    fn default() -> Self {
        PageSettings {
            font_size_pt: 14.0,
            line_spacing: 1.0,
            margins_mm: Margins {
                top: 20.0,
                bottom: 20.0,
                left: 30.0,
                right: 10.0,
            },
        }
    }
}

/// Font-size range allowed by GOST for body text, in points.
pub const FONT_SIZE_RANGE_PT: (f64, f64) = (12.0, 14.0);
/// Line-spacing range allowed by GOST.
pub const LINE_SPACING_RANGE: (f64, f64) = (1.0, 1.5);

impl Document {
    /// An empty document with the six standard sections, ready to fill in.
    /// `id` and `now` are passed in so that the result is deterministic.
    pub fn blank(language: Language, id: &str, now: Timestamp) -> Document {
        Document {
            schema: SCHEMA_VERSION,
            meta: Metadata {
                id: id.to_owned(),
                created: now,
                modified: now,
                revision: 0,
                template: None,
            },
            language,
            organisation: Organisation::default(),
            position: Position::default(),
            registration: Registration::default(),
            approval: Approval::Stamp {
                approver_position: String::new(),
                approver_name: String::new(),
                date: None,
            },
            sections: SectionKind::STANDARD
                .iter()
                .map(|&kind| Section {
                    kind,
                    title: String::new(),
                    clauses: vec![Clause::default()],
                })
                .collect(),
            signatures: Signatures::default(),
            acknowledgement: Acknowledgement {
                mark: true,
                sheet: Some(AcknowledgementSheet {
                    employees: Vec::new(),
                    blank_rows: 10,
                }),
            },
            page: PageSettings::default(),
            staff: Vec::new(),
            acknowledged: Vec::new(),
            editions: Vec::new(),
        }
        .with_clause_ids()
    }

    /// The document with every clause given an id: clauses without one, or repeating an id seen
    /// earlier in reading order (a pasted copy), get `c<n>` with `n` above every number in use.
    pub fn with_clause_ids(mut self) -> Document {
        self.assign_clause_ids();
        self
    }

    /// See [`Document::with_clause_ids`]. Returns whether anything changed.
    pub fn assign_clause_ids(&mut self) -> bool {
        fn walk(clauses: &[Clause], f: &mut impl FnMut(&Clause)) {
            for c in clauses {
                f(c);
                walk(&c.children, f);
            }
        }
        fn walk_mut(clauses: &mut [Clause], f: &mut impl FnMut(&mut Clause)) {
            for c in clauses {
                f(c);
                walk_mut(&mut c.children, f);
            }
        }
        let mut next = 0u64;
        let mut needs = false;
        let mut seen = std::collections::HashSet::new();
        for s in &self.sections {
            walk(&s.clauses, &mut |c| {
                if let Some(n) = c.id.strip_prefix('c').and_then(|n| n.parse::<u64>().ok()) {
                    next = next.max(n);
                }
                if c.id.is_empty() || !seen.insert(c.id.clone()) {
                    needs = true;
                }
            });
        }
        if !needs {
            return false;
        }
        let mut seen = std::collections::HashSet::new();
        for s in &mut self.sections {
            walk_mut(&mut s.clauses, &mut |c| {
                if c.id.is_empty() || !seen.insert(c.id.clone()) {
                    next += 1;
                    c.id = format!("c{next}");
                    seen.insert(c.id.clone());
                }
            });
        }
        true
    }

    /// All clauses in reading order with their tree path (section index, then child indices).
    pub fn clauses(&self) -> Vec<(Vec<usize>, &Clause)> {
        fn walk<'a>(
            path: &mut Vec<usize>,
            clauses: &'a [Clause],
            out: &mut Vec<(Vec<usize>, &'a Clause)>,
        ) {
            for (i, clause) in clauses.iter().enumerate() {
                path.push(i);
                out.push((path.clone(), clause));
                walk(path, &clause.children, out);
                path.pop();
            }
        }
        let mut out = Vec::new();
        for (s, section) in self.sections.iter().enumerate() {
            let mut path = vec![s];
            walk(&mut path, &section.clauses, &mut out);
        }
        out
    }
}
