//! Suggestions for the derived fields of a position: the **title form** (Russian genitive:
//! «главный бухгалтер» → «главного бухгалтера») and **reports to** (Russian dative:
//! «начальник отдела кадров» → «начальнику отдела кадров»), computed from the nominative the
//! user typed. The editor shows them as suggestions the user can override.
//!
//! ```
//! use jobdoc_morph::{genitive, dative, english_title_case, title_form, reports_to, Lang, Source};
//!
//! let g = genitive("Менеджер по работе с ключевыми клиентами");
//! assert_eq!(g.text, "Менеджера по работе с ключевыми клиентами");
//! assert_eq!(g.source, Source::Table);
//! assert_eq!(dative("главный бухгалтер").text, "главному бухгалтеру");
//! assert_eq!(english_title_case("key account manager"), "Key Account Manager");
//!
//! // What the editor calls, by the document's language:
//! assert_eq!(title_form("заведующий складом", Lang::Ru).text, "заведующего складом");
//! assert_eq!(title_form("sales manager", Lang::En).text, "Sales Manager");
//! assert_eq!(reports_to("генеральный директор", Lang::Ru).text, "генеральному директору");
//! assert_eq!(reports_to("chief executive officer", Lang::En).text, "Chief Executive Officer");
//! ```
//!
//! For the editor: call [`title_form`] with the position's name and [`reports_to`] with the
//! superior's position as the user types; offer the text beside the field (fill the field only
//! while it is empty or still holds the previous suggestion, so an override is never lost), and
//! mark a `Source::Rule` suggestion as a guess. Calls take microseconds; the first one parses
//! the table (a few milliseconds), so the app may call it once at start-up.
//!
//! How it works: a reviewed table of about a thousand title words with their forms
//! (`data/forms.tsv`, generated offline with pymorphy3 by `data/generate.py` from the word list
//! `data/words.txt`, embedded deflated and parsed once on first use), rules for the
//! regular endings of words the table does not know, and the phrase rule (`phrase.rs`): only
//! the head noun phrase declines — leading adjectives and participles and the head noun, both
//! parts of «инженер-технолог» — and it ends before a preposition, a word not in the
//! nominative («начальник отдела кадров», «заведующий складом»), or punctuation. Pure and
//! deterministic; no file is read at run time.

mod english;
mod phrase;
mod rules;
mod table;

pub use english::english_title_case;

/// A suggested form and how sure it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inflected {
    /// The suggested text, with the user's capitalisation, spacing and untouched words kept.
    pub text: String,
    pub source: Source,
}

/// Where the changed words' forms came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// Every changed word is in the reviewed table: a confident suggestion.
    Table,
    /// At least one changed word is unknown and its form was guessed from its ending: show
    /// the suggestion, but it deserves a look.
    Rule,
    /// Nothing was changed: English or other non-Cyrillic text, an empty string, or no
    /// nominative head found (the text may already be in the requested case, «главного
    /// бухгалтера», or start with an abbreviation such as «и. о.»). `text` is the input.
    Unchanged,
}

/// The grammatical case to put a title in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    /// Родительный: the title form («должностная инструкция главного бухгалтера»).
    Genitive,
    /// Дательный: whom the employee reports to («подчиняется главному бухгалтеру»).
    Dative,
}

/// The document's language, for [`title_form`] and [`reports_to`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Ru,
    En,
}

/// The Russian genitive of a position title in the nominative. Text without Cyrillic letters
/// (English) is returned unchanged.
pub fn genitive(nominative: &str) -> Inflected {
    inflect(nominative, Case::Genitive)
}

/// The Russian dative of a position title in the nominative. Text without Cyrillic letters
/// (English) is returned unchanged.
pub fn dative(nominative: &str) -> Inflected {
    inflect(nominative, Case::Dative)
}

/// [`genitive`] or [`dative`].
pub fn inflect(nominative: &str, case: Case) -> Inflected {
    phrase::inflect(nominative, case)
}

/// The suggested title form of a position: the genitive in Russian, the title case in
/// English (`source` is `Unchanged` there when the text already was in title case, `Rule`
/// otherwise).
pub fn title_form(position: &str, lang: Lang) -> Inflected {
    match lang {
        Lang::Ru => genitive(position),
        Lang::En => {
            let text = english_title_case(position);
            let source = if text == position {
                Source::Unchanged
            } else {
                Source::Rule
            };
            Inflected { text, source }
        }
    }
}

/// The suggested reports-to text from the superior's position in the nominative: the dative
/// in Russian; in English the position in title case («reports to the Chief Accountant»).
pub fn reports_to(superior: &str, lang: Lang) -> Inflected {
    match lang {
        Lang::Ru => dative(superior),
        Lang::En => title_form(superior, lang),
    }
}
