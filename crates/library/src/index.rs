//! The search index: an SQLite database in the user's data folder (one per library folder),
//! with an FTS5 table of Snowball stems (see [`crate::text`]) beside the original text of
//! every clause and field.
//!
//! It is a cache of the documents, never the truth: an index that is missing, of another
//! schema or analyzer version, or damaged (SQLite says "not a database" or "malformed") is
//! thrown away and built again, reporting progress through the callback. Several processes may
//! use one index at once: SQLite's locking serialises writers (each batch is one `BEGIN
//! IMMEDIATE` transaction, waiting up to [`BUSY_TIMEOUT`]), readers read in WAL mode, and a
//! document written by two of them at once ends up there once (its old rows are deleted by
//! key in the same transaction that inserts the new ones).

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rayon::prelude::*;
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use jobdoc_model::validate::field_value;
use jobdoc_model::{file, numbering, templates, Document, Field, Language, SectionKind};

use crate::error::LibraryError;
use crate::scan::Library;
use crate::text::{self, SnippetPart, Term};

/// The layout of the tables; an index of another version is rebuilt.
pub const INDEX_SCHEMA: i64 = 2;
/// "JBLX": tells our database from any other SQLite file.
const APPLICATION_ID: i64 = 0x4A42_4C58;
/// How long a writer waits for another process's transaction.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(30);
/// A query matching more rows than this is not ranked (see [`SearchResults::ranked`]).
pub const RANKED_MATCHES: i64 = 2000;
/// Documents written per transaction (so that others get a turn and progress shows).
const BATCH: usize = 100;

/// Where a hit is in its document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Place {
    /// A clause: its stable id, its section and its number as printed («2.3.»).
    Clause {
        id: String,
        section: SectionKind,
        number: String,
    },
    /// A field of the document (`position`, `organisation`, `department`, …: the keys of
    /// [`jobdoc_model::Field`]).
    Field { field: String },
}

/// Which document a result is from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum HitSource {
    /// A document of the library: its path relative to the library folder.
    Document { path: String },
    /// A built-in template: its id.
    Template { id: String },
}

/// One matching clause or field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Hit {
    pub place: Place,
    /// The text with the matching words highlighted (a long text cut around the first one).
    pub snippet: Vec<SnippetPart>,
}

/// The hits of one document, best first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DocumentHits {
    pub source: HitSource,
    pub language: Language,
    pub position: String,
    pub organisation: String,
    pub department: String,
    pub hits: Vec<Hit>,
    /// More hits in this document than are listed.
    pub more: u32,
}

/// What a search found, grouped by document, the best document first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SearchResults {
    pub query: String,
    pub documents: Vec<DocumentHits>,
    /// More documents matched than are listed.
    pub truncated: bool,
    /// Best match first (`false`: so many clauses matched that the first documents found are
    /// listed by path; narrow the query to rank them).
    pub ranked: bool,
}

#[derive(Debug, Clone)]
pub struct SearchOptions {
    /// At most this many documents.
    pub max_documents: usize,
    /// At most this many hits listed per document.
    pub hits_per_document: usize,
    pub filter: SearchFilter,
}

impl Default for SearchOptions {
    fn default() -> Self {
        SearchOptions {
            max_documents: 50,
            hits_per_document: 5,
            filter: SearchFilter::default(),
        }
    }
}

/// What a person narrows a search to: the filters of the library's search box and of
/// `jobdoc search`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(default)]
pub struct SearchFilter {
    /// Search the built-in templates too.
    pub templates: bool,
    /// Only clauses of this section kind (fields are left out then).
    pub section: Option<SectionKind>,
    /// Only documents and templates in this language.
    pub language: Option<Language>,
}

impl Default for SearchFilter {
    fn default() -> Self {
        SearchFilter {
            templates: true,
            section: None,
            language: None,
        }
    }
}

impl From<SearchFilter> for SearchOptions {
    fn from(filter: SearchFilter) -> Self {
        SearchOptions {
            filter,
            ..SearchOptions::default()
        }
    }
}

/// Progress of bringing the index up to date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum IndexProgress {
    /// The stored index was thrown away and is being built again (why: in English).
    Rebuilding { reason: String },
    /// `done` of `total` changed documents written.
    Indexing { done: u32, total: u32 },
}

/// What [`Index::update`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
pub struct UpdateReport {
    pub indexed: u32,
    pub removed: u32,
    pub unchanged: u32,
    /// The stored index was rebuilt from nothing.
    pub rebuilt: bool,
}

/// An open search index.
pub struct Index {
    path: PathBuf,
    conn: Connection,
    rebuilt: Option<String>,
}

/// The index file for the library folder `root`, under `data_dir`: the folder's absolute path
/// hashed, so that each library has its own.
pub fn index_path(data_dir: &Path, root: &Path) -> PathBuf {
    let root = fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let digest = Sha256::digest(root.to_string_lossy().as_bytes());
    let hex: String = digest[..8].iter().map(|b| format!("{b:02x}")).collect();
    data_dir.join("library-index").join(format!("{hex}.sqlite"))
}

fn sql_err(path: &Path) -> impl Fn(rusqlite::Error) -> LibraryError + '_ {
    move |e| LibraryError::Index {
        path: path.to_path_buf(),
        reason: e.to_string(),
    }
}

/// Switches the database to write-ahead logging. The switch needs the file to itself for a
/// moment and SQLite answers "database is locked" at once, without waiting as the busy timeout
/// says, while another connection is opening it too (two Jobdoc processes indexing the same
/// library at once did so about once in fifteen tries), so it is retried until the timeout.
fn use_wal(conn: &Connection) -> rusqlite::Result<()> {
    let deadline = std::time::Instant::now() + BUSY_TIMEOUT;
    loop {
        match conn.query_row("PRAGMA journal_mode=WAL", [], |r| r.get::<_, String>(0)) {
            Ok(mode) if mode.eq_ignore_ascii_case("wal") => return Ok(()),
            Ok(_) if std::time::Instant::now() < deadline => {}
            Ok(mode) => {
                return Err(rusqlite::Error::SqliteFailure(
                    rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
                    Some(format!("the index stayed in journal mode {mode}")),
                ))
            }
            Err(e)
                if e.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseBusy)
                    && std::time::Instant::now() < deadline => {}
            Err(e) => return Err(e),
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// SQLite's way of saying the file is not (or no longer) a sound database.
fn is_damage(e: &rusqlite::Error) -> bool {
    use rusqlite::ErrorCode as C;
    matches!(
        e.sqlite_error_code(),
        Some(C::DatabaseCorrupt | C::NotADatabase)
    )
}

impl Index {
    /// Opens (creating or rebuilding as needed) the index of the library folder `root` in
    /// `data_dir`. Refuses a data folder inside the library: nothing but documents goes there.
    pub fn open(data_dir: &Path, root: &Path) -> Result<Index, LibraryError> {
        let path = index_path(data_dir, root);
        let inside = match (fs::canonicalize(data_dir), fs::canonicalize(root)) {
            (Ok(d), Ok(r)) => d.starts_with(&r),
            _ => data_dir.starts_with(root),
        };
        if inside {
            return Err(LibraryError::Index {
                path,
                reason: "the data folder is inside the library folder; the index is never \
                         written beside the documents"
                    .into(),
            });
        }
        Index::open_at(&path)
    }

    /// Opens the index file at `path` (see [`index_path`]).
    pub fn open_at(path: &Path) -> Result<Index, LibraryError> {
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).map_err(|e| LibraryError::Index {
                path: path.to_path_buf(),
                reason: e.to_string(),
            })?;
        }
        match Index::connect(path) {
            Ok(index) => Ok(index),
            Err(e) if is_damage(&e) => {
                let mut index = Index::fresh(path, &e.to_string())?;
                index.rebuilt = Some(format!("the index was damaged ({e})"));
                Ok(index)
            }
            Err(e) => Err(sql_err(path)(e)),
        }
    }

    /// Why the index was rebuilt when it was opened, if it was.
    pub fn rebuilt(&self) -> Option<&str> {
        self.rebuilt.as_deref()
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn connect(path: &Path) -> rusqlite::Result<Index> {
        let mut conn = Connection::open(path)?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        use_wal(&conn)?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        // Read through a memory map, and keep more pages: queries read long posting lists.
        let _: i64 = conn.query_row("PRAGMA mmap_size = 268435456", [], |r| r.get(0))?;
        conn.pragma_update(None, "cache_size", -16_000)?;
        let rebuilt = Index::ensure_schema(&mut conn)?;
        Ok(Index {
            path: path.to_path_buf(),
            conn,
            rebuilt,
        })
    }

    /// Creates the tables, or throws away tables of another schema or analyzer. Returns why
    /// it threw them away, if it did.
    fn ensure_schema(conn: &mut Connection) -> rusqlite::Result<Option<String>> {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let app: i64 = tx.query_row("PRAGMA application_id", [], |r| r.get(0))?;
        let version: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        let analyzer: Option<String> = if app == APPLICATION_ID && version == INDEX_SCHEMA {
            tx.query_row("SELECT value FROM meta WHERE key = 'analyzer'", [], |r| {
                r.get(0)
            })
            .optional()?
        } else {
            None
        };
        if app == APPLICATION_ID
            && version == INDEX_SCHEMA
            && analyzer.as_deref() == Some(text::ANALYZER_VERSION)
        {
            tx.commit()?;
            return Ok(None);
        }
        let tables: i64 = tx.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
        let reason = if tables == 0 {
            None
        } else if app != APPLICATION_ID {
            Some("the index file is not a Jobdoc index".to_owned())
        } else if version != INDEX_SCHEMA {
            Some(format!(
                "the index has schema {version}, not {INDEX_SCHEMA}"
            ))
        } else {
            Some("the index was made with another analyzer".to_owned())
        };
        tx.execute_batch(
            "DROP TABLE IF EXISTS fts; DROP TABLE IF EXISTS chunks; DROP TABLE IF EXISTS docs;
             DROP TABLE IF EXISTS meta;
             CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
             CREATE TABLE docs(
               id INTEGER PRIMARY KEY,
               key TEXT NOT NULL UNIQUE,
               sha256 TEXT NOT NULL,
               language TEXT NOT NULL,
               position TEXT NOT NULL,
               organisation TEXT NOT NULL,
               department TEXT NOT NULL);
             CREATE TABLE chunks(
               id INTEGER PRIMARY KEY,
               doc INTEGER NOT NULL REFERENCES docs(id),
               place TEXT NOT NULL,
               section TEXT,
               text TEXT NOT NULL);
             CREATE INDEX chunks_doc ON chunks(doc);
             CREATE VIRTUAL TABLE fts USING fts5(stems, tokenize = 'unicode61 remove_diacritics 0');",
        )?;
        tx.execute(
            "INSERT INTO meta(key, value) VALUES ('analyzer', ?1)",
            [text::ANALYZER_VERSION],
        )?;
        tx.pragma_update(None, "application_id", APPLICATION_ID)?;
        tx.pragma_update(None, "user_version", INDEX_SCHEMA)?;
        tx.commit()?;
        Ok(reason)
    }

    /// Deletes the damaged file (and its WAL) and makes a new, empty index.
    fn fresh(path: &Path, why: &str) -> Result<Index, LibraryError> {
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let mut p = path.as_os_str().to_owned();
            p.push(suffix);
            let _ = fs::remove_file(PathBuf::from(p));
        }
        let mut index = Index::connect(path).map_err(sql_err(path))?;
        index.rebuilt = Some(why.to_owned());
        Ok(index)
    }

    /// Runs `f`; if SQLite finds the database damaged, rebuilds it and runs `f` once more.
    fn with_repair<T>(
        &mut self,
        progress: &mut dyn FnMut(IndexProgress),
        mut f: impl FnMut(&mut Index, &mut dyn FnMut(IndexProgress)) -> rusqlite::Result<T>,
    ) -> Result<T, LibraryError> {
        match f(self, progress) {
            Ok(v) => Ok(v),
            Err(e) if is_damage(&e) => {
                let reason = format!("the index was damaged ({e})");
                progress(IndexProgress::Rebuilding {
                    reason: reason.clone(),
                });
                let path = self.path.clone();
                // Close our connection before deleting the file under it.
                let old = std::mem::replace(
                    &mut self.conn,
                    Connection::open_in_memory().map_err(sql_err(&path))?,
                );
                drop(old);
                *self = Index::fresh(&path, &reason)?;
                f(self, progress).map_err(sql_err(&path))
            }
            Err(e) => Err(sql_err(&self.path)(e)),
        }
    }

    /// Brings the index up to date with `library` (as last listed) and the built-in
    /// templates: documents whose content hash changed are read and indexed again, vanished
    /// ones removed.
    pub fn update(
        &mut self,
        library: &Library,
        progress: &mut dyn FnMut(IndexProgress),
    ) -> Result<UpdateReport, LibraryError> {
        if let Some(reason) = self.rebuilt.clone() {
            progress(IndexProgress::Rebuilding { reason });
        }
        let root = library.root().to_path_buf();
        let mut wanted: Vec<(String, String, Source)> = library
            .documents()
            .into_iter()
            .map(|(rel, sha)| (format!("doc:{rel}"), sha, Source::File(rel)))
            .collect();
        for id in templates::ids() {
            if let Some(Ok(doc)) = templates::load(id) {
                let sha = hex(&Sha256::digest(file::to_bytes(&doc)));
                wanted.push((
                    format!("template:{id}"),
                    sha,
                    Source::Template(Box::new(doc)),
                ));
            }
        }
        let mut report = self.with_repair(progress, |index, progress| {
            index.update_with(&root, &wanted, progress)
        })?;
        report.rebuilt = self.rebuilt.take().is_some();
        Ok(report)
    }

    fn update_with(
        &mut self,
        root: &Path,
        wanted: &[(String, String, Source)],
        progress: &mut dyn FnMut(IndexProgress),
    ) -> rusqlite::Result<UpdateReport> {
        let stored: HashMap<String, String> = {
            let mut stmt = self.conn.prepare("SELECT key, sha256 FROM docs")?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        let wanted_keys: std::collections::HashSet<&str> =
            wanted.iter().map(|(k, _, _)| k.as_str()).collect();
        let gone: Vec<&String> = stored
            .keys()
            .filter(|k| !wanted_keys.contains(k.as_str()))
            .collect();
        let changed: Vec<&(String, String, Source)> = wanted
            .iter()
            .filter(|(k, sha, _)| stored.get(k) != Some(sha))
            .collect();
        let mut report = UpdateReport {
            unchanged: (wanted.len() - changed.len()) as u32,
            ..UpdateReport::default()
        };
        if !gone.is_empty() {
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)?;
            for key in &gone {
                delete_doc(&tx, key)?;
            }
            tx.commit()?;
            report.removed = gone.len() as u32;
        }
        let total = changed.len() as u32;
        if total > 0 {
            progress(IndexProgress::Indexing { done: 0, total });
        }
        let mut done = 0u32;
        for batch in changed.chunks(BATCH) {
            // Reading and stemming in parallel; writing in one transaction.
            let prepared: Vec<Prepared> = batch
                .par_iter()
                .filter_map(|(key, sha, source)| prepare(root, key, sha, source))
                .collect();
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)?;
            {
                let mut ins_doc = tx.prepare_cached(
                    "INSERT INTO docs(key, sha256, language, position, organisation, department)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                )?;
                let mut ins_chunk = tx.prepare_cached(
                    "INSERT INTO chunks(doc, place, section, text) VALUES (?1, ?2, ?3, ?4)",
                )?;
                let mut ins_fts =
                    tx.prepare_cached("INSERT INTO fts(rowid, stems) VALUES (?1, ?2)")?;
                for p in &prepared {
                    delete_doc(&tx, &p.key)?;
                    ins_doc.execute(params![
                        p.key,
                        p.sha,
                        p.language.code(),
                        p.position,
                        p.organisation,
                        p.department
                    ])?;
                    let doc_id = tx.last_insert_rowid();
                    for (place, section, text, stems) in &p.chunks {
                        ins_chunk.execute(params![doc_id, place, section, text])?;
                        let chunk_id = tx.last_insert_rowid();
                        ins_fts.execute(params![chunk_id, stems])?;
                    }
                }
            }
            // A document that could not be read now is dropped from the index until it can.
            for (key, _, _) in batch {
                if !prepared.iter().any(|p| &p.key == key) {
                    delete_doc(&tx, key)?;
                }
            }
            tx.commit()?;
            report.indexed += prepared.len() as u32;
            done += batch.len() as u32;
            progress(IndexProgress::Indexing { done, total });
        }
        Ok(report)
    }

    /// Searches the index (bring it up to date with [`Index::update`] first).
    pub fn search(
        &mut self,
        query: &str,
        options: &SearchOptions,
        progress: &mut dyn FnMut(IndexProgress),
    ) -> Result<SearchResults, LibraryError> {
        let terms = text::parse_query(query);
        let expr = text::fts_expression(&terms).ok_or(LibraryError::EmptyQuery)?;
        self.with_repair(progress, |index, _| {
            index.search_with(query, &terms, &expr, options)
        })
    }

    fn search_with(
        &self,
        query: &str,
        terms: &[Term],
        expr: &str,
        options: &SearchOptions,
    ) -> rusqlite::Result<SearchResults> {
        // The best-ranked rows; only their place and document at first, the text of those
        // that are shown afterwards. Ranking costs about a microsecond per matching row: a
        // query matching more than RANKED_MATCHES rows (a word in nearly every document) takes
        // the first documents in the index's order instead and lists them by path.
        let limit = (options.max_documents * options.hits_per_document * 2).max(100) as i64;
        let section = options.filter.section.map(|k| {
            serde_json::to_value(k)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default()
        });
        let language = options.filter.language.map(|l| l.code());
        let filtered = !options.filter.templates || section.is_some() || language.is_some();
        // Every parameter appears in the text, so that one list of values fits.
        let conditions = "AND (?5 OR d.key LIKE 'doc:%') AND (?3 IS NULL OR c.section = ?3) \
                          AND (?4 IS NULL OR d.language = ?4)";
        let from = "fts JOIN chunks c ON c.id = fts.rowid JOIN docs d ON d.id = c.doc";
        let matches: i64 = if filtered {
            let sql =
                format!("SELECT count(*) FROM {from} WHERE fts MATCH ?1 AND ?2 = ?2 {conditions}");
            self.conn.query_row(
                &sql,
                params![expr, 0, section, language, options.filter.templates],
                |r| r.get(0),
            )?
        } else {
            self.conn
                .query_row("SELECT count(*) FROM fts WHERE fts MATCH ?1", [expr], |r| {
                    r.get(0)
                })?
        };
        let ranked = matches <= RANKED_MATCHES;
        let order_by = if ranked { "bm25(fts)" } else { "fts.rowid" };
        let sql = format!(
            "SELECT fts.rowid, c.doc FROM {from}
             WHERE fts MATCH ?1 {conditions} ORDER BY {order_by} LIMIT ?2"
        );
        let limit = if ranked { limit } else { i64::MAX };
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(
            params![expr, limit, section, language, options.filter.templates],
            |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)),
        )?;
        let mut order: Vec<i64> = Vec::new();
        let mut by_doc: HashMap<i64, (Vec<i64>, u32)> = HashMap::new();
        let mut truncated = false;
        let mut fetched = 0i64;
        for row in rows {
            let (chunk, doc) = row?;
            fetched += 1;
            let entry = match by_doc.get_mut(&doc) {
                Some(e) => e,
                None => {
                    if order.len() == options.max_documents {
                        truncated = true;
                        if ranked {
                            continue;
                        }
                        // By path, a document's rows come together: the rest are other
                        // documents.
                        break;
                    }
                    order.push(doc);
                    by_doc.entry(doc).or_default()
                }
            };
            if entry.0.len() < options.hits_per_document {
                entry.0.push(chunk);
            } else {
                entry.1 += 1;
            }
        }
        if fetched == limit {
            truncated = true;
        }
        let mut chunk_stmt = self
            .conn
            .prepare_cached("SELECT place, text FROM chunks WHERE id = ?1")?;
        let mut doc_stmt = self.conn.prepare_cached(
            "SELECT key, language, position, organisation, department FROM docs WHERE id = ?1",
        )?;
        let mut documents = Vec::with_capacity(order.len());
        for id in order {
            let (chunk_ids, more) = by_doc.remove(&id).unwrap_or_default();
            let mut hits = Vec::with_capacity(chunk_ids.len());
            for chunk in chunk_ids {
                let (place, text): (String, String) =
                    chunk_stmt.query_row([chunk], |r| Ok((r.get(0)?, r.get(1)?)))?;
                let place: Place =
                    serde_json::from_str(&place).unwrap_or(Place::Field { field: place });
                hits.push(Hit {
                    place,
                    snippet: text::snippet(&text, terms),
                });
            }
            let (key, lang, position, organisation, department): (
                String,
                String,
                String,
                String,
                String,
            ) = doc_stmt.query_row([id], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })?;
            let source = match key.strip_prefix("template:") {
                Some(id) => HitSource::Template { id: id.to_owned() },
                None => HitSource::Document {
                    path: key.strip_prefix("doc:").unwrap_or(&key).to_owned(),
                },
            };
            documents.push(DocumentHits {
                source,
                language: if lang == "en" {
                    Language::En
                } else {
                    Language::Ru
                },
                position,
                organisation,
                department,
                hits,
                more,
            });
        }
        if !ranked {
            documents.sort_by(|a, b| source_key(&a.source).cmp(&source_key(&b.source)));
        }
        Ok(SearchResults {
            query: query.to_owned(),
            documents,
            truncated,
            ranked,
        })
    }
}

/// Documents before templates, each by path or id.
fn source_key(s: &HitSource) -> (u8, &str) {
    match s {
        HitSource::Document { path } => (0, path),
        HitSource::Template { id } => (1, id),
    }
}

enum Source {
    File(String),
    Template(Box<Document>),
}

struct Prepared {
    key: String,
    sha: String,
    language: Language,
    position: String,
    organisation: String,
    department: String,
    /// (place as JSON, text, stems)
    chunks: Vec<Chunk>,
}

fn prepare(root: &Path, key: &str, sha: &str, source: &Source) -> Option<Prepared> {
    let (doc, sha) = match source {
        Source::Template(doc) => ((**doc).clone(), sha.to_owned()),
        Source::File(rel) => {
            let path = crate::resolve(root, rel)?;
            let bytes = fs::read(&path).ok()?;
            // What is indexed is what was read now, under its own hash.
            let sha = hex(&Sha256::digest(&bytes));
            (file::from_bytes(&bytes, &path).ok()?, sha)
        }
    };
    Some(Prepared {
        key: key.to_owned(),
        sha,
        language: doc.language,
        position: doc.position.name.clone(),
        organisation: doc.organisation.name.clone(),
        department: doc.organisation.department.clone(),
        chunks: chunks(&doc),
    })
}

/// One searchable piece: its place (as JSON), its section kind (clauses only), its text and
/// the stems of its words.
pub type Chunk = (String, Option<String>, String, String);

/// The searchable pieces of a document: its fields and every clause (field references in a
/// clause read as the field's text).
pub fn chunks(doc: &Document) -> Vec<Chunk> {
    let mut out = Vec::new();
    let mut push = |place: &Place, text: String| {
        if text.trim().is_empty() {
            return;
        }
        let stems = text::stems(&text);
        let section = match place {
            Place::Clause { section, .. } => serde_json::to_value(section)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned)),
            Place::Field { .. } => None,
        };
        let place = serde_json::to_string(place).unwrap_or_default();
        out.push((place, section, text, stems));
    };
    for field in [
        Field::Position,
        Field::Organisation,
        Field::Department,
        Field::ReportsTo,
    ] {
        push(
            &Place::Field {
                field: field.key().to_owned(),
            },
            field_value(doc, field).to_owned(),
        );
    }
    for (path, clause) in doc.clauses() {
        let section = doc.sections[path[0]].kind;
        let text = clause.text.substitute(|f| field_value(doc, f));
        push(
            &Place::Clause {
                id: clause.id.clone(),
                section,
                number: numbering::label(&path),
            },
            text,
        );
    }
    out
}

fn delete_doc(tx: &rusqlite::Transaction<'_>, key: &str) -> rusqlite::Result<()> {
    let id: Option<i64> = tx
        .query_row("SELECT id FROM docs WHERE key = ?1", [key], |r| r.get(0))
        .optional()?;
    if let Some(id) = id {
        tx.execute(
            "DELETE FROM fts WHERE rowid IN (SELECT id FROM chunks WHERE doc = ?1)",
            [id],
        )?;
        tx.execute("DELETE FROM chunks WHERE doc = ?1", [id])?;
        tx.execute("DELETE FROM docs WHERE id = ?1", [id])?;
    }
    Ok(())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
