//! Any text: no panic, same result every time, non-Cyrillic text untouched, and only whole
//! words change (the text between words is kept byte for byte).

use jobdoc_morph::{dative, english_title_case, genitive, Source};
use proptest::prelude::*;

fn separators(s: &str) -> Vec<String> {
    s.split(|c: char| c.is_alphanumeric())
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect()
}

proptest! {
    #[test]
    fn any_text(s in "\\PC{0,40}") {
        let g = genitive(&s);
        prop_assert_eq!(&g, &genitive(&s));
        let _ = dative(&s);
        let _ = english_title_case(&s);
        if !s.chars().any(|c| matches!(c, '\u{0400}'..='\u{04FF}')) {
            prop_assert_eq!(g.source, Source::Unchanged);
        }
        if g.source == Source::Unchanged {
            prop_assert_eq!(&g.text, &s);
        }
    }

    #[test]
    fn title_like_text(
        words in prop::collection::vec(
            prop::sample::select(vec![
                "главный", "Старшая", "бухгалтер", "сестра", "по", "с", "отдела", "складом",
                "инженер-технолог", "SMM-менеджер", "(цех", "№2)", ",", "—", "грильщик",
                "береговой", "ГЛАВНЫЙ", "контролёр", "1С", "и.", "о.", "шеф-повар", "ая",
            ]),
            0..7,
        ),
        spaces in prop::collection::vec(prop::sample::select(vec![" ", "  ", "\u{a0}", " - "]), 7),
    ) {
        let mut s = String::new();
        for (w, sp) in words.iter().zip(&spaces) {
            s.push_str(w);
            s.push_str(sp);
        }
        for r in [genitive(&s), dative(&s)] {
            prop_assert_eq!(separators(&r.text), separators(&s), "{} -> {}", s, r.text);
            prop_assert_eq!(
                r.text.split_whitespace().count(),
                s.split_whitespace().count()
            );
        }
    }
}
