//! Writes a Typst source of the same document, for the speed comparison the issue asks for
//! ("the medians next to Typst … producing a comparable document in the same run").
//!
//! `cargo run --release -p jobdoc-pdf --example typst_source -- instruction:1000 /tmp/doc.typ /tmp/doc.jobdoc`
//! `typst compile --font-path fonts --ignore-system-fonts /tmp/doc.typ /tmp/doc.pdf`
//! `jobdoc export /tmp/doc.jobdoc --pdf /tmp/doc.pdf` (the optional third argument writes the
//! document itself, for timing the whole `jobdoc` process on the same text)
//!
//! The Typst document prints the same strings as the PDF export (they come from the same
//! `resolve`) with the same page settings: A4, the document's margins, Liberation Serif at the
//! document's size, justified text with a 1.25 cm first-line indent and Russian or English
//! hyphenation, page numbers from page 2 centred at the top, the header requisites and approval
//! stamp side by side, section headings, clauses, signatures and the acknowledgement sheet as a
//! table. It is comparable in content and typographic work, not a replica of every rule of our
//! layout (widow/orphan control, keep-with-next are Typst's own).

use std::fmt::Write as _;

use jobdoc_model::resolve::{resolve, ApprovalBlock, SignatureRow};
use jobdoc_model::{generate, templates, Language};

/// A Typst string literal.
fn s(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn signature(out: &mut String, row: &SignatureRow) {
    let _ = writeln!(
        out,
        "#grid(columns: (1fr, 4cm, 1fr), align: (left, center, right), column-gutter: 0.5em,\n  \
         {}, {{ {} + linebreak() + text(size: 9pt, {}) }}, {})",
        s(&row.position),
        s(&row.signature_line),
        s(&row.signature_caption),
        s(&row.name)
    );
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (what, out_path, jobdoc_path) = match args.as_slice() {
        [what, out] => (what, out, None),
        [what, out, jobdoc] => (what, out, Some(jobdoc)),
        _ => {
            return Err(
                "usage: typst_source TEMPLATE-ID|generate:N|instruction:N OUT.typ [OUT.jobdoc]"
                    .into(),
            )
        }
    };
    let doc = if let Some(n) = what.strip_prefix("generate:") {
        generate::document(n.parse()?, 1, Language::Ru)
    } else if let Some(n) = what.strip_prefix("instruction:") {
        generate::instruction(n.parse()?, 1)
    } else {
        templates::load(what).ok_or("no such template")??
    };
    if let Some(path) = jobdoc_path {
        jobdoc_model::file::save(&doc, std::path::Path::new(path))?;
    }
    let r = resolve(&doc);
    let m = &r.geometry.margins_mm;
    let lang = match r.language {
        Language::Ru => "ru",
        Language::En => "en",
    };
    let size = r.geometry.font_size_pt;
    let mut t = String::new();
    let _ = writeln!(
        t,
        "#set page(paper: \"a4\", margin: (left: {}mm, right: {}mm, top: {}mm, bottom: {}mm),\n  \
         header: context {{ if counter(page).get().first() > 1 {{ align(center, counter(page).display()) }} }})",
        m.left, m.right, m.top, m.bottom
    );
    let _ = writeln!(
        t,
        "#set text(font: \"Liberation Serif\", size: {size}pt, lang: \"{lang}\", hyphenate: true)"
    );
    let _ = writeln!(
        t,
        "#set par(justify: true, leading: {:.2}em, spacing: {:.2}em, first-line-indent: (amount: 1.25cm, all: true))",
        // Typst's line box runs from the cap height to the baseline (~0.66 em of Liberation
        // Serif); single spacing is ~1.15 em from baseline to baseline.
        1.15 * r.geometry.line_spacing - 0.66,
        1.15 * r.geometry.line_spacing - 0.66
    );

    // Header requisites (left) and the approval stamp (right).
    let mut left = String::new();
    for line in &r.header.organisation {
        let _ = write!(left, "{} + linebreak() + ", s(line));
    }
    let _ = write!(
        left,
        "v(0.5em) + strong({}) + linebreak() + {} + linebreak() + {}",
        s(&r.header.document_kind),
        s(&r.header.registration),
        s(&r.header.place)
    );
    let right = match &r.approval {
        ApprovalBlock::Stamp {
            heading,
            position,
            signature_line,
            name,
            date,
        } => format!(
            "{} + linebreak() + {} + linebreak() + {} + \" \" + {} + linebreak() + {}",
            s(heading),
            s(position),
            s(signature_line),
            s(name),
            s(date)
        ),
        ApprovalBlock::Order { heading, text } => {
            format!("{} + linebreak() + {}", s(heading), s(text))
        }
    };
    let _ = writeln!(
        t,
        "#set par(first-line-indent: 0pt, justify: false)\n#grid(columns: (1fr, 8cm), column-gutter: 1cm,\n  \
         align(center, {{ set text(size: {size}pt); {left} }}),\n  {{ {right} }})"
    );
    let _ = writeln!(
        t,
        "#v(1em)\n#align(center, strong({}))\n#set par(justify: true, first-line-indent: (amount: 1.25cm, all: true))",
        s(&r.title)
    );
    for section in &r.sections {
        let _ = writeln!(
            t,
            "#block(sticky: true, above: 1em, below: 0.6em, width: 100%, align(center, strong({} + \" \" + {})))",
            s(&section.label),
            s(&section.heading)
        );
        for clause in &section.clauses {
            let _ = writeln!(
                t,
                "#par({} + \" \" + {})",
                s(&clause.label),
                s(&clause.text)
            );
        }
    }
    let _ = writeln!(
        t,
        "#v(1.5em)\n#set par(first-line-indent: 0pt, justify: false)"
    );
    signature(&mut t, &r.author);
    for visa in &r.visas {
        let _ = writeln!(t, "#v(1em)\n#text({})", s(&visa.heading));
        signature(&mut t, &visa.row);
        let _ = writeln!(t, "#text({})", s(&visa.date));
    }
    if let Some(mark) = &r.mark {
        let _ = writeln!(t, "#v(1em)\n#text({})", s(&mark.text));
        signature(&mut t, &mark.row);
        let _ = writeln!(t, "#text({})", s(&mark.date));
    }
    if let Some(sheet) = &r.sheet {
        let _ = writeln!(
            t,
            "#pagebreak()\n#align(center, strong({}) + linebreak() + {})",
            s(&sheet.title),
            s(&sheet.subtitle)
        );
        let _ = write!(
            t,
            "#table(columns: (1.4cm, 1fr, 1fr, 2.6cm, 2.2cm), align: center,\n  table.header("
        );
        for c in &sheet.columns {
            let _ = write!(t, "text(size: 10pt, strong({})), ", s(c));
        }
        t.push_str("),\n");
        for row in &sheet.rows {
            t.push_str("  ");
            for cell in row {
                let _ = write!(t, "text(size: 10pt, {}), ", s(cell));
            }
            t.push('\n');
        }
        t.push_str(")\n");
    }
    std::fs::write(out_path, t)?;
    Ok(())
}
