//! Writes that lose nothing: each file is written to a temporary file beside it, synced, then
//! renamed over the target, so that a reader sees the old file or the new one, never half.

use std::fs;
use std::io::Write;
use std::path::Path;

/// Writes `contents` to `path` atomically, and durably: the data is on disk before the rename.
pub fn atomic_write(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    write_through_temporary(path, contents, true)
}

/// Writes `contents` to `path` atomically but without waiting for the disk: for files that are
/// checked when read, such as cache entries, where a lost write only costs a rebuild.
pub fn atomic_write_unsynced(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    write_through_temporary(path, contents, false)
}

fn write_through_temporary(path: &Path, contents: &[u8], sync: bool) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let mut temporary = tempfile::Builder::new()
        .prefix(".concord-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    temporary.write_all(contents)?;
    if sync {
        temporary.as_file().sync_all()?;
    }
    temporary.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("facts/a.yaml");
        atomic_write(&path, b"one").unwrap();
        atomic_write(&path, b"two").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "two");
        let names: Vec<_> = fs::read_dir(dir.path().join("facts"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec!["a.yaml"]);
    }
}
