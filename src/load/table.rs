//! Tables of claims (CSV or TSV): the delimiter is detected, fields may be quoted, the first
//! row is a header unless told otherwise. Rows keep their line numbers for error messages.

use std::path::Path;
use std::sync::Arc;

use crate::diagnostic::{InputError, did_you_mean};
use concord_engine::model::Location;

/// A column named on the command line: a header name, or a 1-based number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Column {
    Name(String),
    Number(usize),
}

impl Column {
    pub fn parse(text: &str) -> Self {
        match text.parse::<usize>() {
            Ok(n) => Column::Number(n),
            Err(_) => Column::Name(text.to_string()),
        }
    }
}

/// A table read from a file: its header (when it has one) and its rows with their lines.
pub struct Table {
    pub file: Arc<str>,
    pub header: Option<Vec<String>>,
    pub rows: Vec<(u32, Vec<String>)>,
    pub width: usize,
    /// Problems that did not stop the reading, such as a table that is not UTF-8.
    pub warnings: Vec<String>,
}

/// The delimiter of a table: the most frequent of tab, comma and semicolon outside quotes in
/// its first line.
pub fn detect_delimiter(first_line: &str) -> u8 {
    let mut counts = [(b'\t', 0), (b',', 0), (b';', 0)];
    let mut quoted = false;
    for c in first_line.bytes() {
        if c == b'"' {
            quoted = !quoted;
        } else if !quoted && let Some(entry) = counts.iter_mut().find(|(d, _)| *d == c) {
            entry.1 += 1;
        }
    }
    counts
        .iter()
        .max_by_key(|(_, n)| *n)
        .filter(|(_, n)| *n > 0)
        .map_or(b',', |(d, _)| *d)
}

/// Reads the table at `path`; every malformed row is an error located at its line.
pub fn read(path: &Path, has_header: bool) -> Result<Table, Vec<InputError>> {
    let file: Arc<str> = path.display().to_string().into();
    let text = std::fs::read(path).map_err(|e| {
        vec![InputError::file(
            &file,
            format!("cannot read the table: {e}"),
        )]
    })?;
    let mut warnings = Vec::new();
    let text = String::from_utf8(text).unwrap_or_else(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = valid.iter().filter(|b| **b == b'\n').count() + 1;
        warnings.push(format!(
            "{file}:{line}: the table is not UTF-8 text; it was read as Latin-1 (save it as UTF-8 to be sure of its accents)"
        ));
        e.into_bytes().into_iter().map(char::from).collect()
    });
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let delimiter = detect_delimiter(text.lines().next().unwrap_or_default());
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut errors = Vec::new();
    let mut header = None;
    let mut rows = Vec::new();
    let mut width = None;
    for record in reader.records() {
        let record = match record {
            Ok(record) => record,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line() as u32);
                errors.push(InputError::new(
                    Location {
                        file: file.clone(),
                        line,
                        column: 1,
                    },
                    format!("this row cannot be read: {e}"),
                ));
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line() as u32);
        let fields: Vec<String> = record.iter().map(str::to_string).collect();
        if fields.iter().all(String::is_empty) {
            continue;
        }
        match width {
            None => width = Some(fields.len()),
            Some(expected) if fields.len() != expected => {
                let at = Location {
                    file: file.clone(),
                    line,
                    column: 1,
                };
                errors.push(
                    InputError::new(
                        at,
                        format!(
                            "this row has {} fields where the first row has {expected}",
                            fields.len()
                        ),
                    )
                    .help(
                        "quote fields that hold the delimiter, and give every row the same columns",
                    ),
                );
                continue;
            }
            Some(_) => {}
        }
        if has_header && header.is_none() {
            header = Some(fields);
        } else {
            rows.push((line, fields));
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Table {
        file,
        header,
        rows,
        width: width.unwrap_or(0),
        warnings,
    })
}

impl Table {
    /// The 0-based index of a column, or an error naming the columns there are.
    pub fn index(&self, column: &Column, option: &str) -> Result<usize, InputError> {
        let at = Location {
            file: self.file.clone(),
            line: 1,
            column: 1,
        };
        match column {
            Column::Number(n) if (1..=self.width).contains(n) => Ok(n - 1),
            Column::Number(n) => Err(InputError::new(
                at,
                format!("{option} {n}: the table has {} columns", self.width),
            )),
            Column::Name(name) => {
                let Some(header) = &self.header else {
                    return Err(InputError::new(
                        at,
                        format!("{option} {name}: a table without a header takes column numbers"),
                    ));
                };
                header.iter().position(|h| h.trim() == name).ok_or_else(|| {
                    let names: Vec<&str> = header.iter().map(String::as_str).collect();
                    let help = match did_you_mean(name, &names) {
                        Some(near) => format!("did you mean `{near}`?"),
                        None => format!("the columns are: {}", names.join(", ")),
                    };
                    InputError::new(at, format!("{option} {name}: the table has no such column"))
                        .help(help)
                })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delimiters() {
        assert_eq!(detect_delimiter("a,b,c"), b',');
        assert_eq!(detect_delimiter("a\tb\tc"), b'\t');
        assert_eq!(detect_delimiter("a;b;\"c,d,e\""), b';');
        assert_eq!(detect_delimiter("single"), b',');
    }

    #[test]
    fn reads_quoted_fields_and_locates_bad_rows() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.csv");
        std::fs::write(
            &path,
            "src,name,value\na,\"Knuth, Donald\",1\nb,x\nc,y,2\nd,z,3,4\n",
        )
        .unwrap();
        let errors = read(&path, true).err().expect("two bad rows");
        assert_eq!(
            errors.iter().map(|e| e.at.line).collect::<Vec<_>>(),
            vec![3, 5]
        );
        std::fs::write(&path, "src,name,value\na,\"Knuth, Donald\",1\n").unwrap();
        let table = read(&path, true).unwrap();
        assert_eq!(
            table.rows,
            vec![(2, vec!["a".to_string(), "Knuth, Donald".into(), "1".into()])]
        );
        assert_eq!(
            table
                .index(&Column::Name("value".into()), "--value")
                .unwrap(),
            2
        );
        assert_eq!(table.index(&Column::Number(1), "--source").unwrap(), 0);
        let error = table
            .index(&Column::Name("valeu".into()), "--value")
            .unwrap_err();
        assert_eq!(error.help.as_deref(), Some("did you mean `value`?"));
    }
}
