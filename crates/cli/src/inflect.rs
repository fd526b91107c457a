//! `jobdoc inflect NAME`: the suggested title form and reports-to text of a position, from
//! jobdoc-morph. Russian: the genitive on the first line, the dative on the second. English
//! (`--lang en`, or a name without Cyrillic letters when no `--lang` is given): the title case
//! on both lines.

use std::process::ExitCode;

use jobdoc_model::Language;
use jobdoc_morph::{self as morph, Lang, Source};

use crate::{print, Fatal};

pub fn run(name: &str, lang: Option<Language>) -> Result<ExitCode, Fatal> {
    if name.trim().is_empty() {
        return Err(Fatal::said(
            "inflect: название должности пусто; укажите его в именительном падеже, например \
             jobdoc inflect \"главный бухгалтер\""
                .into(),
            "inflect: the position name is empty; give it in the nominative, e.g. \
             jobdoc inflect \"chief accountant\""
                .into(),
        ));
    }
    if name.contains(['\n', '\r']) {
        return Err(Fatal::said(
            "inflect: название должности должно быть одной строкой".into(),
            "inflect: the position name must be one line".into(),
        ));
    }
    let lang = match lang {
        Some(Language::Ru) => Lang::Ru,
        Some(Language::En) => Lang::En,
        None if name.chars().any(|c| matches!(c, '\u{0400}'..='\u{04FF}')) => Lang::Ru,
        None => Lang::En,
    };
    let title = morph::title_form(name, lang);
    let reports = morph::reports_to(name, lang);
    print(&format!("{}\n{}\n", title.text, reports.text))?;
    if lang == Lang::Ru && (title.source == Source::Rule || reports.source == Source::Rule) {
        eprintln!("jobdoc: inflect: a word is not in the table; its form is a guess");
    }
    Ok(ExitCode::SUCCESS)
}
