//! The native menu (File, Edit, View, Help). Every custom item sends its id to the UI as a
//! `menu` event; the UI runs the same action as the keyboard shortcut shown beside it.

use jobdoc_model::Language;
use tauri::menu::{Menu, MenuItemBuilder, PredefinedMenuItem, Submenu, SubmenuBuilder};
use tauri::{AppHandle, Runtime};

/// (id, English, Russian, accelerator)
type Item = (
    &'static str,
    &'static str,
    &'static str,
    Option<&'static str>,
);

const FILE: &[Item] = &[
    ("new", "New…", "Создать…", Some("CmdOrCtrl+N")),
    ("open", "Open…", "Открыть…", Some("CmdOrCtrl+O")),
    ("import", "Import…", "Импорт…", None),
    ("", "", "", None),
    ("save", "Save", "Сохранить", Some("CmdOrCtrl+S")),
    (
        "save-as",
        "Save As…",
        "Сохранить как…",
        Some("CmdOrCtrl+Shift+S"),
    ),
    ("", "", "", None),
    ("export", "Export…", "Экспорт…", Some("CmdOrCtrl+E")),
    ("print", "Print…", "Печать…", Some("CmdOrCtrl+P")),
    ("", "", "", None),
    (
        "close-document",
        "Close Document",
        "Закрыть документ",
        Some("CmdOrCtrl+W"),
    ),
    ("quit", "Quit", "Выход", Some("CmdOrCtrl+Q")),
];

const VIEW: &[Item] = &[
    ("toggle-preview", "Preview", "Просмотр", None),
    ("toggle-diagnostics", "Problems", "Замечания", None),
    (
        "toggle-clauses",
        "Clause Library",
        "Библиотека пунктов",
        Some("CmdOrCtrl+Shift+K"),
    ),
    ("", "", "", None),
    ("zoom-in", "Zoom In", "Увеличить", Some("CmdOrCtrl+=")),
    ("zoom-out", "Zoom Out", "Уменьшить", Some("CmdOrCtrl+-")),
    (
        "zoom-reset",
        "Actual Size",
        "Реальный размер",
        Some("CmdOrCtrl+0"),
    ),
    ("", "", "", None),
    ("lang-ru", "Русский интерфейс", "Русский интерфейс", None),
    ("lang-en", "English Interface", "English Interface", None),
];

const HELP: &[Item] = &[
    ("shortcuts", "Keyboard Shortcuts", "Сочетания клавиш", None),
    ("about", "About Jobdoc", "О программе Jobdoc", None),
];

fn submenu<R: Runtime>(
    app: &AppHandle<R>,
    title: &str,
    items: &[Item],
    ru: bool,
) -> tauri::Result<Submenu<R>> {
    let mut builder = SubmenuBuilder::new(app, title);
    for &(id, en, ru_label, accel) in items {
        if id.is_empty() {
            builder = builder.separator();
            continue;
        }
        let mut item = MenuItemBuilder::with_id(id, if ru { ru_label } else { en });
        if let Some(a) = accel {
            item = item.accelerator(a);
        }
        builder = builder.item(&item.build(app)?);
    }
    builder.build()
}

/// Builds the menu in the UI language and installs it on the app.
pub fn install<R: Runtime>(app: &AppHandle<R>, language: Language) -> tauri::Result<()> {
    let ru = language == Language::Ru;
    let t = |en: &'static str, r: &'static str| if ru { r } else { en };
    let file = submenu(app, t("File", "Файл"), FILE, ru)?;
    let undo = MenuItemBuilder::with_id("undo", t("Undo", "Отменить"))
        .accelerator("CmdOrCtrl+Z")
        .build(app)?;
    let redo = MenuItemBuilder::with_id("redo", t("Redo", "Повторить"))
        .accelerator("CmdOrCtrl+Shift+Z")
        .build(app)?;
    let edit = SubmenuBuilder::new(app, t("Edit", "Правка"))
        .item(&undo)
        .item(&redo)
        .separator()
        .item(&PredefinedMenuItem::cut(app, Some(t("Cut", "Вырезать")))?)
        .item(&PredefinedMenuItem::copy(
            app,
            Some(t("Copy", "Копировать")),
        )?)
        .item(&PredefinedMenuItem::paste(
            app,
            Some(t("Paste", "Вставить")),
        )?)
        .item(&PredefinedMenuItem::select_all(
            app,
            Some(t("Select All", "Выделить всё")),
        )?)
        .separator()
        .item(
            &MenuItemBuilder::with_id("find", t("Find…", "Найти…"))
                .accelerator("CmdOrCtrl+F")
                .build(app)?,
        )
        .item(
            &MenuItemBuilder::with_id("replace", t("Replace…", "Заменить…"))
                .accelerator("CmdOrCtrl+H")
                .build(app)?,
        )
        .build()?;
    let view = submenu(app, t("View", "Вид"), VIEW, ru)?;
    let help = submenu(app, t("Help", "Справка"), HELP, ru)?;
    let menu = Menu::with_items(app, &[&file, &edit, &view, &help])?;
    app.set_menu(menu)?;
    Ok(())
}
