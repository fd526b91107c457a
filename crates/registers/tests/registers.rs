//! The registers read back from the XLSX with calamine.

use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Reader, Xlsx};
use jobdoc_model::{templates, Acknowledged, Approval, Edition, IsoDate, StaffMember, Timestamp};
use jobdoc_registers::{acknowledgements, registration_log, to_xlsx};

fn d(s: &str) -> IsoDate {
    s.parse().unwrap()
}

fn t(s: &str) -> Timestamp {
    s.parse().unwrap()
}

fn cells(bytes: &[u8]) -> Vec<Vec<String>> {
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes.to_vec())).unwrap();
    let name = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&name).unwrap();
    range
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Data::String(s) => s.clone(),
                    Data::Empty => String::new(),
                    other => other.to_string(),
                })
                .collect()
        })
        .collect()
}

#[test]
fn the_acknowledgement_register_of_the_latest_edition() {
    let mut doc = templates::load("ru-sales-manager").unwrap().unwrap();
    let order = |n: &str, on: &str| Approval::Order {
        number: n.into(),
        date: Some(d(on)),
    };
    doc.editions.push(Edition::freeze(
        &doc,
        1,
        d("2026-01-15"),
        order("5-к", "2026-01-15"),
        t("2026-01-15T10:00:00Z"),
    ));
    doc.editions.push(Edition::freeze(
        &doc,
        2,
        d("2026-03-01"),
        order("9-к", "2026-03-01"),
        t("2026-03-01T10:00:00Z"),
    ));
    doc.staff = vec![
        StaffMember {
            id: "e1".into(),
            name: "Иванова Анна Сергеевна".into(),
            personnel_number: "17".into(),
            department: "Продажи".into(),
            hired_on: Some(d("2020-02-03")),
        },
        StaffMember {
            id: "e2".into(),
            name: "Петров Пётр Петрович".into(),
            personnel_number: "18".into(),
            department: "Продажи".into(),
            hired_on: Some(d("2021-05-10")),
        },
    ];
    doc.acknowledged = vec![
        Acknowledged {
            employee: "e1".into(),
            edition: 1,
            date: d("2026-01-16"),
        },
        Acknowledged {
            employee: "e1".into(),
            edition: 2,
            date: d("2026-03-03"),
        },
        Acknowledged {
            employee: "e2".into(),
            edition: 1,
            date: d("2026-01-20"),
        },
    ];
    let table = acknowledgements(&doc, d("2026-03-20"));
    assert_eq!(
        table.subtitle,
        "менеджер по продажам, редакция 2 от 01.03.2026"
    );
    assert_eq!(table.rows[0][5], "03.03.2026");
    assert_eq!(table.rows[0][7], "ознакомлен(а)");
    assert_eq!(table.rows[1][5], "");
    assert_eq!(table.rows[1][6], "1");
    assert_eq!(table.rows[1][7], "просрочено с 15.03.2026");

    let bytes = to_xlsx(&table, t("2026-03-20T09:00:00Z")).unwrap();
    assert_eq!(
        bytes,
        to_xlsx(&table, t("2026-03-20T09:00:00Z")).unwrap(),
        "same table, same bytes"
    );
    let read = cells(&bytes);
    assert_eq!(read[0][0], "Журнал ознакомления с должностной инструкцией");
    assert_eq!(read[1][0], "менеджер по продажам, редакция 2 от 01.03.2026");
    assert_eq!(read[3][1], "Фамилия, имя, отчество");
    assert_eq!(read[4][1], "Иванова Анна Сергеевна");
    assert_eq!(read[5][7], "просрочено с 15.03.2026");
}

#[test]
fn the_registration_log_of_a_set_of_documents() {
    let mut a = templates::load("ru-sales-manager").unwrap().unwrap();
    a.registration.number = "12".into();
    a.registration.date = Some(d("2026-01-10"));
    a.editions.push(Edition::freeze(
        &a,
        1,
        d("2026-01-15"),
        Approval::Order {
            number: "5-к".into(),
            date: Some(d("2026-01-15")),
        },
        t("2026-01-15T10:00:00Z"),
    ));
    let b = templates::load("ru-client-manager").unwrap().unwrap();
    let (pa, pb) = (
        Path::new("/share/sales.jobdoc"),
        Path::new("/share/clients.jobdoc"),
    );
    let table = registration_log(&[(pa, &a), (pb, &b)], jobdoc_model::Language::Ru);
    assert_eq!(
        table.rows[0][1..7],
        [
            "10.01.2026",
            "12",
            "менеджер по продажам",
            "Отдел оптовых продаж",
            "1",
            "приказ от 15.01.2026 № 5-к"
        ]
    );
    assert_eq!(table.rows[0][7], "sales.jobdoc");
    assert_eq!(table.rows[1][5], "", "never approved in Jobdoc");
    let read = cells(&to_xlsx(&table, t("2026-03-20T09:00:00Z")).unwrap());
    assert_eq!(read[0][0], "Журнал регистрации должностных инструкций");
    assert_eq!(read[3][3], "менеджер по продажам");
}
