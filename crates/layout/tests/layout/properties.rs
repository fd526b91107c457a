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
