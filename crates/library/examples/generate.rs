//! `cargo run -p jobdoc-library --example generate -- DIR N`: writes a library of N documents
//! built from the built-in templates (see `jobdoc_library::generate`).

fn main() {
    let mut args = std::env::args().skip(1);
    let (Some(dir), Some(n)) = (args.next(), args.next()) else {
        eprintln!("usage: generate DIR N");
        std::process::exit(2);
    };
    let n: usize = match n.parse() {
        Ok(n) => n,
        Err(e) => {
            eprintln!("generate: N: {e}");
            std::process::exit(2);
        }
    };
    if let Err(e) = jobdoc_library::generate::write_library(std::path::Path::new(&dir), n) {
        eprintln!("generate: {dir}: {e}");
        std::process::exit(1);
    }
}
