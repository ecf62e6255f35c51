//! Writes that lose nothing: `import`, `extract --write` and `--write-baseline` write each file
//! to a temporary file and rename it, so a killed run leaves the old file whole, and concurrent
//! runs leave one run's file, never a mix. (`review` writes through the same function.)

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use assert_cmd::cargo::CommandCargoExt;

/// A table of `rows` claims, all from source `big`, whose values carry `tag`.
fn table(dir: &Path, name: &str, rows: usize, tag: &str) -> String {
    let mut text = String::from("source,subject,value\n");
    for i in 0..rows {
        text.push_str(&format!("big,subject-{i},{tag}-{i}\n"));
    }
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

fn import(table: &str, out: &Path) -> Command {
    let mut command = Command::cargo_bin("concord").unwrap();
    command
        .args([
            "import",
            table,
            "--source",
            "source",
            "--subject",
            "subject",
            "--value",
            "value",
            "--property",
            "p",
            "--force",
            "--out",
        ])
        .arg(out)
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    command
}

#[test]
fn a_killed_import_leaves_the_old_file_whole() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("corpus");
    let small = table(dir.path(), "small.csv", 3, "old");
    assert!(import(&small, &out).status().unwrap().success());
    let old = std::fs::read_to_string(out.join("facts/big.yaml")).unwrap();

    let large = table(dir.path(), "large.csv", 300_000, "new");
    for delay in [5, 50, 150, 400] {
        let mut child = import(&large, &out).spawn().unwrap();
        std::thread::sleep(Duration::from_millis(delay));
        let _ = child.kill();
        let _ = child.wait();
        let now = std::fs::read_to_string(out.join("facts/big.yaml")).unwrap();
        assert!(
            now == old || (now.ends_with("value: new-299999\n") && now.contains("value: new-0\n")),
            "a half-written file after {delay} ms"
        );
        let leftovers: Vec<_> = std::fs::read_dir(out.join("facts"))
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .filter(|n| n != "big.yaml" && !n.starts_with(".concord-"))
            .collect();
        assert!(leftovers.is_empty(), "{leftovers:?}");
    }
}

#[test]
fn concurrent_imports_never_mix_their_files() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("corpus");
    let first = table(dir.path(), "first.csv", 50_000, "first");
    let second = table(dir.path(), "second.csv", 50_000, "second");
    for _ in 0..3 {
        let mut a = import(&first, &out).spawn().unwrap();
        let mut b = import(&second, &out).spawn().unwrap();
        assert!(a.wait().unwrap().success() && b.wait().unwrap().success());
        let text = std::fs::read_to_string(out.join("facts/big.yaml")).unwrap();
        let whole = |tag: &str| text.matches(&format!("value: {tag}-")).count() == 50_000;
        assert!(whole("first") ^ whole("second"), "a mixed file");
        assert!(
            !(text.contains("value: first-") && text.contains("value: second-")),
            "a mixed file"
        );
    }
}

#[test]
fn a_killed_extract_leaves_the_old_draft_whole() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("long.txt");
    let mut text = String::new();
    for i in 0..15_000 {
        text.push_str(&format!(
            "Le groupe Acme{} a vendu {i} 000 puces en juillet, selon Marie Dupont.\n",
            i % 97
        ));
    }
    std::fs::write(&article, text).unwrap();
    let extract = |write: bool| {
        let mut command = Command::cargo_bin("concord").unwrap();
        command.arg("extract").arg(&article).current_dir(dir.path());
        if write {
            command.args(["--write", "draft.yaml", "--force"]);
        }
        command
    };
    let full = extract(false).output().unwrap().stdout;
    let target = dir.path().join("draft.yaml");
    std::fs::write(&target, "the old draft\n").unwrap();
    for delay in [10, 100, 400, 1000] {
        let mut child = extract(true)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay));
        let _ = child.kill();
        let _ = child.wait();
        let now = std::fs::read(&target).unwrap();
        assert!(
            now == b"the old draft\n" || now == full,
            "a half-written draft after {delay} ms"
        );
    }
}

#[test]
fn a_killed_write_baseline_leaves_the_old_baseline_whole() {
    let dir = tempfile::tempdir().unwrap();
    let generate = |out: &Path| {
        let status = Command::cargo_bin("concord-gen")
            .unwrap()
            .args([
                "--claims",
                "20000",
                "--seed",
                "5",
                "--error-rate",
                "0.3",
                "--out",
            ])
            .arg(out)
            .stderr(Stdio::null())
            .status()
            .unwrap();
        assert!(status.success());
    };
    let write_baseline = |root: &Path| {
        let mut command = Command::cargo_bin("concord").unwrap();
        command
            .arg("check")
            .arg(root)
            .arg("--write-baseline")
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        command
    };
    // The baseline a finished run writes, on a copy of the same corpus.
    let finished = dir.path().join("finished");
    generate(&finished);
    assert!(write_baseline(&finished).status().unwrap().success());
    let full = std::fs::read(finished.join("facts/reviewed.yaml")).unwrap();
    assert!(full.len() > 10_000, "{} bytes", full.len());

    let root = dir.path().join("killed");
    generate(&root);
    let old = b"reviewed: []\n";
    std::fs::write(root.join("facts/reviewed.yaml"), old).unwrap();
    for delay in [50, 300, 700, 1500] {
        let mut child = write_baseline(&root).spawn().unwrap();
        std::thread::sleep(Duration::from_millis(delay));
        let _ = child.kill();
        let _ = child.wait();
        let now = std::fs::read(root.join("facts/reviewed.yaml")).unwrap();
        assert!(
            now == old || now == full,
            "a half-written baseline after {delay} ms"
        );
    }
}

#[test]
fn a_reader_of_an_import_target_only_ever_sees_the_old_file_or_the_new_one() {
    // Two imports write `facts/big.yaml` by turns, each a file of several megabytes, while a
    // reader reads it in a tight loop. Every read must be one run's whole file: never an empty
    // file, never a truncated one, never a mix.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("corpus");
    let target = out.join("facts/big.yaml");
    let tables = [
        table(dir.path(), "a.csv", 60_000, "first"),
        table(dir.path(), "b.csv", 80_000, "second"),
    ];
    // Each table's whole file, as a finished import writes it.
    let whole: Vec<Vec<u8>> = tables
        .iter()
        .map(|t| {
            assert!(import(t, &out).status().unwrap().success());
            std::fs::read(&target).unwrap()
        })
        .collect();
    assert!(whole[0].len() > 1_000_000 && whole[0] != whole[1]);

    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let reader = {
        let (stop, target, whole) = (stop.clone(), target.clone(), whole.clone());
        std::thread::spawn(move || {
            let mut seen = [0usize; 2];
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                let now = std::fs::read(&target).unwrap();
                match whole.iter().position(|w| *w == now) {
                    Some(i) => seen[i] += 1,
                    None => {
                        let lines = now.iter().filter(|b| **b == b'\n').count();
                        return Err(format!(
                            "a reader saw a file of {} bytes ({lines} lines) that is neither run's",
                            now.len()
                        ));
                    }
                }
            }
            Ok(seen)
        })
    };
    for round in 0..6 {
        let status = import(&tables[round % 2], &out).status().unwrap();
        assert!(status.success());
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let seen = reader.join().unwrap().unwrap_or_else(|e| panic!("{e}"));
    // The reader did read both files, so it was reading while they were replaced.
    assert!(seen[0] > 0 && seen[1] > 0, "{seen:?}");
}
