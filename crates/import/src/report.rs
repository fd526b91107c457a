//! The import report: every source paragraph, what it became and why. The editor's review
//! screen shows it beside the document; `jobdoc import --report` writes it as JSON.

use jobdoc_model::{Language, SectionKind};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The format the file was read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SourceFormat {
    Docx,
    Odt,
    Rtf,
    Text,
    Markdown,
    Html,
    /// Converted to DOCX by LibreOffice first (`.doc` and others).
    Office,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ImportReport {
    pub file_name: String,
    pub format: SourceFormat,
    /// The document's language: as asked, or detected from the letters.
    pub language: Language,
    /// Every non-empty source paragraph (and every piece of one that was split), in order.
    pub paragraphs: Vec<ReportEntry>,
    /// Empty paragraphs skipped (spacing).
    pub empty_paragraphs: u32,
    /// What the user should look at (a missing section, a position without its nominative).
    pub notes: Vec<Note>,
}

/// One source paragraph, or one piece of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ReportEntry {
    /// The paragraph's place in the source (0-based, empty ones counted).
    pub index: u32,
    /// Which piece of the paragraph (a paragraph pasted without line breaks or a
    /// tab-aligned line is split); 0 for a whole paragraph.
    pub piece: u32,
    /// The text as read, with its number or bullet.
    pub source: String,
    /// The number or bullet that was removed, if any.
    pub number: Option<String>,
    pub became: Became,
    pub reason: Reason,
    /// Changes made to the text besides the number and spacing.
    pub fixes: Vec<Fix>,
}

/// A document field a paragraph (or its value) went into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum FieldName {
    Organisation,
    OrganisationShort,
    Department,
    Place,
    Position,
    PositionTitle,
    ReportsTo,
    Substitute,
    RegistrationDate,
    RegistrationNumber,
    ApproverPosition,
    ApproverName,
    ApprovalDate,
    OrderNumber,
    OrderDate,
}

/// Who signs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SignatureRole {
    Author,
    Visa,
    Acknowledgement,
}

/// What a paragraph became.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Became {
    /// The document's kind line («ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ»), perhaps with the position.
    Title,
    /// A section's heading.
    Heading {
        section: u32,
        section_kind: SectionKind,
    },
    /// A clause: `path` is its place in the section (0-based indices from the top level).
    Clause {
        section: u32,
        path: Vec<u32>,
        depth: u32,
    },
    /// A document field (or a part of it).
    Field { field: FieldName },
    /// A signature: who signs, as a position or a name.
    Signature {
        role: SignatureRole,
        /// The signatory's place among the visas (0 for the author).
        index: u32,
    },
    /// Marks the acknowledgement block (the mark is printed).
    Acknowledgement,
    /// Nothing: the paragraph is not part of the document; `reason` says why.
    Dropped,
}

/// Why a paragraph became what it did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Reason {
    /// Its text names a standard section.
    KnownSectionTitle,
    /// A short line in capitals, bold, centred or numbered as a top-level heading.
    HeadingLook,
    /// The depth follows from its number (1.2.3.).
    NumberDepth,
    /// A list item (bullet, «1)», «а)») under the clause before it.
    ListItem,
    /// Follows a clause that ends with a colon.
    AfterColon,
    /// No number: a clause at the level of the one before it.
    Unnumbered,
    /// Deeper than three levels: kept at the third level.
    FoldedDeeper,
    /// A line continuing the previous paragraph (hard line breaks, manual hyphenation).
    Continuation,
    /// The document kind line.
    TitleLine,
    /// A line of the approval stamp.
    StampLine,
    /// «Утверждена приказом … от … № …».
    ApprovalOrder,
    /// Before the title: the organisation and its unit.
    HeaderLine,
    /// «Label: value».
    LabelValue,
    /// The registration date and number.
    RegistrationLine,
    /// Text before the first section that is not a requisite: kept as a clause.
    Preamble,
    /// A signature line (underscores, initials and surname, a position before them).
    SignatureLine,
    /// СОГЛАСОВАНО and the visas after it.
    VisaBlock,
    /// «С инструкцией ознакомлен(а)» and the lines after it.
    AcknowledgementBlock,
    /// A blank to fill in: ««___» ____ 20__ г.», «00.00.00 № 00», «м.п.», underscores only.
    Placeholder,
    /// «(подпись)», «(инициалы, фамилия)» under a signature line, an acknowledgement table's
    /// column names.
    Caption,
    /// The date beside a signature (the document has no place for it).
    SignatureDate,
    /// A line of a typed table of contents.
    TableOfContents,
    /// A page number or «Страница 1 из 5».
    PageNumber,
    /// A trailing source address or a legal database's notice.
    SourceNotice,
    /// The same text again right after itself (a text box stored twice).
    Duplicate,
    /// The user re-assigned it in the import review.
    Reassigned,
}

/// A change made to a paragraph's text besides its number, bullet and spacing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Fix {
    /// Latin letters that look like Cyrillic ones inside Russian words were replaced.
    LatinLookalikes,
    /// Soft hyphens removed.
    SoftHyphens,
    /// Joined to the previous paragraph; a manual hyphen at the line end was removed.
    Dehyphenated,
}

/// Something the user should look at after import.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Note {
    /// No section of this kind was found.
    MissingSection { section_kind: SectionKind },
    /// The position's nominative was not found in the text (the title form was).
    NoNominative,
    /// No title line («ДОЛЖНОСТНАЯ ИНСТРУКЦИЯ») was found.
    NoTitle,
    /// Clauses deeper than three levels were kept at the third level.
    FoldedClauses { count: u32 },
    /// The file was converted by LibreOffice first.
    ConvertedByLibreOffice,
}

impl ImportReport {
    /// Counts of what the paragraphs became: (clauses, headings, fields and signatures, dropped).
    pub fn summary(&self) -> (usize, usize, usize, usize) {
        let mut s = (0, 0, 0, 0);
        for e in &self.paragraphs {
            match e.became {
                Became::Clause { .. } => s.0 += 1,
                Became::Heading { .. } => s.1 += 1,
                Became::Dropped => s.3 += 1,
                _ => s.2 += 1,
            }
        }
        s
    }
}
