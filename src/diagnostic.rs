//! Input errors: what could not be read, where, and what to do about it.
//!
//! The loader collects every [`InputError`] of a run instead of stopping at the first; the
//! command then prints them all and exits with status 2.

use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, OnceLock};

use concord_engine::model::Location;

/// A problem in the input that stops concord from reconciling the corpus.
#[derive(Clone, Debug, PartialEq)]
pub struct InputError {
    /// Where the problem is; the line is 0 when it concerns a whole file or the command line.
    pub at: Location,
    /// How many characters to underline from the column.
    pub width: u32,
    pub message: String,
    /// What to change, when concord can tell.
    pub help: Option<String>,
}

impl InputError {
    pub fn new(at: Location, message: impl Into<String>) -> Self {
        Self {
            at,
            width: 1,
            message: message.into(),
            help: None,
        }
    }

    /// An error about a whole file or folder rather than a place in it.
    pub fn file(file: &Arc<str>, message: impl Into<String>) -> Self {
        Self::new(
            Location {
                file: file.clone(),
                line: 0,
                column: 0,
            },
            message,
        )
    }

    pub fn width(mut self, width: usize) -> Self {
        self.width = u32::try_from(width.max(1)).unwrap_or(u32::MAX);
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.at.line == 0 {
            write!(f, "{}: {}", self.at.file, self.message)
        } else {
            write!(f, "{}: {}", self.at, self.message)
        }
    }
}

/// The text of every file read, by its corpus-relative path, for showing the lines that
/// errors and findings point at.
#[derive(Clone, Debug, Default)]
pub struct SourceTexts {
    texts: HashMap<Arc<str>, FileText>,
}

/// A file's text, and where each of its lines starts, found at the first line asked for.
#[derive(Clone, Debug)]
struct FileText {
    text: Arc<str>,
    line_starts: OnceLock<Vec<usize>>,
}

impl SourceTexts {
    pub fn insert(&mut self, file: Arc<str>, text: Arc<str>) {
        let line_starts = OnceLock::new();
        self.texts.insert(file, FileText { text, line_starts });
    }

    /// Line `line` (1-based) of `file`, without its line ending.
    pub fn line(&self, file: &str, line: u32) -> Option<&str> {
        let FileText { text, line_starts } = self.texts.get(file)?;
        let starts = line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(text.match_indices('\n').map(|(at, _)| at + 1))
                .collect()
        });
        let index = usize::try_from(line).ok()?.checked_sub(1)?;
        let start = *starts.get(index)?;
        let end = starts.get(index + 1).map_or(text.len(), |next| next - 1);
        let line = &text[start..end];
        Some(line.strip_suffix('\r').unwrap_or(line))
    }
}

/// The known word nearest to `word`, when it is close enough to be what was meant.
pub fn did_you_mean<'a>(word: &str, known: &[&'a str]) -> Option<&'a str> {
    known
        .iter()
        .map(|candidate| (strsim::jaro_winkler(word, candidate), *candidate))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_only_close_words() {
        let keys = ["id", "article", "outlet", "url", "language", "published"];
        assert_eq!(did_you_mean("outlett", &keys), Some("outlet"));
        assert_eq!(did_you_mean("publised", &keys), Some("published"));
        assert_eq!(did_you_mean("colour", &keys), None);
    }

    #[test]
    fn reads_lines_with_either_ending() {
        let mut texts = SourceTexts::default();
        texts.insert("a".into(), "one\r\ntwo\nthree".into());
        assert_eq!(texts.line("a", 1), Some("one"));
        assert_eq!(texts.line("a", 2), Some("two"));
        assert_eq!(texts.line("a", 3), Some("three"));
        assert_eq!(texts.line("a", 4), None);
        assert_eq!(texts.line("a", 0), None);
        texts.insert("b".into(), "one\n".into());
        assert_eq!(texts.line("b", 2), Some(""));
        assert_eq!(texts.line("b", 3), None);
    }
}
