//! Generated documents of several sizes and seeds: every clause's words come out in order and
//! nothing crosses the margins.

use super::*;
use jobdoc_model::generate;

/// Letters and digits only: line breaks, hyphens and spacing do not matter.
fn alnum(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).collect()
}

#[test]
fn every_clause_appears_in_order_and_inside_the_margins() {
    for language in [Language::Ru, Language::En] {
        for (clauses, seed) in [(6, 1), (25, 2), (80, 3), (200, 4), (450, 5)] {
            let doc = generate::document(clauses, seed, language);
            let resolved = jobdoc_model::resolve::resolve(&doc);
            let pages = run(&doc);
            super::furniture::assert_inside_margins(&doc, &pages);
            assert!(pages.warnings.is_empty());
            let body: String = pages
                .pages
                .iter()
                .flat_map(|p| body_lines(&doc, p))
                .map(line_text)
                .collect::<Vec<_>>()
                .join(" ");
            let stream = alnum(&body);
            let mut at = 0;
            for section in &resolved.sections {
                let heading = alnum(&format!("{} {}", section.label, section.heading));
                at += stream[at..].find(&heading).unwrap_or_else(|| {
                    panic!(
                        "{language:?} {clauses}/{seed}: heading {} missing",
                        section.label
                    )
                });
                for clause in &section.clauses {
                    let want = alnum(&format!("{} {}", clause.label, clause.text));
                    let found = stream[at..].find(&want).unwrap_or_else(|| {
                        panic!(
                            "{language:?} {clauses}/{seed}: clause {} missing or out of order",
                            clause.label
                        )
                    });
                    at += found + want.len();
                }
            }
        }
    }
}

mod arbitrary {
    use super::*;
    use proptest::prelude::*;

    /// Text mixing words, spaces, tabs, line breaks, soft hyphens, zero-width spaces, dashes,
    /// quotes, characters the font lacks, control characters and very long runs.
    fn texty() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            Just("слово ".to_owned()),
            Just("обязанности ".to_owned()),
            Just("Организации ".to_owned()),
            Just("responsibilities ".to_owned()),
            Just(" — ".to_owned()),
            Just("\u{a0}— ".to_owned()),
            Just("«в кавычках» ".to_owned()),
            Just("\n".to_owned()),
            Just("\t".to_owned()),
            Just("\u{ad}".to_owned()),
            Just("\u{200b}".to_owned()),
            Just("₽🙂\u{2011}".to_owned()),
            Just("\u{7}\u{1b}".to_owned()),
            "[a-zа-я]{1,80}",
            any::<char>().prop_map(String::from),
        ];
        prop::collection::vec(piece, 0..60).prop_map(|v| v.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]
        #[test]
        fn any_text_lays_out_inside_the_margins(
            texts in prop::collection::vec(texty(), 1..6),
            size in 12.0f64..=14.0,
            spacing in 1.0f64..=1.5,
        ) {
            let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
            let mut doc = doc_with(Language::Ru, &refs);
            doc.page.font_size_pt = size;
            doc.page.line_spacing = spacing;
            // A position taller than a page cannot fit anywhere: keep it to a few lines.
            doc.signatures.author.position = texts[0].chars().take(300).collect();
            let pages = run(&doc);
            super::super::furniture::assert_inside_margins(&doc, &pages);
            prop_assert_eq!(&pages, &run(&doc));
        }
    }
}
