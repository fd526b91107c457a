//! The editor's flows behind the window ([`Desk`]), on real files in a temporary folder: open
//! (the recent list, stale temporaries, a recent file that vanished), save / save as /
//! overwrite, the path grants, startup with a file on the command line, the watch tick with
//! times passed in, and the language of the messages the UI receives.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, UNIX_EPOCH};

use jobdoc_export::Format;
use jobdoc_model::{file, Clause, Document, ErrorCode, Language, Timestamp};
use jobdoc_session::desk::{file_argument, Reveal, Start};
use jobdoc_session::export::ExportRequest;
use jobdoc_session::grants::Choice;
use jobdoc_session::settings::Settings;
use jobdoc_session::{Desk, ReadOnlyReason};
use jobdoc_store::backup_path;
use jobdoc_store::lock::{self, LockOwner};

const T0: &str = "2026-11-28T09:00:00Z";

fn t(stamp: &str) -> Timestamp {
    stamp.parse().unwrap()
}

/// `secs` seconds after [`T0`].
fn after(secs: i64) -> Timestamp {
    Timestamp::from_unix(t(T0).unix_seconds() + secs)
}

fn saved_document(dir: &Path, name: &str, position: &str) -> PathBuf {
    let path = dir.join(name);
    let mut doc = Document::blank(Language::Ru, "doc-1", t(T0));
    doc.position.name = position.into();
    file::save(&doc, &path).unwrap();
    path
}

/// A desk as the shell starts it, with its settings and journal in `data`.
fn start(data: &Path, file: Option<PathBuf>, system_language: Language) -> Desk {
    Desk::start(Start {
        owner: LockOwner::current(t(T0)),
        journal_dir: Some(data.join("recovery")),
        settings_path: Some(data.join("settings.json")),
        file,
        system_language,
        now: t(T0),
    })
}

fn settings_on_disk(data: &Path) -> Settings {
    Settings::load(&data.join("settings.json"))
}

fn with_clause(desk: &Desk, text: &str) -> Document {
    let mut d = desk.document().unwrap();
    d.sections[0].clauses.push(Clause::new(text));
    d
}

fn text(path: &Path) -> String {
    fs::read_to_string(path).unwrap()
}

#[test]
fn opening_a_chosen_file_makes_it_the_first_recent_file_and_clears_stale_temporaries() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let a = saved_document(dir.path(), "a.jobdoc", "менеджер");
    // Leftovers of saves interrupted long ago (an hour) and of one that may still be running.
    let old = dir.path().join(".a.jobdoc.Ab12Cd.tmp");
    let fresh = dir.path().join(".a.jobdoc.Ef34Gh.tmp");
    for (tmp, age) in [(&old, 3600), (&fresh, 60)] {
        fs::write(tmp, b"half a save").unwrap();
        let when = UNIX_EPOCH + Duration::from_secs((t(T0).unix_seconds() - age) as u64);
        fs::File::options()
            .write(true)
            .open(tmp)
            .unwrap()
            .set_modified(when)
            .unwrap();
    }
    let desk = start(&data, None, Language::En);
    let granted = desk.chosen(Choice::OpenDocument, a.clone());
    let opened = desk.open(granted.to_str().unwrap(), t(T0)).unwrap();
    assert_eq!(opened.state.path.as_deref(), a.to_str());
    assert_eq!(opened.settings.recent, vec![a.display().to_string()]);
    assert_eq!(settings_on_disk(&data).recent, opened.settings.recent);
    assert!(!old.exists(), "an hour-old temporary file is removed");
    assert!(
        fresh.exists(),
        "a minute-old one may belong to a save in progress"
    );
    desk.close();
}

#[test]
fn a_recent_file_that_vanished_leaves_the_list() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let a = saved_document(dir.path(), "a.jobdoc", "менеджер");
    let b = saved_document(dir.path(), "b.jobdoc", "бухгалтер");
    let mut remembered = Settings::default();
    remembered.add_recent(&b.display().to_string());
    remembered.add_recent(&a.display().to_string());
    fs::create_dir_all(&data).unwrap();
    remembered.save(&data.join("settings.json")).unwrap();

    let desk = start(&data, None, Language::En);
    // Recent files are remembered by the app itself: they open without a dialog.
    desk.open(b.to_str().unwrap(), t(T0)).unwrap();
    desk.close();
    fs::remove_file(&a).unwrap();
    let err = desk.open(a.to_str().unwrap(), t(T0)).unwrap_err();
    let api = desk.api_error(&err);
    assert_eq!(api.code, ErrorCode::ReadFailed);
    assert!(
        api.message.contains("a.jobdoc: cannot read the file"),
        "{}",
        api.message
    );
    assert_eq!(
        settings_on_disk(&data).recent,
        vec![b.display().to_string()]
    );
    assert_eq!(
        desk.startup().settings.recent,
        vec![b.display().to_string()]
    );
    // A file that is there but not a document stays: it may be fixed.
    fs::write(&b, b"{}").unwrap();
    let err = desk.open(b.to_str().unwrap(), t(T0)).unwrap_err();
    assert_eq!(desk.api_error(&err).code, ErrorCode::NotAJobdoc);
    assert_eq!(
        settings_on_disk(&data).recent,
        vec![b.display().to_string()]
    );
}

#[test]
fn paths_not_chosen_are_refused_by_every_file_command() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let a = saved_document(dir.path(), "a.jobdoc", "менеджер");
    let desk = start(&data, None, Language::En);
    let refused = |r: Result<(), jobdoc_session::SessionError>| {
        assert_eq!(
            desk.api_error(&r.unwrap_err()).code,
            ErrorCode::PathNotGranted
        );
    };
    refused(desk.open(a.to_str().unwrap(), t(T0)).map(drop));
    assert!(desk.state().document.is_none());
    desk.new_document(None, Some(Language::Ru), "new-1", t(T0))
        .unwrap();
    let elsewhere = dir.path().join("elsewhere.jobdoc");
    refused(
        desk.save(Some(elsewhere.to_str().unwrap()), false, t(T0))
            .map(drop),
    );
    assert!(!elsewhere.exists());
    let request = ExportRequest {
        folder: dir.path().display().to_string(),
        pattern: "<position>".into(),
        formats: vec![Format::Pdf],
        overwrite: false,
        pdfa: false,
        kedo: false,
    };
    refused(desk.export_files(request, t(T0)).map(drop));
    refused(desk.reveal(dir.path().to_str().unwrap()).map(drop));
    assert_eq!(desk.export_dialog_folder(dir.path().to_str()), None);
    // Nothing was written there.
    let names: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}"); // a.jobdoc and the data folder
}

#[test]
fn save_as_over_a_granted_path_keeps_the_old_file_as_a_backup() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let theirs = saved_document(dir.path(), "Менеджер.jobdoc", "старый");
    let before = text(&theirs);
    let desk = start(&data, None, Language::En);
    desk.new_document(Some("ru-sales-manager"), None, "new-1", t(T0))
        .unwrap();
    // A saved document has no file yet: Save goes to Save As in the UI.
    let err = desk.save(None, false, t(T0)).unwrap_err();
    assert_eq!(desk.api_error(&err).code, ErrorCode::NoPath);
    // The dialog's answer without the extension; the dialog asked about replacing the file.
    let chosen = desk.chosen(Choice::SaveDocument, dir.path().join("Менеджер"));
    assert_eq!(chosen, theirs);
    let saved = desk.save(chosen.to_str(), false, after(5)).unwrap();
    assert!(!saved.state.dirty);
    assert_eq!(saved.state.path.as_deref(), theirs.to_str());
    assert_eq!(saved.settings.recent, vec![theirs.display().to_string()]);
    assert_eq!(text(&backup_path(&theirs)), before);
    assert_eq!(
        file::load(&theirs).unwrap().meta.template.as_deref(),
        Some("ru-sales-manager")
    );
    assert_eq!(
        lock::read_lock(&theirs).unwrap().unwrap().owner.pid,
        std::process::id()
    );
    // The Save As dialog starts in the file's folder now.
    assert_eq!(desk.save_dialog_folder().as_deref(), Some(dir.path()));
    desk.close();
    assert!(lock::read_lock(&theirs).unwrap().is_none());
}

#[test]
fn an_overwrite_after_a_change_on_disk_is_asked_for_then_keeps_theirs_in_the_backup() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let path = saved_document(dir.path(), "a.jobdoc", "менеджер");
    let desk = start(&data, None, Language::Ru);
    desk.open(
        desk.chosen(Choice::OpenDocument, path.clone())
            .to_str()
            .unwrap(),
        t(T0),
    )
    .unwrap();
    desk.edit(with_clause(&desk, "Мой пункт"), None, 0).unwrap();
    let mut changed = file::load(&path).unwrap();
    changed.organisation.name = "ООО «Их»".into();
    file::save(&changed, &path).unwrap();
    let theirs = text(&path);

    let err = desk.save(None, false, after(60)).unwrap_err();
    let api = desk.api_error(&err);
    assert_eq!(api.code, ErrorCode::ChangedOnDisk);
    assert!(
        api.message.contains("a.jobdoc: файл изменил кто-то другой"),
        "{}",
        api.message
    );
    assert_eq!(text(&path), theirs, "nothing was written");
    assert!(desk.state().dirty);

    let saved = desk.save(None, true, after(61)).unwrap();
    assert!(!saved.state.dirty);
    assert_eq!(text(&backup_path(&path)), theirs);
    let ours = file::load(&path).unwrap();
    assert_eq!(
        ours.sections[0].clauses.last().unwrap().plain_text(),
        "Мой пункт"
    );
    assert_eq!(ours.meta.modified, after(61));
    desk.close();
}

#[test]
fn the_watch_tick_writes_the_journal_each_second_and_reports_a_lost_lock_at_the_heartbeat() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let journal = data.join("recovery");
    let path = saved_document(dir.path(), "a.jobdoc", "менеджер");
    let desk = start(&data, None, Language::En);
    desk.open(
        desk.chosen(Choice::OpenDocument, path.clone())
            .to_str()
            .unwrap(),
        t(T0),
    )
    .unwrap();
    let entries = || fs::read_dir(&journal).unwrap().count();

    desk.edit(with_clause(&desk, "Несохранённый пункт"), None, 0)
        .unwrap();
    let tick = desk.tick(t(T0));
    assert!(tick.journal_failed.is_none() && tick.lock_lost.is_none());
    assert_eq!(entries(), 0, "not due in the same second");
    desk.tick(after(1));
    assert_eq!(entries(), 1, "written a second later");

    // A colleague decided our lock was stale and took it over.
    let seen = lock::read_lock(&path).unwrap().unwrap();
    let colleague = LockOwner {
        user: "petrov".into(),
        machine: lock::current_machine(),
        pid: std::process::id() + 7,
        since: after(2),
    };
    let theirs = lock::take_over(&path, colleague, Some(&seen)).unwrap();
    for s in 2..60 {
        let tick = desk.tick(after(s));
        assert!(tick.lock_lost.is_none(), "no heartbeat at {s}");
    }
    assert!(
        desk.state().read_only.is_none(),
        "not noticed between heartbeats"
    );
    let lost = desk
        .tick(after(60))
        .lock_lost
        .expect("the heartbeat finds out");
    let api = desk.api_error(&lost);
    assert_eq!(api.code, ErrorCode::LockLost);
    assert!(
        api.message.contains("taken over by petrov"),
        "{}",
        api.message
    );
    let read_only = desk.state().read_only.unwrap();
    assert_eq!(read_only.reason, ReadOnlyReason::LockLost);
    assert!(read_only
        .message_ru
        .contains("перехватил пользователь petrov"));
    let err = desk.save(None, false, after(61)).unwrap_err();
    assert_eq!(desk.api_error(&err).code, ErrorCode::ReadOnly);
    // Closing leaves the colleague's lock alone.
    desk.close();
    assert_eq!(
        lock::read_lock(&path).unwrap().unwrap().owner.user,
        "petrov"
    );
    drop(theirs);
}

#[test]
fn a_file_on_the_command_line_opens_at_start() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let path = saved_document(dir.path(), "a.jobdoc", "менеджер");
    let arg = file_argument(["--verbose".into(), path.clone().into_os_string()]);
    assert_eq!(arg.as_deref(), Some(path.as_path()));
    let desk = start(&data, arg, Language::En);
    let startup = desk.startup();
    assert!(startup.error.is_none());
    assert_eq!(startup.state.path.as_deref(), path.to_str());
    assert_eq!(startup.settings.recent, vec![path.display().to_string()]);
    assert_eq!(settings_on_disk(&data).recent, startup.settings.recent);
    assert!(!startup.fields.is_empty());
    // Named by the person starting the app: granted for saving back.
    desk.edit(with_clause(&desk, "Пункт"), None, 0).unwrap();
    desk.save(path.to_str(), false, after(1)).unwrap();
    desk.close();
    assert_eq!(file_argument(Vec::new()), None);
}

#[test]
fn a_command_line_file_that_does_not_open_is_reported_once_in_the_ui_language() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let bad = dir.path().join("notes.jobdoc");
    fs::write(&bad, b"").unwrap();

    // No language chosen yet: the system's.
    let desk = start(&data, Some(bad.clone()), Language::Ru);
    let startup = desk.startup();
    let error = startup.error.expect("the failure is reported");
    assert_eq!(error.code, ErrorCode::EmptyFile);
    assert_eq!(error.message, format!("{}: файл пуст", bad.display()));
    assert!(startup.state.document.is_none());
    assert!(desk.startup().error.is_none(), "reported once");

    // The language chosen in the UI wins over the system's.
    desk.set_ui_language(Language::En);
    let desk = start(&data, Some(bad.clone()), Language::Ru);
    assert_eq!(desk.language(), Language::En);
    let error = desk.startup().error.unwrap();
    assert_eq!(
        error.message,
        format!("{}: the file is empty", bad.display())
    );
}

#[test]
fn unsaved_edits_of_a_killed_editor_are_offered_at_the_next_start() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let path = saved_document(dir.path(), "a.jobdoc", "менеджер");
    // An editor whose process is gone: its pid is a child that has exited.
    let mut child = std::process::Command::new("true").spawn().unwrap();
    let dead = child.id();
    child.wait().unwrap();
    let mut owner = LockOwner::current(t(T0));
    owner.pid = dead;
    let dying = Desk::start(Start {
        owner,
        journal_dir: Some(data.join("recovery")),
        settings_path: Some(data.join("settings.json")),
        file: Some(path.clone()),
        system_language: Language::En,
        now: t(T0),
    });
    dying
        .edit(with_clause(&dying, "Несохранённый пункт"), None, 0)
        .unwrap();
    dying.tick(after(1));
    std::mem::forget(dying); // killed: no close

    let desk = start(&data, None, Language::En);
    let offers = desk.startup().recovery;
    assert_eq!(offers.len(), 1, "{offers:?}");
    assert_eq!(offers[0].path.as_deref(), path.to_str());
    let state = desk.restore(&offers[0].id, after(2)).unwrap();
    assert!(state.dirty);
    assert!(
        state.read_only.as_ref().unwrap().can_take_over,
        "the dead editor's lock"
    );
    desk.take_over(after(2)).unwrap();
    desk.save(None, false, after(3)).unwrap();
    let saved = file::load(&path).unwrap();
    assert_eq!(
        saved.sections[0].clauses.last().unwrap().plain_text(),
        "Несохранённый пункт"
    );
    assert!(desk.discard_recovery("gone").is_err());
    desk.close();
}

#[test]
fn an_export_grants_its_files_and_remembers_the_folder() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let out = dir.path().join("exports");
    fs::create_dir(&out).unwrap();
    let desk = start(&data, None, Language::En);
    let err = desk.export_files(
        ExportRequest {
            folder: out.display().to_string(),
            pattern: "<position>".into(),
            formats: vec![Format::Pdf],
            overwrite: false,
            pdfa: false,
            kedo: false,
        },
        t(T0),
    );
    assert!(err.is_err(), "no folder chosen yet");
    let folder = desk.chosen(Choice::ExportFolder, out.clone());
    let request = ExportRequest {
        folder: folder.display().to_string(),
        pattern: "<position>".into(),
        formats: vec![Format::Pdf],
        overwrite: false,
        pdfa: false,
        kedo: false,
    };
    let err = desk.export_files(request.clone(), t(T0)).unwrap_err();
    assert_eq!(desk.api_error(&err).code, ErrorCode::NoDocument);
    desk.new_document(Some("ru-sales-manager"), None, "new-1", t(T0))
        .unwrap();
    let result = desk.export_files(request, t(T0)).unwrap();
    let pdf = out.join("менеджер по продажам.pdf");
    assert_eq!(result.outcome.files, vec![pdf.display().to_string()]);
    assert_eq!(
        result.settings.last_export_dir,
        Some(out.display().to_string())
    );
    assert_eq!(
        settings_on_disk(&data).export_pattern.as_deref(),
        Some("<position>")
    );
    assert_eq!(
        desk.reveal(pdf.to_str().unwrap()).unwrap(),
        Reveal::File(pdf.clone())
    );
    assert_eq!(
        desk.reveal(out.to_str().unwrap()).unwrap(),
        Reveal::Folder(out.clone())
    );
    // Remembered in the settings: the next run may start the dialog there.
    let next = start(&data, None, Language::En);
    assert_eq!(next.export_dialog_folder(out.to_str()), Some(out.clone()));
    fs::remove_file(&pdf).unwrap();
    let err = desk.reveal(pdf.to_str().unwrap()).unwrap_err();
    assert_eq!(desk.api_error(&err).code, ErrorCode::OpenFailed);
    assert!(desk.preview(t(T0)).unwrap().starts_with(b"JDPREV1\0"));
}
