//! Embeds every `templates/<category>/<id>.jobdoc` file of the repository, so that adding a
//! template is dropping a file into the folder of its category. Each is stored deflated (the
//! 1.4 MB of JSON take about a fifth of that), which keeps the app binary within its size budget.

use std::env;
use std::fs;
use std::path::PathBuf;

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
        "/// Built-in templates: (id, category folder, deflated file contents), sorted by id.\n\
         pub static EMBEDDED: &[(&str, &str, &[u8])] = &[\n",
    );
    let out_dir = PathBuf::from(env::var("OUT_DIR").unwrap());
    let packed = out_dir.join("templates");
    fs::create_dir_all(&packed).unwrap();
    for (category, path) in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        let id = path.file_stem().unwrap().to_string_lossy();
        let text = fs::read(path).unwrap();
        let file = packed.join(format!("{id}.deflate"));
        fs::write(&file, miniz_oxide::deflate::compress_to_vec(&text, 10)).unwrap();
        code.push_str(&format!(
            "    ({id:?}, {category:?}, include_bytes!({:?})),\n",
            file.display().to_string()
        ));
    }
    code.push_str("];\n");
    fs::write(out_dir.join("templates.rs"), code).unwrap();
}
