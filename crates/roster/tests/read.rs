//! Employee lists as real HR systems export them: read, or refused naming the row and column.

use jobdoc_model::Language;
use jobdoc_roster::{read, RosterError};

fn names(bytes: &[u8], file: &str) -> Vec<String> {
    read(bytes, file)
        .unwrap_or_else(|e| panic!("{e}"))
        .rows
        .into_iter()
        .map(|r| r.member.name)
        .collect()
}

#[test]
fn windows_1251_with_semicolons_as_1c_writes_it() {
    let text = "Табельный номер;ФИО;Подразделение;Дата приема;Должность\r\n\
                0001;Иванова Анна Сергеевна;Бухгалтерия;15.03.2021;Бухгалтер\r\n\
                ;;;;\r\n\
                0002;Петров П. П.;Бухгалтерия;01.02.2019;Главный бухгалтер\r\n\
                Итого: 2;;;;\r\n";
    let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(text);
    let roster = read(&bytes, "1c.csv").unwrap();
    assert_eq!(
        roster.rows.len(),
        2,
        "the empty row and the footer are skipped"
    );
    let first = &roster.rows[0];
    assert_eq!(first.member.name, "Иванова Анна Сергеевна");
    assert_eq!(first.member.personnel_number, "0001");
    assert_eq!(first.member.department, "Бухгалтерия");
    assert_eq!(first.member.hired_on.unwrap().to_string(), "2021-03-15");
    assert_eq!(first.position, "Бухгалтер");
    assert_eq!(first.line, 2);
    // Initials only are a name as good as any.
    assert_eq!(roster.rows[1].member.name, "Петров П. П.");
    assert_eq!(roster.rows[1].line, 4);
}

#[test]
fn utf8_with_bom_commas_quotes_and_extra_columns() {
    let text = "\u{feff}\"Сотрудник\",\"Пол\",\"Таб. №\",\"Дата приёма на работу\"\n\
                \"Сидорова, Мария\",\"ж\",\"17\",\"2022-09-01\"\n\
                \"Кузнецов Олег\",\"м\",\"18\",\"\"\n";
    let roster = read(text.as_bytes(), "export.csv").unwrap();
    assert_eq!(
        roster
            .rows
            .iter()
            .map(|r| r.member.name.as_str())
            .collect::<Vec<_>>(),
        ["Сидорова, Мария", "Кузнецов Олег"]
    );
    assert_eq!(roster.rows[0].member.personnel_number, "17");
    assert_eq!(roster.rows[1].member.hired_on, None);
}

#[test]
fn tabs_and_the_name_in_three_columns() {
    let text =
        "Фамилия\tИмя\tОтчество\tОтдел\nИванов\tИван\tИванович\tСклад\nОрлова\tЕлена\t\tСклад\n";
    assert_eq!(
        names(text.as_bytes(), "list.txt"),
        ["Иванов Иван Иванович", "Орлова Елена"]
    );
}

#[test]
fn a_header_below_a_title_and_english_columns() {
    let text = "Список работников на 01.12.2026;;\n;;\nFull name;Department;Hire date\nJohn Smith;Sales;03/04/2020\n";
    let roster = read(text.as_bytes(), "en.csv").unwrap();
    assert_eq!(roster.rows[0].member.name, "John Smith");
    assert_eq!(
        roster.rows[0].member.hired_on.unwrap().to_string(),
        "2020-04-03"
    );
}

#[test]
fn problems_name_the_row_and_the_column_and_nothing_is_half_read() {
    let bad_date = "ФИО;Дата приема\nИванов И. И.;15.03.2021\nПетров П. П.;вчера\n";
    let err = read(bad_date.as_bytes(), "a.csv").unwrap_err();
    assert_eq!(
        err,
        RosterError::BadDate {
            file: "a.csv".into(),
            line: 3,
            column: "Дата приема".into(),
            value: "вчера".into()
        }
    );
    assert!(
        err.message(Language::Ru).contains("строка 3"),
        "{}",
        err.message(Language::Ru)
    );
    assert!(err.to_string().contains("row 3"));

    let duplicate = "ФИО;Табельный номер\nИванов И. И.;5\nИванова А. А.;6\nИванов Иван;5\n";
    let err = read(duplicate.as_bytes(), "b.csv").unwrap_err();
    assert!(
        matches!(
            err,
            RosterError::Duplicate {
                line: 4,
                first: 2,
                ..
            }
        ),
        "{err}"
    );
    let same_name = "ФИО\nИванов И. И.\nиванов и. и.\n";
    assert!(matches!(
        read(same_name.as_bytes(), "c.csv").unwrap_err(),
        RosterError::Duplicate {
            line: 3,
            first: 2,
            ..
        }
    ));

    let nameless = "ФИО;Табельный номер\nИванов И. И.;5\n;6\n";
    let err = read(nameless.as_bytes(), "d.csv").unwrap_err();
    assert!(
        matches!(err, RosterError::MissingName { line: 3, .. }),
        "{err}"
    );
    assert!(err.message(Language::Ru).contains("«ФИО»"));

    assert!(matches!(
        read(b"a;b;c\n1;2;3\n", "e.csv").unwrap_err(),
        RosterError::NoHeader { .. }
    ));
    assert!(matches!(
        read(b"  \n", "f.csv").unwrap_err(),
        RosterError::Empty { .. }
    ));
    assert!(matches!(
        read(b"\x00\x01\x02binary", "g.csv").unwrap_err(),
        RosterError::NotAList { .. }
    ));
}

#[test]
fn xlsx_with_several_sheets_and_merged_header_cells() {
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    let notes = book.add_worksheet().set_name("Пояснения").unwrap();
    notes.write(0, 0, "Выгрузка из 1С").unwrap();
    let staff = book.add_worksheet().set_name("Сотрудники").unwrap();
    staff
        .merge_range(0, 0, 0, 2, "Работник", &Format::new())
        .unwrap();
    staff.write(0, 3, "Подразделение").unwrap();
    for (c, t) in ["Фамилия", "Имя", "Отчество", ""].iter().enumerate() {
        staff.write(1, c as u16, *t).unwrap();
    }
    staff.write(2, 0, "Смирнова").unwrap();
    staff.write(2, 1, "Ольга").unwrap();
    staff.write(2, 2, "Петровна").unwrap();
    staff.write(2, 3, "Кадры").unwrap();
    staff.write(3, 0, "Волков").unwrap();
    staff.write(3, 1, "Денис").unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let roster = read(&bytes, "staff.xlsx").unwrap();
    assert_eq!(roster.sheet.as_deref(), Some("Сотрудники"));
    assert_eq!(
        roster
            .rows
            .iter()
            .map(|r| r.member.name.as_str())
            .collect::<Vec<_>>(),
        ["Смирнова Ольга Петровна", "Волков Денис"]
    );
    assert_eq!(roster.rows[0].line, 3);
}

#[test]
fn a_broken_xlsx_is_refused_with_its_name() {
    let err = read(b"PK\x03\x04not really a zip", "broken.xlsx").unwrap_err();
    assert!(matches!(err, RosterError::NotAList { .. }), "{err}");
    assert!(err.to_string().starts_with("broken.xlsx: "));
}
