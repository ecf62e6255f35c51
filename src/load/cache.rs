//! The parse cache: each source file's records, kept in [`DIR`] under the corpus root and keyed
//! by the BLAKE3 hash of the file's text, so that a re-run parses only the files that changed.
//!
//! An entry is [`MAGIC`], the stamp of the build that wrote it, the hash of its key and payload,
//! then the payload (postcard). An entry that is truncated, altered, or written by another build of
//! concord fails these checks: the file is parsed again and the entry rewritten, never trusted.
//! Only files that read without error are stored; the registry and the baseline, which are
//! small, are always parsed. The folder is safe to delete, and tells git to ignore it.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use super::schema::SourceHeader;
use crate::model::{Claim, Location};
use crate::write::atomic_write_unsynced;

/// The cache folder, relative to the corpus root.
pub const DIR: &str = ".concord-cache";
/// The first bytes of every entry.
const MAGIC: &[u8] = b"concord-cache 1\n";
const HASH_LEN: usize = 32;

/// One corpus root's cache. Entries used by this run are remembered, so that [`Cache::prune`]
/// can remove the ones edits left behind.
pub struct Cache {
    entries: PathBuf,
    stamp: [u8; HASH_LEN],
    used: Mutex<HashSet<String>>,
    wrote: AtomicBool,
}

/// What a cached source file holds.
#[derive(serde::Serialize, serde::Deserialize)]
pub struct CachedSource {
    pub header: SourceHeader,
    pub claims: Vec<Claim>,
}

impl Cache {
    /// The cache of the corpus at `root`. Nothing is created until an entry is written.
    pub fn at(root: &Path) -> Self {
        Self {
            entries: root.join(DIR).join("files"),
            stamp: build_stamp(),
            used: Mutex::new(HashSet::new()),
            wrote: AtomicBool::new(false),
        }
    }

    /// The key of a file's text.
    pub fn key(text: &str) -> String {
        blake3::hash(text.as_bytes()).to_hex().to_string()
    }

    /// The records stored for `key`, with their locations in `file`; `None` when there is no
    /// entry or it fails a check.
    pub fn get(&self, key: &str, file: &Arc<str>) -> Option<CachedSource> {
        self.used.lock().ok()?.insert(key.to_string());
        let bytes = fs::read(self.entries.join(key)).ok()?;
        let rest = bytes.strip_prefix(MAGIC)?;
        if rest.len() < 2 * HASH_LEN || rest[..HASH_LEN] != self.stamp {
            return None;
        }
        let (hash, payload) = rest[HASH_LEN..].split_at(HASH_LEN);
        if checksum(key, payload) != hash {
            return None;
        }
        let mut source: CachedSource = postcard::from_bytes(payload).ok()?;
        source.set_file(file);
        Some(source)
    }

    /// Stores the records read from the file of `key`. A failure only costs a parse next time,
    /// so it is not reported.
    pub fn put(&self, key: &str, header: &SourceHeader, claims: &[Claim]) {
        #[derive(serde::Serialize)]
        struct Borrowed<'a> {
            header: &'a SourceHeader,
            claims: &'a [Claim],
        }
        let Ok(payload) = postcard::to_stdvec(&Borrowed { header, claims }) else {
            return;
        };
        let mut entry = Vec::with_capacity(MAGIC.len() + 2 * HASH_LEN + payload.len());
        entry.extend_from_slice(MAGIC);
        entry.extend_from_slice(&self.stamp);
        entry.extend_from_slice(&checksum(key, &payload));
        entry.extend_from_slice(&payload);
        if self.ensure_folder().is_ok()
            && atomic_write_unsynced(&self.entries.join(key), &entry).is_ok()
        {
            self.wrote.store(true, Ordering::Relaxed);
        }
    }

    /// After a run that wrote entries, removes those no file of the corpus has any more.
    pub fn prune(&self) {
        if !self.wrote.load(Ordering::Relaxed) {
            return;
        }
        let (Ok(used), Ok(listing)) = (self.used.lock(), fs::read_dir(&self.entries)) else {
            return;
        };
        for entry in listing.flatten() {
            let name = entry.file_name();
            if !used.contains(name.to_string_lossy().as_ref()) {
                let _ = fs::remove_file(entry.path());
            }
        }
    }

    /// Creates the folder, with a `.gitignore` that ignores it and a cache directory tag that
    /// backup tools understand.
    fn ensure_folder(&self) -> std::io::Result<()> {
        if self.entries.is_dir() {
            return Ok(());
        }
        fs::create_dir_all(&self.entries)?;
        let top = self.entries.parent().unwrap_or(&self.entries);
        fs::write(
            top.join(".gitignore"),
            "# concord's parse cache; safe to delete\n*\n",
        )?;
        fs::write(
            top.join("CACHEDIR.TAG"),
            "Signature: 8a477f597d28d172789f06886806bc55\n# concord's parse cache; safe to delete\n",
        )
    }
}

impl CachedSource {
    /// Points every location at `file`: entries store lines and columns only.
    fn set_file(&mut self, file: &Arc<str>) {
        let set = |at: &mut Location| at.file = file.clone();
        set(&mut self.header.id.at);
        if let Some(article) = &mut self.header.article {
            set(&mut article.at);
        }
        for claim in &mut self.claims {
            set(&mut claim.at);
            let required = [&mut claim.subject, &mut claim.property, &mut claim.value];
            let optional = [
                claim.id.as_mut(),
                claim.unit.as_mut(),
                claim.when.as_mut(),
                claim.place.as_mut(),
                claim.evidence.as_mut(),
            ];
            for located in required.into_iter().chain(optional.into_iter().flatten()) {
                set(&mut located.at);
            }
        }
    }
}

/// The hash of an entry's payload together with its key, so that an entry copied under another
/// key fails the check as surely as an altered one.
fn checksum(key: &str, payload: &[u8]) -> [u8; HASH_LEN] {
    let mut hasher = blake3::Hasher::new();
    hasher.update(key.as_bytes());
    hasher.update(payload);
    *hasher.finalize().as_bytes()
}

/// What identifies the build that writes entries: the cache format, concord's version, and the
/// size and time of the executable, so that a rebuilt concord never reads an older one's entries.
fn build_stamp() -> [u8; HASH_LEN] {
    let mut hasher = blake3::Hasher::new();
    hasher.update(MAGIC);
    hasher.update(env!("CARGO_PKG_VERSION").as_bytes());
    if let Some(meta) = std::env::current_exe().ok().and_then(|e| e.metadata().ok()) {
        hasher.update(&meta.len().to_le_bytes());
        if let Ok(modified) = meta.modified() {
            hasher.update(format!("{modified:?}").as_bytes());
        }
    }
    *hasher.finalize().as_bytes()
}

/// Serde for a [`Location`] in the cache: its line and column. The file is set on reading.
pub mod position {
    use std::sync::{Arc, LazyLock};

    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    use crate::model::Location;

    static NO_FILE: LazyLock<Arc<str>> = LazyLock::new(|| "".into());

    pub fn serialize<S: Serializer>(at: &Location, serializer: S) -> Result<S::Ok, S::Error> {
        (at.line, at.column).serialize(serializer)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Location, D::Error> {
        let (line, column) = <(u32, u32)>::deserialize(deserializer)?;
        Ok(Location {
            file: NO_FILE.clone(),
            line,
            column,
        })
    }
}
