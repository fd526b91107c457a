//! Embeds every `templates/<category>/<id>.jobdoc` file of the repository, so that adding a
//! template is dropping a file into the folder of its category.

use std::env;
use std::fs;
use std::path::{Path, PathBuf};

fn main() {
    let manifest = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap());
    let dir = manifest.join("../../templates");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<(String, PathBuf)> = Vec::new();
    let mut categories: Vec<PathBuf> = fs::read_dir(&dir)
        .map(|rd| rd.filter_map(|e| e.ok()).map(|e| e.path()).collect())
        .unwrap_or_default();
    categories.retain(|p| p.is_dir());
    for category in categories {
        println!("cargo:rerun-if-changed={}", category.display());
        let name = category.file_name().unwrap().to_string_lossy().into_owned();
        for entry in fs::read_dir(&category).unwrap().filter_map(|e| e.ok()) {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "jobdoc") {
                files.push((name.clone(), path));
            }
        }
    }
    files.sort_by(|a, b| a.1.file_stem().cmp(&b.1.file_stem()));
    let mut code = String::from(
        "/// Built-in templates: (id, category folder, file contents), sorted by id.\n\
         pub static EMBEDDED: &[(&str, &str, &str)] = &[\n",
    );
    for (category, path) in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        let id = path.file_stem().unwrap().to_string_lossy();
        let abs = fs::canonicalize(path).unwrap();
        code.push_str(&format!(
            "    ({id:?}, {category:?}, include_str!({:?})),\n",
            abs.display().to_string()
        ));
    }
    code.push_str("];\n");
    let out = Path::new(&env::var("OUT_DIR").unwrap()).join("templates.rs");
    fs::write(out, code).unwrap();
}
