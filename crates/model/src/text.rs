//! Clause text: what the user typed, with references to document fields in between.
//!
//! A reference («Подчиняется непосредственно [Подчиняется]») prints as the field's current
//! text, so renaming the organisation or the position updates every clause that names it, and
//! a field the user fills in is printed where the clauses say, not somewhere else or nowhere.
//!
//! In a `.jobdoc` file a text without references is a plain JSON string (so that the common
//! case diffs as before); a text with references is an array of strings and `{"field": …}`
//! objects: `["Подчиняется непосредственно ", {"field": "reports_to"}, "."]`.

use serde::de::{self, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use ts_rs::TS;

/// A document field a clause can refer to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// `organisation.name`.
    Organisation,
    /// `organisation.short_name`.
    OrganisationShort,
    /// `organisation.department`.
    Department,
    /// `position.name` (nominative).
    Position,
    /// `position.title_form` (in Russian the genitive).
    PositionTitle,
    /// `position.reports_to`.
    ReportsTo,
    /// `position.substitute`.
    Substitute,
}

impl Field {
    /// Every field, in the order the editor offers them.
    pub const ALL: [Field; 7] = [
        Field::Position,
        Field::PositionTitle,
        Field::ReportsTo,
        Field::Substitute,
        Field::Organisation,
        Field::OrganisationShort,
        Field::Department,
    ];

    /// What the editor needs to show and fill in a reference.
    pub fn info(self) -> FieldInfo {
        FieldInfo {
            field: self,
            pointer: self.pointer().to_owned(),
            label_ru: self.label(crate::Language::Ru).to_owned(),
            label_en: self.label(crate::Language::En).to_owned(),
        }
    }

    /// The name used in files and in `{…}` placeholders.
    pub fn key(self) -> &'static str {
        match self {
            Field::Organisation => "organisation",
            Field::OrganisationShort => "organisation_short",
            Field::Department => "department",
            Field::Position => "position",
            Field::PositionTitle => "position_title",
            Field::ReportsTo => "reports_to",
            Field::Substitute => "substitute",
        }
    }

    /// JSON Pointer of the field in a document.
    pub fn pointer(self) -> &'static str {
        match self {
            Field::Organisation => "/organisation/name",
            Field::OrganisationShort => "/organisation/short_name",
            Field::Department => "/organisation/department",
            Field::Position => "/position/name",
            Field::PositionTitle => "/position/title_form",
            Field::ReportsTo => "/position/reports_to",
            Field::Substitute => "/position/substitute",
        }
    }

    /// The field's name as the editor labels it.
    pub fn label(self, language: crate::Language) -> &'static str {
        use crate::Language::*;
        match (self, language) {
            (Field::Organisation, Ru) => "Организация",
            (Field::OrganisationShort, Ru) => "Краткое наименование",
            (Field::Department, Ru) => "Подразделение",
            (Field::Position, Ru) => "Должность",
            (Field::PositionTitle, Ru) => "Должность (в заголовке)",
            (Field::ReportsTo, Ru) => "Подчиняется",
            (Field::Substitute, Ru) => "Замещает на время отсутствия",
            (Field::Organisation, En) => "Organisation",
            (Field::OrganisationShort, En) => "Short name",
            (Field::Department, En) => "Department",
            (Field::Position, En) => "Position",
            (Field::PositionTitle, En) => "Position (title form)",
            (Field::ReportsTo, En) => "Reports to",
            (Field::Substitute, En) => "Substitute",
        }
    }
}

/// A field as the editor describes it: which field, where its value lives, its name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FieldInfo {
    pub field: Field,
    /// JSON Pointer of the field's value in a document.
    pub pointer: String,
    pub label_ru: String,
    pub label_en: String,
}

/// A piece of clause text.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Inline {
    Text(String),
    Field(Field),
}

/// Clause text: typed text and field references. Kept canonical: no empty pieces, no two text
/// pieces side by side, so that equal texts compare equal.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, TS)]
#[ts(as = "RichTextFile")]
pub struct RichText(Vec<Inline>);

/// How [`RichText`] looks in a file (and to TypeScript): a string, or pieces.
#[derive(Serialize, Deserialize, TS)]
#[serde(untagged)]
#[ts(rename = "RichText")]
#[allow(dead_code)] // Describes the file format to ts-rs; values are (de)serialised by hand.
enum RichTextFile {
    Plain(String),
    Pieces(Vec<InlineFile>),
}

/// One piece of clause text in a file: typed text or a reference.
#[derive(Serialize, Deserialize, TS)]
#[serde(untagged)]
#[ts(rename = "Inline")]
#[allow(dead_code)]
enum InlineFile {
    Text(String),
    Field(FieldRef),
}

impl RichText {
    /// Plain text without references.
    pub fn plain(text: impl Into<String>) -> RichText {
        RichText::from_pieces([Inline::Text(text.into())])
    }

    /// Text from pieces, made canonical.
    pub fn from_pieces(pieces: impl IntoIterator<Item = Inline>) -> RichText {
        let mut out: Vec<Inline> = Vec::new();
        for piece in pieces {
            match piece {
                Inline::Text(t) if t.is_empty() => {}
                Inline::Text(t) => match out.last_mut() {
                    Some(Inline::Text(prev)) => prev.push_str(&t),
                    _ => out.push(Inline::Text(t)),
                },
                f @ Inline::Field(_) => out.push(f),
            }
        }
        RichText(out)
    }

    pub fn pieces(&self) -> &[Inline] {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// True when nothing but white space was typed and no field is referenced.
    pub fn is_blank(&self) -> bool {
        self.0.iter().all(|p| match p {
            Inline::Text(t) => t.trim().is_empty(),
            Inline::Field(_) => false,
        })
    }

    /// The fields referenced, in order (with repeats).
    pub fn fields(&self) -> impl Iterator<Item = Field> + '_ {
        self.0.iter().filter_map(|p| match p {
            Inline::Field(f) => Some(*f),
            Inline::Text(_) => None,
        })
    }

    /// The typed text with each reference written as `{key}` (for search, comparison and
    /// messages; never printed).
    pub fn placeholder_text(&self) -> String {
        let mut out = String::new();
        for p in &self.0 {
            match p {
                Inline::Text(t) => out.push_str(t),
                Inline::Field(f) => {
                    out.push('{');
                    out.push_str(f.key());
                    out.push('}');
                }
            }
        }
        out
    }

    /// The text with every reference replaced by `value(field)`. A value that starts the text or
    /// a sentence gets a capital first letter, since a field holds «менеджер», not «Менеджер».
    pub fn substitute<'a>(&self, value: impl Fn(Field) -> &'a str) -> String {
        let mut out = String::new();
        for p in &self.0 {
            match p {
                Inline::Text(t) => out.push_str(t),
                Inline::Field(f) => {
                    let v = value(*f);
                    if sentence_starts(&out) {
                        let mut chars = v.chars();
                        if let Some(first) = chars.next() {
                            out.extend(first.to_uppercase());
                            out.push_str(chars.as_str());
                        }
                    } else {
                        out.push_str(v);
                    }
                }
            }
        }
        out
    }

    /// Mutable access to the typed pieces, for find-and-replace style edits; the result is
    /// made canonical again.
    pub fn map_text(&self, mut f: impl FnMut(&str) -> String) -> RichText {
        RichText::from_pieces(self.0.iter().map(|p| match p {
            Inline::Text(t) => Inline::Text(f(t)),
            Inline::Field(x) => Inline::Field(*x),
        }))
    }

    /// Replaces every occurrence of `text` (typed exactly, or with a capital first letter at
    /// the start of a sentence) by a reference to `field`. Returns how many were replaced.
    pub fn link(&mut self, text: &str, field: Field) -> usize {
        let needle = text.trim();
        if needle.is_empty() {
            return 0;
        }
        let mut count = 0;
        let mut pieces = Vec::new();
        for p in std::mem::take(&mut self.0) {
            let Inline::Text(t) = p else {
                pieces.push(p);
                continue;
            };
            let mut rest = t.as_str();
            while let Some((at, len)) = find_word(rest, needle) {
                pieces.push(Inline::Text(rest[..at].to_owned()));
                pieces.push(Inline::Field(field));
                rest = &rest[at + len..];
                count += 1;
            }
            pieces.push(Inline::Text(rest.to_owned()));
        }
        *self = RichText::from_pieces(pieces);
        count
    }
}

/// Where `needle` occurs in `hay` as whole words (exactly, or with only the first letter's case
/// differing): byte offset and length.
fn find_word(hay: &str, needle: &str) -> Option<(usize, usize)> {
    let mut first = needle.chars();
    let head = first.next()?;
    let tail = first.as_str();
    let mut from = 0;
    while from < hay.len() {
        let slice = &hay[from..];
        let hit = slice.char_indices().find(|(i, c)| {
            (c.to_lowercase().eq(head.to_lowercase()))
                && slice[i + c.len_utf8()..].starts_with(tail)
        });
        let (i, c) = hit?;
        let at = from + i;
        let len = c.len_utf8() + tail.len();
        let before_ok = hay[..at]
            .chars()
            .next_back()
            .is_none_or(|b| !b.is_alphanumeric());
        let after_ok = hay[at + len..]
            .chars()
            .next()
            .is_none_or(|a| !a.is_alphanumeric());
        if before_ok && after_ok {
            return Some((at, len));
        }
        from = at + c.len_utf8();
    }
    None
}

/// True when text appended to `before` starts a sentence: nothing but spaces so far, or the
/// last non-space character ends a sentence.
fn sentence_starts(before: &str) -> bool {
    match before.trim_end().chars().next_back() {
        None => true,
        Some(c) => matches!(c, '.' | '!' | '?' | '\n') && before.ends_with(char::is_whitespace),
    }
}

impl From<&str> for RichText {
    fn from(s: &str) -> RichText {
        RichText::plain(s)
    }
}

impl From<String> for RichText {
    fn from(s: String) -> RichText {
        RichText::plain(s)
    }
}

/// A reference as written in a file: `{"field": "reports_to"}`.
#[derive(Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
struct FieldRef {
    field: Field,
}

impl Serialize for RichText {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        match self.0.as_slice() {
            [] => s.serialize_str(""),
            [Inline::Text(t)] => s.serialize_str(t),
            pieces => {
                let mut seq = s.serialize_seq(Some(pieces.len()))?;
                for p in pieces {
                    match p {
                        Inline::Text(t) => seq.serialize_element(t)?,
                        Inline::Field(f) => seq.serialize_element(&FieldRef { field: *f })?,
                    }
                }
                seq.end()
            }
        }
    }
}

impl<'de> Deserialize<'de> for RichText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct TextVisitor;

        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Piece {
            Text(String),
            Field(FieldRef),
        }

        impl<'de> Visitor<'de> for TextVisitor {
            type Value = RichText;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a string, or an array of strings and {\"field\": …} references")
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<RichText, E> {
                Ok(RichText::plain(v))
            }

            fn visit_string<E: de::Error>(self, v: String) -> Result<RichText, E> {
                Ok(RichText::plain(v))
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RichText, A::Error> {
                let mut pieces = Vec::new();
                while let Some(p) = seq.next_element::<Piece>()? {
                    pieces.push(match p {
                        Piece::Text(t) => Inline::Text(t),
                        Piece::Field(r) => Inline::Field(r.field),
                    });
                }
                Ok(RichText::from_pieces(pieces))
            }
        }
        d.deserialize_any(TextVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rich(json: &str) -> RichText {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn plain_text_is_a_string_in_the_file() {
        let t = RichText::plain("Ведёт переговоры.");
        assert_eq!(serde_json::to_string(&t).unwrap(), "\"Ведёт переговоры.\"");
        assert_eq!(rich("\"Ведёт переговоры.\""), t);
        assert_eq!(serde_json::to_string(&RichText::default()).unwrap(), "\"\"");
    }

    #[test]
    fn references_are_an_array_and_canonical() {
        let t = rich(r#"["Подчиняется ", "непосредственно ", {"field": "reports_to"}, "", "."]"#);
        assert_eq!(
            t.pieces(),
            &[
                Inline::Text("Подчиняется непосредственно ".into()),
                Inline::Field(Field::ReportsTo),
                Inline::Text(".".into()),
            ]
        );
        assert_eq!(
            serde_json::to_string(&t).unwrap(),
            r#"["Подчиняется непосредственно ",{"field":"reports_to"},"."]"#
        );
        assert_eq!(rich(r#"["a", "b"]"#), RichText::plain("ab"));
        assert!(serde_json::from_str::<RichText>(r#"[{"field": "salary"}]"#).is_err());
        assert!(serde_json::from_str::<RichText>(r#"[{"field": "position", "x": 1}]"#).is_err());
        assert!(serde_json::from_str::<RichText>("5").is_err());
    }

    #[test]
    fn substitution_capitalises_at_a_sentence_start() {
        let t = RichText::from_pieces([
            Inline::Field(Field::Position),
            Inline::Text(" относится к специалистам. ".into()),
            Inline::Field(Field::Position),
            Inline::Text(" подчиняется ".into()),
            Inline::Field(Field::ReportsTo),
            Inline::Text(".".into()),
        ]);
        let s = t.substitute(|f| match f {
            Field::Position => "менеджер",
            Field::ReportsTo => "директору",
            _ => "",
        });
        assert_eq!(
            s,
            "Менеджер относится к специалистам. Менеджер подчиняется директору."
        );
        assert_eq!(
            t.placeholder_text(),
            "{position} относится к специалистам. {position} подчиняется {reports_to}."
        );
    }

    #[test]
    fn linking_replaces_whole_words_only() {
        let mut t =
            RichText::plain("Менеджер подчиняется директору. Заместитель менеджера — не менеджер.");
        assert_eq!(t.link("менеджер", Field::Position), 2);
        assert_eq!(
            t.placeholder_text(),
            "{position} подчиняется директору. Заместитель менеджера — не {position}."
        );
        assert_eq!(t.link("", Field::Position), 0);
    }

    #[test]
    fn blankness_and_fields() {
        assert!(RichText::plain("  ").is_blank());
        let t = RichText::from_pieces([Inline::Field(Field::Department)]);
        assert!(!t.is_blank());
        assert_eq!(t.fields().collect::<Vec<_>>(), vec![Field::Department]);
    }
}
