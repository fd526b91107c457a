// Shared by the import targets (included with `include!`): what every import must satisfy.

/// The invariants of a successful import: the document saves and loads back unchanged, and
/// every clause's text is non-empty.
fn check(imported: jobdoc_import::Imported) {
    let doc = imported.document;
    let path = std::path::Path::new("fuzz.jobdoc");
    let saved = jobdoc_model::file::to_bytes(&doc);
    let again = jobdoc_model::file::from_bytes(&saved, path).expect("an imported document loads");
    assert_eq!(doc, again, "save → load changed the imported document");
    for (_, c) in doc.clauses() {
        assert!(
            !c.plain_text().trim().is_empty(),
            "an empty clause was made"
        );
    }
}

fn options() -> jobdoc_import::ImportOptions {
    let mut o = jobdoc_import::ImportOptions::new("fuzz", jobdoc_model::Timestamp::from_unix(0));
    o.no_office = true;
    o
}

/// Splits the input at `\0\0` into up to three parts.
#[allow(dead_code)]
fn parts(data: &[u8]) -> Vec<&[u8]> {
    let mut out = Vec::new();
    let mut rest = data;
    while out.len() < 2 {
        match rest.windows(2).position(|w| w == b"\0\0") {
            Some(i) => {
                out.push(&rest[..i]);
                rest = &rest[i + 2..];
            }
            None => break,
        }
    }
    out.push(rest);
    out
}
