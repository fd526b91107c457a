//! The plain export (PDF/A off) is byte for byte what it was before the archival export was
//! added: SHA-256 of the PDF of the ten templates of the time and of two generated documents,
//! pinned.
//!
//! The figures were taken from `main` at 92ccf99, before the layout learned to tag its spans
//! and the writer to write PDF/A. A deliberate change of the plain output (layout, fonts,
//! writer) changes them: print the new ones with
//! `JOBDOC_PRINT_HASHES=1 cargo test -p jobdoc-pdf --test plain_unchanged -- --nocapture`
//! and review the diff of this file like any other output change.

use jobdoc_layout::FontSet;
use jobdoc_model::resolve::resolve;
use jobdoc_model::{generate, templates, Document, Language};
use jobdoc_pdf::{write_pdf, PdfOptions};
use sha2::{Digest, Sha256};

const PINNED: &[(&str, &str)] = &[
    (
        "en-client-manager",
        "a08ffc66ab65a724205666ec7e77d0f0b0b0ca98c567dcdb1a3c37466210418e",
    ),
    (
        "en-corporate-clients-manager",
        "dbc41e2d7bbd235b3dcf78b788ea88c95f8ee829063043890b3e29522e3a9aee",
    ),
    (
        "en-key-account-manager",
        "fbc1e031e01e44d03f08aa20986ca92bcc0032b57395658707f691b5f8b7c634",
    ),
    (
        "en-sales-manager",
        "dca3e554d4379c8cbe7b37827aa33f7a5f56c5fe988bc463158bdf10423af9a7",
    ),
    (
        "en-service-client-manager",
        "80e368cb66a0200f5bad9b6a5743582f9be7d9f2e0aa726b772f6ba9bfa236ff",
    ),
    (
        "ru-client-manager",
        "cdfd693841c39a548996aa7abaad5f081c9319065ef58556d3c33da906ed01df",
    ),
    (
        "ru-corporate-clients-manager",
        "9489184eb09f2f690c22836531e1e47600fd48cf2a2f3eb9ad0105d02db28374",
    ),
    (
        "ru-key-account-manager",
        "134df5c44110162af1a91b31f9ed7b724eb6557dc3ee609926391d07437455b3",
    ),
    (
        "ru-sales-manager",
        "46272a69e19aa86c0fe1c410b37defab7ab58d6e6c71eeac103d82d269851f06",
    ),
    (
        "ru-service-client-manager",
        "c3469cd0e391dfbeae8c3e79488fea0c0e81003691d4552b4ae586ef7b3eb7df",
    ),
    (
        "generated-ru-60-1",
        "dacc8342252dfb6743bbac162295b818303123019cfac6e67f2763145ae6aa86",
    ),
    (
        "generated-en-60-2",
        "638b983d93edba0aa75e255ad7378d2f8947a7a26060a68676226948b30cde44",
    ),
];

fn documents() -> Vec<(String, Document)> {
    let mut docs: Vec<(String, Document)> = templates::ids()
        .map(|id| {
            let doc = templates::load(id)
                .expect("a listed template")
                .expect("a template parses");
            (id.to_owned(), doc)
        })
        .collect();
    docs.push((
        "generated-ru-60-1".into(),
        generate::document(60, 1, Language::Ru),
    ));
    docs.push((
        "generated-en-60-2".into(),
        generate::document(60, 2, Language::En),
    ));
    docs
}

#[test]
fn the_plain_export_is_unchanged() {
    let options = PdfOptions {
        created: "2026-01-15T09:30:00Z".parse().unwrap(),
        fonts: FontSet::bundled(),
        conformance: jobdoc_pdf::Conformance::Plain,
    };
    let docs = documents();
    let mut got = Vec::new();
    for (name, pinned) in PINNED {
        // Templates added later have no earlier output to compare with; a pinned one that
        // disappeared (renamed, removed) is a failure: re-pin deliberately.
        let doc = &docs
            .iter()
            .find(|(n, _)| n == name)
            .unwrap_or_else(|| panic!("{name}: no such document any more"))
            .1;
        let pdf = write_pdf(&resolve(doc), &options).expect("the export succeeds");
        let hex: String = Sha256::digest(&pdf.bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        got.push((name, hex, pinned));
    }
    if std::env::var_os("JOBDOC_PRINT_HASHES").is_some() {
        for (name, hex, _) in &got {
            println!("    (\"{name}\", \"{hex}\"),");
        }
    }
    for (name, hex, pinned) in got {
        assert_eq!(&hex, pinned, "{name}: the plain PDF changed");
    }
}
