//! `jobdoc inflect NAME`: the genitive and the dative of a position (title case in English).

use std::process::Output;

mod support;

use support::jobdoc;

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn prints_the_genitive_then_the_dative() {
    let o = jobdoc(&["inflect", "Главный бухгалтер"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), "Главного бухгалтера\nГлавному бухгалтеру\n");
    assert_eq!(stderr(&o), "");
    let o = jobdoc(&["inflect", "менеджер по работе с ключевыми клиентами"]);
    assert_eq!(
        stdout(&o),
        "менеджера по работе с ключевыми клиентами\nменеджеру по работе с ключевыми клиентами\n"
    );
}

#[test]
fn russian_regardless_of_the_message_language() {
    // LANG is English here; the Cyrillic name decides.
    let o = jobdoc(&["inflect", "заведующий складом"]);
    assert_eq!(stdout(&o), "заведующего складом\nзаведующему складом\n");
    let o = jobdoc(&["--lang", "ru", "inflect", "инженер-технолог"]);
    assert_eq!(stdout(&o), "инженера-технолога\nинженеру-технологу\n");
}

#[test]
fn a_guessed_form_is_noted_on_stderr() {
    let o = jobdoc(&["inflect", "грильщик"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), "грильщика\nгрильщику\n");
    assert!(stderr(&o).contains("guess"), "{}", stderr(&o));
    assert_eq!(stderr(&o).lines().count(), 1);
}

#[test]
fn english_gives_the_title_case() {
    let o = jobdoc(&["inflect", "key account manager", "--lang", "en"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), "Key Account Manager\nKey Account Manager\n");
    // Without --lang, a name without Cyrillic letters is English.
    let o = jobdoc(&["inflect", "head of sales"]);
    assert_eq!(stdout(&o), "Head of Sales\nHead of Sales\n");
}

#[test]
fn an_empty_name_fails_with_one_line() {
    for name in ["", "   "] {
        let o = jobdoc(&["inflect", name]);
        assert_eq!(o.status.code(), Some(2));
        assert_eq!(stdout(&o), "");
        let err = stderr(&o);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains("empty"), "{err}");
        assert!(!err.contains("panicked"), "{err}");
    }
    let o = jobdoc(&["inflect", "главный\nбухгалтер"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("one line"));
}

#[test]
fn a_missing_name_is_a_usage_error() {
    let o = jobdoc(&["inflect"]);
    assert_eq!(o.status.code(), Some(2));
}

/// The suggestion agrees with the title form written in the built-in templates (at least
/// 98 % of them; every difference is printed).
#[test]
fn suggestions_match_the_built_in_templates() {
    let mut total = 0;
    let mut differ = Vec::new();
    for id in jobdoc_model::templates::ids() {
        let doc = jobdoc_model::templates::load(id).unwrap().unwrap();
        let lang = match doc.language {
            jobdoc_model::Language::Ru => jobdoc_morph::Lang::Ru,
            jobdoc_model::Language::En => jobdoc_morph::Lang::En,
        };
        let p = &doc.position;
        let suggested = jobdoc_morph::title_form(&p.name, lang).text;
        total += 1;
        if suggested != p.title_form {
            differ.push(format!(
                "{id}: «{}» → «{suggested}», template has «{}»",
                p.name, p.title_form
            ));
        }
    }
    for d in &differ {
        println!("differs: {d}");
    }
    assert!(total > 0);
    assert!(
        differ.len() * 50 <= total,
        "{} of {total} differ:\n{}",
        differ.len(),
        differ.join("\n")
    );
}
