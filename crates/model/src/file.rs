//! The `.jobdoc` file: UTF-8 JSON, pretty-printed, fields in declaration order, a `schema` number.
//!
//! Reading classifies every failure (empty, not UTF-8, not JSON, cut off, not a Jobdoc document,
//! newer schema, invalid field) into a typed error that names the file. A file of an older
//! schema is migrated in memory, one schema step at a time ([`MIGRATIONS`]), and then read as
//! strictly as a current one (unknown fields are refused); [`Loaded::migrated_from`] tells the
//! caller so that the user can be told once. Writing is atomic and always in the current schema.

use std::fmt;
use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use crate::document::{Document, Language, SCHEMA_VERSION};
use crate::error::{io_reason, say, ErrorCode, Explained, UserError};

/// Files larger than this are refused before reading: no real instruction comes near it.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Why a `.jobdoc` file could not be read or written. Every variant names the file.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    #[error("{}: cannot read the file: {source}", path.display())]
    Read { path: PathBuf, source: io::Error },
    #[error("{}: cannot write the file: {source}", path.display())]
    Write { path: PathBuf, source: io::Error },
    #[error("{}: the file is empty", path.display())]
    Empty { path: PathBuf },
    #[error("{}: the file is too large ({size} bytes; a document is at most {MAX_FILE_BYTES} bytes)", path.display())]
    TooLarge { path: PathBuf, size: u64 },
    #[error("{}: not a Jobdoc document: the file is not UTF-8 text (invalid byte at offset {offset})", path.display())]
    NotUtf8 { path: PathBuf, offset: usize },
    #[error("{}: not a Jobdoc document: {reason}", path.display())]
    NotJobdoc {
        path: PathBuf,
        reason: NotJobdocReason,
    },
    #[error("{}: the file is cut off at line {line}, column {column}; it may have been saved incompletely", path.display())]
    Truncated {
        path: PathBuf,
        line: usize,
        column: usize,
    },
    #[error("{}: the document was written by a newer Jobdoc (schema {found}; this version reads schema {SCHEMA_VERSION}); update Jobdoc to open it", path.display())]
    NewerSchema { path: PathBuf, found: u64 },
    #[error("{}: invalid document{}: {message}{}", path.display(), at_line(*line, *column), in_schema(*migrated_from))]
    Invalid {
        path: PathBuf,
        /// Where in the file, when known (0 for a file migrated from an older schema, whose
        /// fields are read from the migrated form).
        line: usize,
        column: usize,
        /// What the JSON reader found wrong (its own English text).
        message: String,
        /// The file's older schema, when the fields were read from its migrated form.
        migrated_from: Option<u32>,
    },
}

/// Why a file is not a Jobdoc document at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotJobdocReason {
    /// Not JSON; `detail` is the JSON reader's own text (with the position).
    NotJson {
        detail: String,
        line: usize,
        column: usize,
    },
    NotAnObject,
    NoSchema,
    SchemaNotANumber,
    SchemaZero,
}

impl fmt::Display for NotJobdocReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NotJobdocReason::NotJson { detail, .. } => write!(f, "it is not JSON text ({detail})"),
            NotJobdocReason::NotAnObject => f.write_str("the JSON text is not an object"),
            NotJobdocReason::NoSchema => f.write_str("it has no \"schema\" field"),
            NotJobdocReason::SchemaNotANumber => {
                f.write_str("its \"schema\" field is not a positive whole number")
            }
            NotJobdocReason::SchemaZero => f.write_str("schema 0 is not a Jobdoc schema"),
        }
    }
}

impl NotJobdocReason {
    fn russian(&self) -> String {
        match self {
            NotJobdocReason::NotJson { line, column, .. } => {
                format!("это не текст JSON (ошибка в строке {line}, столбце {column})")
            }
            NotJobdocReason::NotAnObject => "текст JSON — не объект".to_owned(),
            NotJobdocReason::NoSchema => "в нём нет поля «schema»".to_owned(),
            NotJobdocReason::SchemaNotANumber => {
                "его поле «schema» — не целое положительное число".to_owned()
            }
            NotJobdocReason::SchemaZero => "схемы 0 у документов Jobdoc не бывает".to_owned(),
        }
    }
}

fn in_schema(migrated_from: Option<u32>) -> String {
    migrated_from
        .map(|from| format!(" (in a file of schema {from})"))
        .unwrap_or_default()
}

fn at_line(line: usize, column: usize) -> String {
    if line == 0 {
        String::new()
    } else {
        format!(" at line {line}, column {column}")
    }
}

/// A document read from a file.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    pub document: Document,
    /// The file's schema when it was older than [`SCHEMA_VERSION`] (it was migrated; saving
    /// writes the current schema, which older Jobdoc versions cannot read).
    pub migrated_from: Option<u32>,
}

/// One schema step: turns the JSON of schema `n` (index `n - 1`) into schema `n + 1`.
type Migration = fn(&mut serde_json::Map<String, serde_json::Value>);

/// Every step from schema 1 to [`SCHEMA_VERSION`], in order.
pub const MIGRATIONS: [Migration; SCHEMA_VERSION as usize - 1] = [migrate_1_to_2, migrate_2_to_3];

/// Schema 2 lets clause text hold field references; a schema-1 clause text (a string) is
/// already valid schema-2 plain text, so only the number changes.
fn migrate_1_to_2(_doc: &mut serde_json::Map<String, serde_json::Value>) {}

/// Schema 3: every clause gets an id (`c1`, `c2`, … in reading order), and the document the
/// (still empty) lists of its employees, their acknowledgements and its approved editions.
fn migrate_2_to_3(doc: &mut serde_json::Map<String, serde_json::Value>) {
    use serde_json::Value;
    fn number(clauses: &mut Value, next: &mut u64) {
        let Some(list) = clauses.as_array_mut() else {
            return;
        };
        for clause in list {
            let Some(obj) = clause.as_object_mut() else {
                continue;
            };
            *next += 1;
            // The id goes first, as Jobdoc writes it.
            let mut with_id = serde_json::Map::new();
            with_id.insert("id".into(), Value::String(format!("c{next}")));
            for (k, v) in std::mem::take(obj) {
                with_id.insert(k, v);
            }
            *obj = with_id;
            if let Some(children) = obj.get_mut("children") {
                number(children, next);
            }
        }
    }
    let mut next = 0;
    if let Some(sections) = doc.get_mut("sections").and_then(Value::as_array_mut) {
        for section in sections {
            if let Some(clauses) = section.get_mut("clauses") {
                number(clauses, &mut next);
            }
        }
    }
    for key in ["staff", "acknowledged", "editions"] {
        doc.entry(key).or_insert_with(|| Value::Array(Vec::new()));
    }
}

impl FileError {
    /// The file the error is about.
    pub fn path(&self) -> &Path {
        match self {
            FileError::Read { path, .. }
            | FileError::Write { path, .. }
            | FileError::Empty { path }
            | FileError::TooLarge { path, .. }
            | FileError::NotUtf8 { path, .. }
            | FileError::NotJobdoc { path, .. }
            | FileError::Truncated { path, .. }
            | FileError::NewerSchema { path, .. }
            | FileError::Invalid { path, .. } => path,
        }
    }

    fn russian(&self) -> String {
        let p = self.path().display();
        match self {
            FileError::Read { source, .. } => format!(
                "{p}: не удаётся прочитать файл: {}",
                io_reason(source, Language::Ru)
            ),
            FileError::Write { source, .. } => format!(
                "{p}: не удаётся записать файл: {}",
                io_reason(source, Language::Ru)
            ),
            FileError::Empty { .. } => format!("{p}: файл пуст"),
            FileError::TooLarge { size, .. } => format!(
                "{p}: файл слишком большой ({size} байт; документ занимает не больше \
                 {MAX_FILE_BYTES} байт)"
            ),
            FileError::NotUtf8 { offset, .. } => format!(
                "{p}: это не документ Jobdoc: файл не является текстом UTF-8 (недопустимый \
                 байт в позиции {offset})"
            ),
            FileError::NotJobdoc { reason, .. } => {
                format!("{p}: это не документ Jobdoc: {}", reason.russian())
            }
            FileError::Truncated { line, column, .. } => format!(
                "{p}: файл обрывается в строке {line}, столбце {column}; возможно, он был \
                 сохранён не полностью"
            ),
            FileError::NewerSchema { found, .. } => format!(
                "{p}: документ записан более новой версией Jobdoc (схема {found}; эта версия \
                 читает схему {SCHEMA_VERSION}); обновите Jobdoc, чтобы открыть его"
            ),
            FileError::Invalid {
                line,
                column,
                message,
                migrated_from,
                ..
            } => {
                let at = if *line == 0 {
                    String::new()
                } else {
                    format!(" в строке {line}, столбце {column}")
                };
                let schema = migrated_from
                    .map(|from| format!(" (в файле схемы {from})"))
                    .unwrap_or_default();
                format!(
                    "{p}: ошибка в документе{at}: {}{schema}",
                    json_problem_ru(message)
                )
            }
        }
    }
}

impl UserError for FileError {
    fn code(&self) -> ErrorCode {
        match self {
            FileError::Read { .. } => ErrorCode::ReadFailed,
            FileError::Write { .. } => ErrorCode::WriteFailed,
            FileError::Empty { .. } => ErrorCode::EmptyFile,
            FileError::TooLarge { .. } => ErrorCode::FileTooLarge,
            FileError::NotUtf8 { .. } | FileError::NotJobdoc { .. } => ErrorCode::NotAJobdoc,
            FileError::Truncated { .. } => ErrorCode::TruncatedFile,
            FileError::NewerSchema { .. } => ErrorCode::NewerSchema,
            FileError::Invalid { .. } => ErrorCode::InvalidDocument,
        }
    }

    fn message(&self, language: Language) -> String {
        say(language, self.russian(), self.to_string())
    }
}

/// The JSON reader's complaint about a field (English, from serde) said in Russian; field and
/// value names stay as they are in the file, in «quotes».
fn json_problem_ru(message: &str) -> String {
    // serde quotes the names it reports in backticks: "unknown field `x`, expected …".
    let quoted = || {
        let start = message.find('`')? + 1;
        let len = message[start..].find('`')?;
        Some(&message[start..start + len])
    };
    let named = |what: &str| match quoted() {
        Some(name) => format!("{what} «{name}»"),
        None => what.to_owned(),
    };
    if message.starts_with("unknown field") {
        named("неизвестное поле")
    } else if message.starts_with("missing field") {
        named("нет обязательного поля")
    } else if message.starts_with("duplicate field") {
        named("повторяется поле")
    } else if message.starts_with("unknown variant") {
        named("недопустимое значение")
    } else if message.starts_with("invalid type") {
        "значение не того типа".to_owned()
    } else if message.starts_with("invalid length") {
        "не то число элементов".to_owned()
    } else if message.starts_with("number out of range") {
        "число вне допустимых пределов".to_owned()
    } else if message.starts_with("recursion limit exceeded") {
        "слишком глубокая вложенность".to_owned()
    } else {
        "недопустимое значение".to_owned()
    }
}

/// Parses the bytes of a `.jobdoc` file. `path` is used only in error messages.
pub fn from_bytes(bytes: &[u8], path: &Path) -> Result<Document, FileError> {
    read(bytes, path).map(|l| l.document)
}

/// Parses the bytes of a `.jobdoc` file of any schema up to the current one, migrating an
/// older one. `path` is used only in error messages.
pub fn read(bytes: &[u8], path: &Path) -> Result<Loaded, FileError> {
    let path_buf = || path.to_path_buf();
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(FileError::Empty { path: path_buf() });
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let valid = &bytes[..e.valid_up_to()];
        if e.error_len().is_none() {
            // An incomplete character at the very end: the file was cut off mid-write.
            let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
            let last_line = valid.rsplit(|&b| b == b'\n').next().unwrap_or_default();
            let column = String::from_utf8_lossy(last_line).chars().count() + 1;
            FileError::Truncated {
                path: path_buf(),
                line,
                column,
            }
        } else {
            FileError::NotUtf8 {
                path: path_buf(),
                offset: e.valid_up_to(),
            }
        }
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);

    // First as untyped JSON, to tell "not JSON", "cut off" and "not ours" apart from a
    // malformed Jobdoc document, and to refuse a newer schema before reading any field.
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
        if e.is_eof() {
            FileError::Truncated {
                path: path_buf(),
                line: e.line(),
                column: e.column(),
            }
        } else {
            FileError::NotJobdoc {
                path: path_buf(),
                reason: NotJobdocReason::NotJson {
                    detail: e.to_string(),
                    line: e.line(),
                    column: e.column(),
                },
            }
        }
    })?;
    let not_ours = |reason: NotJobdocReason| FileError::NotJobdoc {
        path: path_buf(),
        reason,
    };
    let mut value = value;
    let object = value
        .as_object_mut()
        .ok_or_else(|| not_ours(NotJobdocReason::NotAnObject))?;
    let schema = object
        .get("schema")
        .ok_or_else(|| not_ours(NotJobdocReason::NoSchema))?
        .as_u64()
        .ok_or_else(|| not_ours(NotJobdocReason::SchemaNotANumber))?;
    if schema > u64::from(SCHEMA_VERSION) {
        return Err(FileError::NewerSchema {
            path: path_buf(),
            found: schema,
        });
    }
    if schema == 0 {
        return Err(not_ours(NotJobdocReason::SchemaZero));
    }
    if schema == u64::from(SCHEMA_VERSION) {
        let document: Document = serde_json::from_str(text).map_err(|e| FileError::Invalid {
            path: path_buf(),
            line: e.line(),
            column: e.column(),
            message: strip_position(&e.to_string()),
            migrated_from: None,
        })?;
        return Ok(Loaded {
            document: document.with_clause_ids(),
            migrated_from: None,
        });
    }
    let from = schema as u32;
    // Approved editions are never migrated: they are spliced back exactly as they were written
    // (a `Value` would reorder their keys and change the frozen bytes).
    #[derive(serde::Deserialize)]
    struct EditionsOnly<'a> {
        #[serde(borrow, default)]
        editions: Option<Vec<&'a serde_json::value::RawValue>>,
    }
    let raw_editions = serde_json::from_str::<EditionsOnly>(text)
        .ok()
        .and_then(|e| e.editions)
        .unwrap_or_default();
    object.remove("editions");
    for (step, migrate) in MIGRATIONS.iter().enumerate().skip(from as usize - 1) {
        migrate(object);
        object.insert("schema".to_owned(), (step as u64 + 2).into());
    }
    object.remove("editions");
    // Read from text, as a current file is.
    let mut migrated = serde_json::to_string(&value).expect("a JSON value always serialises");
    // `value` is an object, so the text ends with '}'.
    migrated.pop();
    let joined: Vec<&str> = raw_editions.iter().map(|r| r.get()).collect();
    let sep = if migrated.ends_with('{') { "" } else { "," };
    migrated.push_str(&format!("{sep}\"editions\":[{}]}}", joined.join(",")));
    let document: Document = serde_json::from_str(&migrated).map_err(|e| FileError::Invalid {
        path: path_buf(),
        line: 0,
        column: 0,
        message: strip_position(&e.to_string()),
        migrated_from: Some(from),
    })?;
    Ok(Loaded {
        document: document.with_clause_ids(),
        migrated_from: Some(from),
    })
}

/// serde_json appends " at line L column C"; the error message carries the position already.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message.to_owned(),
    }
}

/// The bytes of a `.jobdoc` file: pretty JSON, two-space indent, a final newline; every clause
/// with an id.
pub fn to_bytes(doc: &Document) -> Vec<u8> {
    let with_ids;
    let doc = if doc.clauses().iter().any(|(_, c)| c.id.is_empty()) {
        with_ids = doc.clone().with_clause_ids();
        &with_ids
    } else {
        doc
    };
    let mut out = serde_json::to_vec_pretty(doc).expect("a Document always serialises");
    out.push(b'\n');
    out
}

/// Reads a `.jobdoc` file.
pub fn load(path: &Path) -> Result<Document, FileError> {
    load_file(path).map(|l| l.document)
}

/// Reads a `.jobdoc` file, saying whether it was migrated from an older schema.
pub fn load_file(path: &Path) -> Result<Loaded, FileError> {
    let read_err = |source| FileError::Read {
        path: path.to_path_buf(),
        source,
    };
    let size = fs::metadata(path).map_err(read_err)?.len();
    if size > MAX_FILE_BYTES {
        return Err(FileError::TooLarge {
            path: path.to_path_buf(),
            size,
        });
    }
    // Read at most one byte past the limit: a device or a file growing while it is read
    // (`/dev/zero`, a log) reports a small size above but would never end.
    let mut bytes = Vec::new();
    fs::File::open(path)
        .and_then(|f| f.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(read_err)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(FileError::TooLarge {
            path: path.to_path_buf(),
            size: bytes.len() as u64,
        });
    }
    read(&bytes, path)
}

/// Writes a `.jobdoc` file atomically.
pub fn save(doc: &Document, path: &Path) -> Result<(), FileError> {
    atomic_write(path, &to_bytes(doc)).map_err(|source| FileError::Write {
        path: path.to_path_buf(),
        source,
    })
}

/// Replaces `path` with `bytes` so that a reader (or a crash) sees either the complete old file
/// or the complete new one: a temporary file in the same folder is written, flushed and synced,
/// then renamed over the target. The old file is never truncated first.
pub fn atomic_write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let file_name = path.file_name().ok_or_else(|| {
        Explained::new("the path names no file", "путь не называет файла")
            .into_io(io::ErrorKind::InvalidInput)
    })?;
    // The temporary name must fit the 255-byte name limit even when the target's name is
    // already near it: keep at most 100 bytes of the name.
    let name = file_name.to_string_lossy();
    let mut keep = name.len().min(100);
    while !name.is_char_boundary(keep) {
        keep -= 1;
    }
    let prefix = format!(".{}.", &name[..keep]);
    let existing = fs::metadata(path).ok();
    if existing
        .as_ref()
        .is_some_and(|m| m.permissions().readonly())
    {
        return Err(
            Explained::new("the file is read-only", "файл доступен только для чтения")
                .into_io(io::ErrorKind::PermissionDenied),
        );
    }
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    // A new file gets the usual permissions (0666 less the umask), not the private 0600 of a
    // temporary file: colleagues on a shared drive must be able to read it.
    #[cfg(unix)]
    if existing.is_none() {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    // Keep the permissions of the file being replaced.
    if let Some(meta) = existing {
        fs::set_permissions(tmp.path(), meta.permissions())?;
    }
    tmp.persist(path).map_err(|e| e.error)?;
    sync_dir(dir);
    Ok(())
}

/// Makes a rename in `dir` durable. Best effort: not every file system supports syncing a
/// folder.
pub fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}
