//! The floor for `check`'s speed: read and parse every YAML file of `ROOT/facts` with serde_yaml
//! alone, in parallel as `check` does, and nothing else.
//!
//! cargo run --release --example parse_only ROOT

use rayon::prelude::*;

fn files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("a folder").flatten() {
        let path = entry.path();
        if path.is_dir() {
            files(&path, out);
        } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            out.push(path);
        }
    }
}

fn main() {
    let root = std::env::args().nth(1).expect("usage: parse_only ROOT");
    let mut paths = Vec::new();
    files(&std::path::Path::new(&root).join("facts"), &mut paths);
    let values: usize = paths
        .par_iter()
        .map(|path| {
            let text = std::fs::read_to_string(path).expect("a readable file");
            let value: serde_yaml::Value = serde_yaml::from_str(&text).expect("YAML");
            usize::from(!value.is_null())
        })
        .sum();
    println!("parsed {values} files");
}
