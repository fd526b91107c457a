//! The printable form of a document, shared by the PDF and DOCX exports.
//!
//! [`resolve`] turns the stored document into exactly the strings that get printed: labels in the
//! document's language, clause numbers, dates, quotes, lines to fill in by hand. The exporters
//! decide only where those strings go on the page, so both formats always say the same thing.

use crate::document::*;
use crate::geometry::PageGeometry;
use crate::numbering;
use crate::validate::{field_value, Diagnostic};

/// A line to sign on, in the stamp and the signature rows.
pub const SIGNATURE_LINE: &str = "________________";
/// A name to be written by hand when none is given.
pub const NAME_LINE: &str = "________________";
/// A field a clause refers to but which is empty: written in by hand.
pub const FIELD_LINE: &str = "____________";

/// Fixed words of a document in one language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Labels {
    pub document_kind: &'static str,
    pub approve: &'static str,
    pub approved_by_order: &'static str,
    pub agreed: &'static str,
    pub signature: &'static str,
    pub name: &'static str,
    pub date: &'static str,
    pub mark: &'static str,
    pub sheet_title: &'static str,
    pub sheet_columns: [&'static str; 5],
    pub blank_date_long: &'static str,
    pub blank_registration_date: &'static str,
    pub number_sign: &'static str,
    pub blank_number: &'static str,
    pub page: &'static str,
}

impl Labels {
    pub fn of(language: Language) -> &'static Labels {
        match language {
            Language::Ru => &RU,
            Language::En => &EN,
        }
    }
}

static RU: Labels = Labels {
    document_kind: "ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ",
    approve: "УТВЕРЖДАЮ",
    approved_by_order: "УТВЕРЖДЕНА",
    agreed: "СОГЛАСОВАНО",
    signature: "(подпись)",
    name: "(инициалы, фамилия)",
    date: "(дата)",
    mark: "С инструкцией ознакомлен(а):",
    sheet_title: "ЛИСТ ОЗНАКОМЛЕНИЯ",
    sheet_columns: [
        "№ п/п",
        "Фамилия, имя, отчество",
        "Должность",
        "Дата ознакомления",
        "Подпись",
    ],
    blank_date_long: "«__»\u{a0}________\u{a0}20__\u{a0}г.",
    blank_registration_date: "__.__.____",
    number_sign: "№",
    blank_number: "____",
    page: "Страница",
};

static EN: Labels = Labels {
    document_kind: "JOB DESCRIPTION",
    approve: "APPROVED",
    approved_by_order: "APPROVED",
    agreed: "AGREED",
    signature: "(signature)",
    name: "(name)",
    date: "(date)",
    mark: "I have read this job description:",
    sheet_title: "ACKNOWLEDGEMENT SHEET",
    sheet_columns: ["No.", "Full name", "Position", "Date read", "Signature"],
    blank_date_long: "____\u{a0}____________\u{a0}20__",
    blank_registration_date: "__________",
    number_sign: "No.",
    blank_number: "____",
    page: "Page",
};

/// Everything that gets printed, in reading order.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolved {
    pub language: Language,
    pub labels: &'static Labels,
    /// The page both exports lay out: settings validated and clamped once.
    pub geometry: PageGeometry,
    /// What resolving changed (page settings that did not fit), for the export's warnings.
    pub notes: Vec<Diagnostic>,
    pub info: Info,
    pub header: Header,
    pub approval: ApprovalBlock,
    /// The title to the text: the position in its title form.
    pub title: String,
    pub sections: Vec<ResolvedSection>,
    pub author: SignatureRow,
    /// Agreeing officers; empty when there are none.
    pub visas: Vec<VisaBlock>,
    /// The acknowledgement mark after the text, if wanted.
    pub mark: Option<Mark>,
    pub sheet: Option<Sheet>,
}

/// Document properties written into the exported files.
#[derive(Debug, Clone, PartialEq)]
pub struct Info {
    pub title: String,
    pub author: String,
    pub subject: String,
    pub language_tag: &'static str,
}

/// The requisites at the top left.
#[derive(Debug, Clone, PartialEq)]
pub struct Header {
    /// Organisation name lines: full name, then the short name in brackets, then the department.
    pub organisation: Vec<String>,
    /// «ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ».
    pub document_kind: String,
    /// Date and number: «15.01.2026 № 12», or lines to fill in.
    pub registration: String,
    /// Place of issue; empty when not given.
    pub place: String,
}

/// The approval requisite at the top right.
#[derive(Debug, Clone, PartialEq)]
pub enum ApprovalBlock {
    /// УТВЕРЖДАЮ / position / ________ И. О. Фамилия / «__» ________ 20__ г.
    Stamp {
        heading: String,
        /// The approver's position; may span lines when long (split by the exporter).
        position: String,
        signature_line: String,
        name: String,
        date: String,
    },
    /// УТВЕРЖДЕНА / приказом от … № ….
    Order { heading: String, text: String },
}

#[derive(Debug, Clone, PartialEq)]
pub struct ResolvedSection {
    /// «1.»
    pub label: String,
    pub heading: String,
    pub clauses: Vec<ResolvedClause>,
    /// Index of the section in the document.
    pub index: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ResolvedClause {
    /// «1.2.3.»
    pub label: String,
    /// 1 for a clause directly in a section, up to 3 (deeper ones are flagged by validation and
    /// printed at level 3 rather than dropped).
    pub level: usize,
    /// The text as printed (quotes and dashes set); `\n` is a line break within the clause.
    pub text: String,
    /// Where the clause lives in the document: section index, then child indices.
    pub path: Vec<usize>,
    /// The clause introduces the ones after it («…должен знать:»): both exports keep it on the
    /// page of the next clause.
    pub introduces_list: bool,
}

/// Position — line to sign on with a caption — name.
#[derive(Debug, Clone, PartialEq)]
pub struct SignatureRow {
    pub position: String,
    pub signature_line: String,
    pub signature_caption: String,
    pub name: String,
    pub name_caption: String,
}

/// One agreeing officer: СОГЛАСОВАНО, position, signature and name, date.
#[derive(Debug, Clone, PartialEq)]
pub struct VisaBlock {
    pub heading: String,
    pub row: SignatureRow,
    pub date: String,
}

/// «С инструкцией ознакомлен(а):» with a row to sign.
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    pub text: String,
    pub row: SignatureRow,
    pub date: String,
}

/// The acknowledgement sheet: a table with a header row repeated on every page.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    pub title: String,
    pub subtitle: String,
    pub columns: [String; 5],
    /// Rows: №, full name, position, date, signature (the last two are always blank).
    pub rows: Vec<[String; 5]>,
}

fn non_blank(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

fn signature_row(labels: &Labels, position: &str, name: &str) -> SignatureRow {
    SignatureRow {
        position: position.trim().to_owned(),
        signature_line: SIGNATURE_LINE.to_owned(),
        signature_caption: labels.signature.to_owned(),
        name: non_blank(name).unwrap_or_else(|| NAME_LINE.to_owned()),
        name_caption: labels.name.to_owned(),
    }
}

fn long_date(date: Option<crate::IsoDate>, language: Language) -> String {
    match date {
        Some(d) => d.printed(language),
        None => Labels::of(language).blank_date_long.to_owned(),
    }
}

/// Turns the stored document into the strings both exporters print.
pub fn resolve(doc: &Document) -> Resolved {
    let language = doc.language;
    let labels = Labels::of(language);

    let mut organisation = Vec::new();
    organisation.extend(non_blank(&doc.organisation.name));
    if let Some(short) = non_blank(&doc.organisation.short_name) {
        organisation.push(format!("({short})"));
    }
    organisation.extend(non_blank(&doc.organisation.department));

    let registration_date = match (doc.registration.date, language) {
        (Some(d), Language::Ru) => d.numeric(),
        (Some(d), Language::En) => d.printed(Language::En),
        (None, _) => labels.blank_registration_date.to_owned(),
    };
    let number =
        non_blank(&doc.registration.number).unwrap_or_else(|| labels.blank_number.to_owned());
    let header = Header {
        organisation,
        document_kind: labels.document_kind.to_owned(),
        registration: format!("{registration_date} {}\u{a0}{number}", labels.number_sign),
        place: non_blank(&doc.organisation.place).unwrap_or_default(),
    };

    let approval = match &doc.approval {
        Approval::Stamp {
            approver_position,
            approver_name,
            date,
        } => ApprovalBlock::Stamp {
            heading: labels.approve.to_owned(),
            position: approver_position.trim().to_owned(),
            signature_line: SIGNATURE_LINE.to_owned(),
            name: non_blank(approver_name).unwrap_or_else(|| NAME_LINE.to_owned()),
            date: long_date(*date, language),
        },
        Approval::Order { number, date } => {
            let date = match date {
                Some(d) if language == Language::Ru => d.numeric(),
                Some(d) => d.printed(language),
                None => labels.blank_registration_date.to_owned(),
            };
            let number = non_blank(number).unwrap_or_else(|| labels.blank_number.to_owned());
            let text = match language {
                Language::Ru => format!("приказом от {date} №\u{a0}{number}"),
                Language::En => format!("by order No.\u{a0}{number} of {date}"),
            };
            ApprovalBlock::Order {
                heading: labels.approved_by_order.to_owned(),
                text,
            }
        }
    };

    let sections = doc
        .sections
        .iter()
        .enumerate()
        .map(|(index, section)| {
            let mut clauses = Vec::new();
            let mut path = vec![index];
            flatten(doc, &section.clauses, &mut path, &mut clauses);
            ResolvedSection {
                label: numbering::label(&[index]),
                heading: typography(section.heading(language).trim(), language),
                clauses,
                index,
            }
        })
        .collect();

    let author = signature_row(
        labels,
        &doc.signatures.author.position,
        &doc.signatures.author.name,
    );
    let visas = doc
        .signatures
        .visas
        .iter()
        .map(|v| VisaBlock {
            heading: labels.agreed.to_owned(),
            row: signature_row(labels, &v.position, &v.name),
            date: labels.blank_date_long.to_owned(),
        })
        .collect();
    let mark = doc.acknowledgement.mark.then(|| Mark {
        text: labels.mark.to_owned(),
        row: signature_row(labels, "", ""),
        date: labels.blank_date_long.to_owned(),
    });
    let title = typography(doc.position.title_form.trim(), language);
    let sheet = doc.acknowledgement.sheet.as_ref().map(|s| {
        let mut rows: Vec<[String; 5]> = s
            .employees
            .iter()
            .map(|e| {
                [
                    String::new(),
                    e.name.trim().to_owned(),
                    e.position.trim().to_owned(),
                    String::new(),
                    String::new(),
                ]
            })
            .collect();
        rows.extend((0..s.blank_rows).map(|_| Default::default()));
        for (i, row) in rows.iter_mut().enumerate() {
            row[0] = (i + 1).to_string();
        }
        Sheet {
            title: labels.sheet_title.to_owned(),
            subtitle: match language {
                Language::Ru => format!("с должностной инструкцией {title}"),
                Language::En => format!("for the job description: {title}"),
            },
            columns: labels.sheet_columns.map(str::to_owned),
            rows,
        }
    });

    let info = Info {
        title: match language {
            Language::Ru => format!("Должностная инструкция {title}"),
            Language::En => format!("Job description: {title}"),
        },
        author: non_blank(&doc.signatures.author.name)
            .or_else(|| non_blank(&doc.organisation.name))
            .unwrap_or_default(),
        subject: doc.organisation.name.trim().to_owned(),
        language_tag: language.tag(),
    };

    let (geometry, notes) = PageGeometry::of(&doc.page);
    Resolved {
        language,
        labels,
        geometry,
        notes,
        info,
        header,
        approval,
        title,
        sections,
        author,
        visas,
        mark,
        sheet,
    }
}

/// Whom a personal copy is for (one copy per employee in the position).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recipient {
    /// Full name as it should be printed («Иванова Анна Сергеевна»).
    pub name: String,
    /// Their position as printed on the sheet.
    pub position: String,
}

/// The printed form of a personal copy: the acknowledgement mark names the employee (their name
/// instead of a line to fill in, and their position), and the acknowledgement sheet starts with
/// their row, followed by the sheet's blank rows.
pub fn personal_copy(mut r: Resolved, recipient: &Recipient) -> Resolved {
    let name = recipient.name.trim().to_owned();
    let position = recipient.position.trim().to_owned();
    if let Some(mark) = &mut r.mark {
        mark.row.name = name.clone();
        mark.row.position = position.clone();
    }
    if let Some(sheet) = &mut r.sheet {
        let blank = sheet
            .rows
            .iter()
            .filter(|row| row[1].is_empty() && row[2].is_empty())
            .count();
        let mut rows = vec![[
            String::new(),
            name.clone(),
            position.clone(),
            String::new(),
            String::new(),
        ]];
        rows.extend((0..blank).map(|_| Default::default()));
        for (i, row) in rows.iter_mut().enumerate() {
            row[0] = (i + 1).to_string();
        }
        sheet.rows = rows;
    }
    r
}

fn flatten(
    doc: &Document,
    clauses: &[Clause],
    path: &mut Vec<usize>,
    out: &mut Vec<ResolvedClause>,
) {
    for (i, clause) in clauses.iter().enumerate() {
        path.push(i);
        let text = typography(&clause_text(doc, &clause.text), doc.language);
        out.push(ResolvedClause {
            label: numbering::label(path),
            level: (path.len() - 1).min(MAX_CLAUSE_DEPTH),
            introduces_list: text.trim_end().ends_with(':'),
            text,
            path: path.clone(),
        });
        flatten(doc, &clause.children, path, out);
        path.pop();
    }
}

/// A clause's text with every field reference replaced by the field's current text (a line to
/// fill in when the field is empty).
pub fn clause_text(doc: &Document, text: &crate::RichText) -> String {
    text.substitute(|field| match field_value(doc, field).trim() {
        "" => FIELD_LINE,
        value => value,
    })
}

/// Print typography, applied at export and never stored: straight double quotes become «» (with
/// „“ inside) in Russian and “” (with ‘’ inside) in English; a hyphen between spaces becomes a
/// dash bound to the word before it with a no-break space; line ends are normalised to `\n` and
/// trailing spaces of each line are dropped.
pub fn typography(text: &str, language: Language) -> String {
    let (open, close, open2, close2) = match language {
        Language::Ru => ('«', '»', '„', '“'),
        Language::En => ('\u{201c}', '\u{201d}', '\u{2018}', '\u{2019}'),
    };
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = String::with_capacity(text.len() + 8);
    // Quote nesting: a straight quote opens when it follows a space, a line start or an opening
    // bracket or quote, and closes otherwise.
    let mut depth = 0usize;
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let prev = if i == 0 { None } else { Some(chars[i - 1]) };
        let next = chars.get(i + 1).copied();
        match c {
            '"' => {
                let opens = match prev {
                    None => true,
                    Some(p) => p.is_whitespace() || "([{«„“‘".contains(p),
                };
                if opens {
                    out.push(if depth == 0 { open } else { open2 });
                    depth += 1;
                } else if depth > 0 {
                    depth -= 1;
                    out.push(if depth == 0 { close } else { close2 });
                } else {
                    out.push(close);
                }
            }
            '-' if prev == Some(' ') && matches!(next, Some(' ') | None) => {
                // Replace "word - word" by "word — word", the dash glued to the word before.
                out.pop();
                out.push('\u{a0}');
                out.push('—');
            }
            _ => out.push(c),
        }
    }
    out.lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_and_dashes() {
        assert_eq!(
            typography(
                "ООО \"Ромашка\" - поставщик \"Группы \"Альфа\"\"",
                Language::Ru
            ),
            "ООО «Ромашка»\u{a0}— поставщик «Группы „Альфа“»"
        );
        assert_eq!(
            typography("the \"key\" client", Language::En),
            "the \u{201c}key\u{201d} client"
        );
        assert_eq!(typography("a\r\nb  \nc", Language::Ru), "a\nb\nc");
        assert_eq!(typography("1-2 и т. п.", Language::Ru), "1-2 и т. п.");
    }
}
