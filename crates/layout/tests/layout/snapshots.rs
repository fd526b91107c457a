//! Snapshot tests: the page layout of every template (and of a generated document) as text,
//! compared with `tests/snapshots/<id>.txt`. `JOBDOC_BLESS=1 cargo test -p jobdoc-layout`
//! rewrites the files (a deliberate developer action); otherwise a difference fails with a diff.

use std::path::PathBuf;

use super::*;
use jobdoc_layout::snapshot;
use jobdoc_model::generate;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots")
}

/// A line diff (longest common subsequence), with up to `context` unchanged lines around
/// changes.
fn diff(old: &str, new: &str) -> String {
    let a: Vec<&str> = old.lines().collect();
    let b: Vec<&str> = new.lines().collect();
    let (n, m) = (a.len(), b.len());
    let mut lcs = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let mut ops: Vec<(char, &str)> = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            ops.push((' ', a[i]));
            i += 1;
            j += 1;
        } else if i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1]) {
            ops.push(('-', a[i]));
            i += 1;
        } else {
            ops.push(('+', b[j]));
            j += 1;
        }
    }
    let context = 2;
    let mut out = String::new();
    let mut shown = 0;
    for (k, (op, line)) in ops.iter().enumerate() {
        let near = ops[k.saturating_sub(context)..(k + context + 1).min(ops.len())]
            .iter()
            .any(|(o, _)| *o != ' ');
        if near {
            out.push_str(&format!("{op} {line}\n"));
            shown += 1;
            if shown > 200 {
                out.push_str("…\n");
                break;
            }
        }
    }
    out
}

fn check(id: &str, doc: &Document) -> Result<(), String> {
    let got = snapshot(&run(doc));
    let path = dir().join(format!("{id}.txt"));
    if std::env::var("JOBDOC_BLESS").as_deref() == Ok("1") {
        std::fs::create_dir_all(dir()).map_err(|e| e.to_string())?;
        std::fs::write(&path, &got).map_err(|e| format!("{}: {e}", path.display()))?;
        return Ok(());
    }
    let want = std::fs::read_to_string(&path).map_err(|e| {
        format!(
            "{id}: no snapshot {} ({e}); run JOBDOC_BLESS=1 cargo test -p jobdoc-layout",
            path.display()
        )
    })?;
    if want != got {
        return Err(format!(
            "{id}: layout differs from {} (- snapshot, + now):\n{}",
            path.display(),
            diff(&want, &got)
        ));
    }
    Ok(())
}

#[test]
fn every_template_matches_its_snapshot() {
    let ids: Vec<&str> = jobdoc_model::templates::ids().collect();
    assert!(!ids.is_empty(), "no templates");
    let failures: Vec<String> = ids
        .iter()
        .filter_map(|id| {
            let doc = jobdoc_model::templates::load(id).unwrap().unwrap();
            check(id, &doc).err()
        })
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn generated_documents_match_their_snapshots() {
    let failures: Vec<String> = [
        ("generated-ru-40-1", generate::document(40, 1, Language::Ru)),
        ("generated-en-40-2", generate::document(40, 2, Language::En)),
    ]
    .iter()
    .filter_map(|(id, doc)| check(id, doc).err())
    .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn the_diff_shows_changed_lines() {
    let d = diff("a\nb\nc\n", "a\nx\nc\n");
    assert_eq!(d, "  a\n- b\n+ x\n  c\n");
}
