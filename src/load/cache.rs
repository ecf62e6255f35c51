//! The parse cache: each source file's records, kept in [`DIR`] under the corpus root and keyed
//! by the BLAKE3 hash of the file's text, so that a re-run parses only the files that changed.
//!
//! The cache is one pack file, read whole and written whole (a single file is much faster to
//! write than one per source on a cold run). It holds [`MAGIC`], the stamp of the build that
//! wrote it, then for each entry its key, the hash of its key and payload, the payload's length
//! and the payload (postcard). A pack of another build of concord is ignored; an entry that is
//! truncated, altered or filed under another key fails its hash: the file is parsed again and
//! the entry rewritten, never trusted. Only files that read without error are stored; the
//! registry and the baseline, which are small, are always parsed. After a run that parsed
//! anything, the pack is rewritten with exactly the entries the corpus still uses. The folder is
//! safe to delete, and tells git to ignore it.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use super::schema::{FileContent, SourceHeader};
use crate::diagnostic::InputError;
use crate::write::atomic_write_unsynced;
use concord_engine::model::{Claim, Location};

/// The cache folder, relative to the corpus root.
pub const DIR: &str = ".concord-cache";
/// The pack file in [`DIR`].
const PACK: &str = "parsed.bin";
/// The first bytes of a pack.
const MAGIC: &[u8] = b"concord-cache 2\n";
const HASH_LEN: usize = 32;
/// An entry's key, checksum and payload length come before its payload.
const ENTRY_HEAD: usize = 2 * HASH_LEN + 8;

/// The key of a file's text.
pub type Key = [u8; HASH_LEN];

/// One corpus root's cache, as read at the start of a run, with the entries the run uses and adds.
pub struct Cache {
    /// Where the pack is saved; `None` for a cache that lives in memory only.
    folder: Option<PathBuf>,
    stamp: [u8; HASH_LEN],
    /// The pack as read; empty when there was none or another build wrote it.
    pack: Vec<u8>,
    /// Where each entry of `pack` lies.
    index: HashMap<Key, Range<usize>>,
    /// The entries of `pack` this run used, and the entries it made.
    used: Mutex<HashSet<Key>>,
    made: Mutex<Vec<(Key, Vec<u8>)>>,
}

/// What a cached source file holds.
#[derive(serde::Serialize, serde::Deserialize)]
struct CachedSource {
    header: SourceHeader,
    claims: Vec<Claim>,
}

impl Cache {
    /// Reads the cache of the corpus at `root`; a missing or unreadable pack is an empty cache.
    pub fn open(root: &Path) -> Self {
        let folder = root.join(DIR);
        let stamp = build_stamp();
        let mut pack = fs::read(folder.join(PACK)).unwrap_or_default();
        let sound_start = pack.starts_with(MAGIC) && pack[MAGIC.len()..].starts_with(&stamp);
        if !sound_start {
            pack.clear();
        }
        let index = if sound_start {
            index_entries(&pack, MAGIC.len() + HASH_LEN)
        } else {
            HashMap::new()
        };
        Self {
            folder: Some(folder),
            stamp,
            pack,
            index,
            used: Mutex::new(HashSet::new()),
            made: Mutex::new(Vec::new()),
        }
    }

    /// What a corpus file holds, and its errors ([`super::parse_file`]): the records stored for
    /// its text when there are any, else parsed, and stored when they read without error.
    pub fn parse(&self, name: &Arc<str>, text: &str) -> (Option<FileContent>, Vec<InputError>) {
        let key = Cache::key(text);
        if let Some(CachedSource { header, claims }) = self.get(&key, name) {
            return (Some(FileContent::Source { header, claims }), Vec::new());
        }
        let (content, errors) = super::parse_file(name, text);
        if let Some(FileContent::Source { header, claims }) = &content
            && errors.is_empty()
        {
            self.put(&key, header, claims);
        }
        (content, errors)
    }

    /// A cache in memory holding `entries` (made by [`Cache::entry`], for instance on other
    /// machines); it is never saved.
    pub fn in_memory(entries: impl IntoIterator<Item = (Key, Vec<u8>)>) -> Self {
        let stamp = build_stamp();
        let mut pack = [MAGIC, &stamp].concat();
        for (key, payload) in entries {
            push_entry(&mut pack, &key, &payload);
        }
        Self {
            folder: None,
            stamp,
            index: index_entries(&pack, MAGIC.len() + HASH_LEN),
            pack,
            used: Mutex::new(HashSet::new()),
            made: Mutex::new(Vec::new()),
        }
    }

    /// The entry for a source file's bytes: its key and records, as [`Cache::parse`] stores
    /// them; `None` when the file is not UTF-8, is too large, or does not read as a source file
    /// without error (the loader then parses it and reports its errors).
    pub fn entry(bytes: Vec<u8>) -> Option<(Key, Vec<u8>)> {
        if bytes.len() as u64 > super::MAX_YAML_BYTES {
            return None;
        }
        let text = super::normalise_line_endings(String::from_utf8(bytes).ok()?);
        match super::parse_file(&Arc::from(""), &text) {
            (Some(FileContent::Source { header, claims }), errors) if errors.is_empty() => {
                let payload = postcard::to_stdvec(&CachedSource { header, claims }).ok()?;
                Some((Cache::key(&text), payload))
            }
            _ => None,
        }
    }

    /// The key of a file's text.
    fn key(text: &str) -> Key {
        *blake3::hash(text.as_bytes()).as_bytes()
    }

    /// The records stored for `key`, with their locations in `file`; `None` when there is no
    /// entry or it fails its check.
    fn get(&self, key: &Key, file: &Arc<str>) -> Option<CachedSource> {
        let range = self.index.get(key)?;
        let entry = &self.pack[range.clone()];
        let (checksum_stored, payload) = (&entry[HASH_LEN..2 * HASH_LEN], &entry[ENTRY_HEAD..]);
        if checksum(key, payload) != checksum_stored {
            return None;
        }
        let mut source: CachedSource = postcard::from_bytes(payload).ok()?;
        source.set_file(file);
        self.used.lock().ok()?.insert(*key);
        Some(source)
    }

    /// Keeps the records read from the file of `key`, for [`Cache::save`].
    fn put(&self, key: &Key, header: &SourceHeader, claims: &[Claim]) {
        #[derive(serde::Serialize)]
        struct Borrowed<'a> {
            header: &'a SourceHeader,
            claims: &'a [Claim],
        }
        if let (Ok(payload), Ok(mut made)) = (
            postcard::to_stdvec(&Borrowed { header, claims }),
            self.made.lock(),
        ) {
            made.push((*key, payload));
        }
    }

    /// Writes the pack again when this run parsed a file or left an entry unused, with exactly
    /// the entries it used and made. A failure only costs a parse next time, so it is not
    /// reported. A cache in memory is never written.
    pub fn save(&self) {
        let Some(folder) = &self.folder else { return };
        if let Some(pack) = self.repacked()
            && Self::ensure_folder(folder).is_ok()
        {
            let _ = atomic_write_unsynced(&folder.join(PACK), &pack);
        }
    }

    /// A cache in memory only, starting from the pack of the corpus at `root` when a run of
    /// `check` left one: for the language server, which keeps it between analyses ([`Cache::keep`])
    /// and never writes it.
    pub fn in_memory_from(root: &Path) -> Self {
        Self {
            folder: None,
            ..Self::open(root)
        }
    }

    /// Keeps in memory, for the next run, exactly the entries this run used and made.
    pub fn keep(&mut self) {
        if let Some(pack) = self.repacked() {
            self.index = index_entries(&pack, MAGIC.len() + HASH_LEN);
            self.pack = pack;
        }
        if let Ok(used) = self.used.get_mut() {
            used.clear();
        }
        if let Ok(made) = self.made.get_mut() {
            made.clear();
        }
    }

    /// The pack of the entries this run used and made; `None` when it would be the pack as read.
    fn repacked(&self) -> Option<Vec<u8>> {
        let (Ok(used), Ok(made)) = (self.used.lock(), self.made.lock()) else {
            return None;
        };
        if made.is_empty() && used.len() == self.index.len() {
            return None;
        }
        let mut pack = Vec::with_capacity(self.pack.len());
        pack.extend_from_slice(MAGIC);
        pack.extend_from_slice(&self.stamp);
        for (key, range) in &self.index {
            if used.contains(key) {
                pack.extend_from_slice(&self.pack[range.clone()]);
            }
        }
        for (key, payload) in made.iter() {
            push_entry(&mut pack, key, payload);
        }
        Some(pack)
    }

    /// Creates the folder, with a `.gitignore` that ignores it and a cache directory tag that
    /// backup tools understand.
    fn ensure_folder(folder: &Path) -> std::io::Result<()> {
        if folder.is_dir() {
            return Ok(());
        }
        fs::create_dir_all(folder)?;
        fs::write(
            folder.join(".gitignore"),
            "# concord's parse cache; safe to delete\n*\n",
        )?;
        fs::write(
            folder.join("CACHEDIR.TAG"),
            "Signature: 8a477f597d28d172789f06886806bc55\n# concord's parse cache; safe to delete\n",
        )
    }
}

/// Appends an entry to a pack: its key, checksum, payload length and payload.
fn push_entry(pack: &mut Vec<u8>, key: &Key, payload: &[u8]) {
    pack.extend_from_slice(key);
    pack.extend_from_slice(&checksum(key, payload));
    pack.extend_from_slice(&(payload.len() as u64).to_le_bytes());
    pack.extend_from_slice(payload);
}

/// The entries of a pack from `start` on, by key; a truncated or malformed tail ends the index.
fn index_entries(pack: &[u8], mut start: usize) -> HashMap<Key, Range<usize>> {
    let mut index = HashMap::new();
    while let Some(head) = pack.get(start..start + ENTRY_HEAD) {
        let key: Key = head[..HASH_LEN]
            .try_into()
            .expect("a key is HASH_LEN bytes");
        let length: [u8; 8] = head[2 * HASH_LEN..]
            .try_into()
            .expect("a length is 8 bytes");
        let Some(end) = usize::try_from(u64::from_le_bytes(length))
            .ok()
            .and_then(|length| (start + ENTRY_HEAD).checked_add(length))
            .filter(|&end| end <= pack.len())
        else {
            break;
        };
        index.insert(key, start..end);
        start = end;
    }
    index
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
fn checksum(key: &Key, payload: &[u8]) -> [u8; HASH_LEN] {
    let mut hasher = blake3::Hasher::new();
    hasher.update(key);
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

#[cfg(test)]
mod tests {
    use super::*;
    use concord_engine::model::Located;

    fn located(value: &str, line: u32) -> Located<String> {
        Located {
            value: value.into(),
            at: Location {
                file: "facts/a.yaml".into(),
                line,
                column: 5,
            },
        }
    }

    fn source(id: &str) -> (SourceHeader, Vec<Claim>) {
        let header = SourceHeader {
            id: located(id, 2),
            article: None,
            outlet: None,
            url: None,
            language: Some("fr".into()),
            locale: None,
            published: None,
        };
        let claim = Claim {
            at: located("", 4).at,
            id: None,
            subject: located("Nvidia", 4),
            property: located("revenue", 5),
            value: located("3 milliards", 6),
            kind: None,
            unit: None,
            when: Some(located("2025", 7)),
            place: None,
            evidence: None,
        };
        (header, vec![claim])
    }

    fn store(cache: &Cache, id: &str) -> Key {
        let key = Cache::key(id);
        let (header, claims) = source(id);
        cache.put(&key, &header, &claims);
        key
    }

    #[test]
    fn an_entry_comes_back_with_its_file_and_positions() {
        let dir = tempfile::tempdir().unwrap();
        let key = store(&Cache::open(dir.path()), "a");
        assert!(
            Cache::open(dir.path()).index.is_empty(),
            "nothing saved yet"
        );
        let cache = Cache::open(dir.path());
        let key_b = store(&cache, "b");
        cache.save();
        let cache = Cache::open(dir.path());
        assert!(cache.get(&key, &"facts/a.yaml".into()).is_none());
        let file: Arc<str> = "facts/b.yaml".into();
        let got = cache.get(&key_b, &file).unwrap();
        assert_eq!(got.header.id.value, "b");
        assert_eq!(got.claims[0].value.value, "3 milliards");
        assert_eq!(got.claims[0].when.as_ref().unwrap().at.line, 7);
        assert_eq!(got.claims[0].subject.at.file, file);
        assert_eq!(got.claims[0].at.file, file);
    }

    #[test]
    fn a_cache_kept_in_memory_holds_what_the_last_run_used_and_made_and_is_never_written() {
        let dir = tempfile::tempdir().unwrap();
        let on_disk = Cache::open(dir.path());
        let key_a = store(&on_disk, "a");
        on_disk.save();
        // The pack a `check` left is the start; what the runs make stays in memory.
        let mut cache = Cache::in_memory_from(dir.path());
        let file: Arc<str> = "facts/a.yaml".into();
        assert!(cache.get(&key_a, &file).is_some());
        let key_b = store(&cache, "b");
        cache.keep();
        // A run that reads both keeps both.
        assert!(cache.get(&key_a, &file).is_some() && cache.get(&key_b, &file).is_some());
        cache.keep();
        // A run that no longer reads `a` (its text changed) drops it.
        cache.get(&key_b, &file);
        cache.keep();
        assert!(cache.get(&key_a, &file).is_none());
        assert!(cache.get(&key_b, &file).is_some());
        // Saving a cache in memory writes nothing: the disk still holds the pack of `check`.
        cache.save();
        let disk = Cache::open(dir.path());
        assert!(disk.get(&key_a, &file).is_some() && disk.get(&key_b, &file).is_none());
    }

    #[test]
    fn entries_made_elsewhere_stand_in_for_parsing_and_are_never_saved() {
        let text =
            "source:\n  id: a\nclaims:\n  - subject: Nvidia\n    property: revenue\n    value: 3\n";
        let entry = Cache::entry(text.replace('\n', "\r\n").into_bytes()).unwrap();
        assert!(Cache::entry(b"source: {id: A}\nclaims: []\n".to_vec()).is_none());
        assert!(Cache::entry(vec![0xff, 0xfe]).is_none());
        let cache = Cache::in_memory([entry]);
        let file: Arc<str> = "facts/a.yaml".into();
        // The entry is found by the text as the loader reads it (line endings as `\n`).
        let got = cache.get(&Cache::key(text), &file).unwrap();
        assert_eq!(got.claims[0].value.value, "3");
        assert_eq!(
            (
                got.claims[0].value.at.line,
                got.claims[0].value.at.file.clone()
            ),
            (6, file)
        );
        cache.save();
        assert!(cache.folder.is_none());
    }

    #[test]
    fn an_entry_under_another_key_fails_its_check() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::open(dir.path());
        let (a, b) = (store(&cache, "a"), store(&cache, "b"));
        cache.save();
        // File the entry of `a` under the key of `b`, and drop the real one.
        let mut pack = fs::read(dir.path().join(DIR).join(PACK)).unwrap();
        let index = index_entries(&pack, MAGIC.len() + HASH_LEN);
        let (entry_a, entry_b) = (index[&a].clone(), index[&b].clone());
        pack[entry_a.start..entry_a.start + HASH_LEN].copy_from_slice(&b);
        pack.drain(entry_b);
        fs::write(dir.path().join(DIR).join(PACK), pack).unwrap();
        let cache = Cache::open(dir.path());
        assert_eq!(cache.index.len(), 1);
        assert!(cache.get(&b, &"facts/b.yaml".into()).is_none());
    }

    #[test]
    fn saving_keeps_only_the_entries_used_or_made() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::open(dir.path());
        let (a, _b) = (store(&cache, "a"), store(&cache, "b"));
        cache.save();
        // The next run reads `a`, no longer has `b`, and parses `c`.
        let cache = Cache::open(dir.path());
        assert!(cache.get(&a, &"facts/a.yaml".into()).is_some());
        let c = store(&cache, "c");
        cache.save();
        let cache = Cache::open(dir.path());
        let mut kept: Vec<Key> = cache.index.keys().copied().collect();
        kept.sort();
        let mut expected = vec![a, c];
        expected.sort();
        assert_eq!(kept, expected);
        // A run that parses nothing and uses every entry leaves the pack alone.
        let modified = || {
            fs::metadata(dir.path().join(DIR).join(PACK))
                .unwrap()
                .modified()
        };
        let before = modified().unwrap();
        assert!(cache.get(&a, &"facts/a.yaml".into()).is_some());
        assert!(cache.get(&c, &"facts/c.yaml".into()).is_some());
        cache.save();
        assert_eq!(modified().unwrap(), before);
    }

    #[test]
    fn a_pack_of_another_build_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::open(dir.path());
        let a = store(&cache, "a");
        cache.save();
        let path = dir.path().join(DIR).join(PACK);
        let mut pack = fs::read(&path).unwrap();
        pack[MAGIC.len()] ^= 1;
        fs::write(&path, pack).unwrap();
        assert!(
            Cache::open(dir.path())
                .get(&a, &"facts/a.yaml".into())
                .is_none()
        );
    }
}
