//! The registers as PDF, judged by real readers: `qpdf --check` accepts the file, `pdftotext`
//! reads every name back, and a long register repeats its header on every landscape page.

use std::path::Path;
use std::process::Command;

use jobdoc_model::{templates, Approval, Edition, IsoDate, Language, StaffMember, Timestamp};
use jobdoc_registers::{acknowledgements, registration_log, to_pdf};

fn d(s: &str) -> IsoDate {
    s.parse().unwrap()
}

fn t(s: &str) -> Timestamp {
    s.parse().unwrap()
}

/// `pdftotext -layout` of the file, or `None` (with a note) when poppler is not installed.
fn text_of(pdf: &Path) -> Option<String> {
    let out = Command::new("pdftotext")
        .arg("-layout")
        .arg(pdf)
        .arg("-")
        .output()
        .ok()?;
    assert!(out.status.success(), "pdftotext failed");
    Some(String::from_utf8(out.stdout).unwrap())
}

fn qpdf_check(pdf: &Path) {
    match Command::new("qpdf").arg("--check").arg(pdf).output() {
        Ok(out) => assert!(
            out.status.success(),
            "qpdf --check: {}",
            String::from_utf8_lossy(&out.stdout)
        ),
        Err(_) => eprintln!("qpdf is not installed: not checked"),
    }
}

fn page_sizes(pdf: &Path) -> Vec<(f64, f64)> {
    let Ok(out) = Command::new("pdfinfo")
        .args(["-f", "1", "-l", "999"])
        .arg(pdf)
        .output()
    else {
        return Vec::new();
    };
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| l.contains("size:"))
        .filter_map(|l| {
            let nums: Vec<f64> = l
                .split_whitespace()
                .filter_map(|w| w.parse().ok())
                .collect();
            (nums.len() >= 3).then(|| (nums[1], nums[2]))
        })
        .collect()
}

#[test]
fn the_acknowledgement_register_as_pdf_names_every_employee_on_landscape_pages() {
    let mut doc = templates::load("ru-sales-manager").unwrap().unwrap();
    doc.editions.push(Edition::freeze(
        &doc,
        1,
        d("2026-01-15"),
        Approval::Order {
            number: "5-к".into(),
            date: Some(d("2026-01-15")),
        },
        t("2026-01-15T10:00:00Z"),
    ));
    doc.staff = (1..=60)
        .map(|i| StaffMember {
            id: format!("e{i}"),
            name: format!("Сотрудникова Анна {i}"),
            personnel_number: format!("{}", 100 + i),
            department: "Отдел продаж".into(),
            hired_on: Some(d("2020-02-03")),
        })
        .collect();
    let table = acknowledgements(&doc, d("2026-03-01"));
    let bytes = to_pdf(&table, Language::Ru, t("2026-03-01T10:00:00Z")).unwrap();
    assert_eq!(
        bytes,
        to_pdf(&table, Language::Ru, t("2026-03-01T10:00:00Z")).unwrap(),
        "same table, same bytes"
    );
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("register.pdf");
    std::fs::write(&file, &bytes).unwrap();
    qpdf_check(&file);
    let sizes = page_sizes(&file);
    assert!(sizes.len() >= 2, "60 employees take more than one page");
    for (w, h) in &sizes {
        assert!(w > h, "landscape: {w} x {h}");
    }
    let Some(text) = text_of(&file) else {
        eprintln!("pdftotext is not installed: text not checked");
        return;
    };
    assert!(text.contains("Журнал ознакомления с должностной инструкцией"));
    for i in 1..=60 {
        assert!(
            text.contains(&format!("Сотрудникова Анна {i} "))
                || text.contains(&format!("Сотрудникова Анна {i}\n")),
            "employee {i} is printed"
        );
    }
    assert!(text.contains("просрочено с 29.01.2026"));
    let pages: Vec<&str> = text
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .collect();
    for p in &pages {
        assert!(p.contains("Фамилия, имя, отчество"), "header on every page");
    }
}

#[test]
fn the_registration_log_as_pdf() {
    let a = templates::load("ru-sales-manager").unwrap().unwrap();
    let b = templates::load("en-sales-manager").unwrap().unwrap();
    let docs = [(Path::new("a.jobdoc"), &a), (Path::new("b.jobdoc"), &b)];
    let table = registration_log(&docs, Language::En);
    let bytes = to_pdf(&table, Language::En, t("2026-03-01T10:00:00Z")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("log.pdf");
    std::fs::write(&file, &bytes).unwrap();
    qpdf_check(&file);
    let Some(text) = text_of(&file) else {
        return;
    };
    assert!(text.contains("Register of job descriptions"));
    assert!(text.contains("a.jobdoc") && text.contains("b.jobdoc"));
    assert!(text.contains(a.position.name.split_whitespace().next().unwrap()));
}
