//! `jobdoc compare OLD NEW [--json] [--pdf OUT] [--docx OUT]`: OLD and NEW are files, or
//! `FILE@EDITION` for an approved edition.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use jobdoc_compare::{changes_document, compare, list_kind, summary, ChangeKind, WordsKind};
use jobdoc_export::{ExportOptions, Format};
use jobdoc_layout::FontSet;
use jobdoc_model::resolve::resolve;
use jobdoc_model::Language;

use crate::editions::document_at;
use crate::{print, Fatal};

pub fn run(
    old: &str,
    new: &str,
    json: bool,
    pdf: Option<&Path>,
    docx: Option<&Path>,
    lang: Language,
) -> Result<ExitCode, Fatal> {
    let (a, a_name) = document_at(old)?;
    let (b, b_name) = document_at(new)?;
    // How each side is named in the printed list («редакция 2 в сравнении с редакцией 1»).
    let named = |spec: &str, shown: &str, instrumental: bool| -> String {
        match spec
            .rsplit_once('@')
            .and_then(|(_, n)| n.parse::<u32>().ok())
        {
            // The list is printed in the document's language, not the messages'.
            Some(n) => match (b.language, instrumental) {
                (Language::Ru, false) => format!("редакция {n}"),
                (Language::Ru, true) => format!("редакцией {n}"),
                (Language::En, _) => format!("edition {n}"),
            },
            None => shown.to_owned(),
        }
    };
    let (old_named, new_named) = (named(old, &a_name, true), named(new, &b_name, false));
    let c = compare(&a, &b);
    if json {
        print(&(serde_json::to_string_pretty(&c).expect("serialises") + "\n"))?;
    } else {
        let mut out = format!("{a_name} → {b_name}: {}\n", summary(&c, lang));
        for f in &c.fields {
            let label = if lang == Language::Ru {
                &f.label_ru
            } else {
                &f.label_en
            };
            out.push_str(&format!("  {label}: «{}» → «{}»\n", f.old, f.new));
        }
        for x in c.changes() {
            let (old_label, new_label) = (
                x.old.as_ref().map_or("—", |s| s.label.as_str()),
                x.new.as_ref().map_or("—", |s| s.label.as_str()),
            );
            let kind = match (x.kind, lang) {
                (ChangeKind::Changed, Language::Ru) => "изменён",
                (ChangeKind::Changed, Language::En) => "changed",
                (ChangeKind::Added, Language::Ru) => "добавлен",
                (ChangeKind::Added, Language::En) => "added",
                (ChangeKind::Removed, Language::Ru) => "исключён",
                (ChangeKind::Removed, Language::En) => "removed",
                (ChangeKind::Moved, Language::Ru) => "перемещён",
                (ChangeKind::Moved, Language::En) => "moved",
                (ChangeKind::MovedAndChanged, Language::Ru) => "перемещён и изменён",
                (ChangeKind::MovedAndChanged, Language::En) => "moved and changed",
                (ChangeKind::Unchanged, _) => continue,
            };
            out.push_str(&format!("{old_label} → {new_label} {kind}\n"));
            if x.words.is_empty() {
                let text = x
                    .new
                    .as_ref()
                    .or(x.old.as_ref())
                    .map_or("", |s| s.text.as_str());
                out.push_str(&format!("    {text}\n"));
            } else {
                let marked: String = x
                    .words
                    .iter()
                    .map(|w| match w.kind {
                        WordsKind::Same => w.text.clone(),
                        WordsKind::Removed => format!("[-{}-]", w.text),
                        WordsKind::Added => format!("{{+{}+}}", w.text),
                    })
                    .collect();
                out.push_str(&format!("    {marked}\n"));
            }
        }
        print(&out)?;
    }
    let targets: Vec<(Format, PathBuf)> = [(Format::Pdf, pdf), (Format::Docx, docx)]
        .into_iter()
        .filter_map(|(f, p)| p.map(|p| (f, p.to_path_buf())))
        .collect();
    if !targets.is_empty() {
        let list = changes_document(&c, &b, &old_named, &new_named);
        let mut resolved = resolve(&list);
        resolved.header.document_kind = list_kind(list.language).to_owned();
        let formats: Vec<Format> = targets.iter().map(|(f, _)| *f).collect();
        let exported = jobdoc_export::export_resolved(
            &resolved,
            &ExportOptions {
                formats: &formats,
                created: b.meta.modified,
                fonts: FontSet::bundled(),
                conformance: jobdoc_export::Conformance::Plain,
            },
        )
        .map_err(|e| Fatal::after((&format!("{new}: "), &format!("{new}: ")), &e))?;
        jobdoc_export::write_files(&exported, &targets)?;
    }
    Ok(ExitCode::SUCCESS)
}
