//! A table of claims → a corpus in memory: one row per claim, with the columns of a claim
//! (`source`, `subject`, `property`, `value`, and optionally `kind`, `unit`, `when`, `where`,
//! `evidence`, `id`). The Python package reads data frames this way; `import` shares its source
//! ids and its row checks.
//!
//! Each value is located at its row (as the line) and column (1-based) in the table, so findings
//! and errors point at cells. Sources are named by outlet in the table; each gets a safe id
//! ([`SourceIds`]) and the sources are taken in id order, as `import` writes their files.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use super::schema::{FileContent, safe_source_id};
use super::table::Table;
use super::{Loaded, MAX_YAML_BYTES, check_unique_ids, parse_file, read_text};
use crate::diagnostic::{InputError, SourceTexts, did_you_mean};
use concord_engine::model::{Claim, Corpus, Located, Location, Registry, Source, ValueKind};

/// The columns a table of claims may have; the first four are required.
pub const COLUMNS: [&str; 10] = [
    "source", "subject", "property", "value", "kind", "unit", "when", "where", "evidence", "id",
];
const REQUIRED: usize = 4;
// The index of each column in [`COLUMNS`].
const SOURCE: usize = 0;
const SUBJECT: usize = 1;
const PROPERTY: usize = 2;
const VALUE: usize = 3;
const KIND: usize = 4;
const UNIT: usize = 5;
const WHEN: usize = 6;
const WHERE: usize = 7;
const EVIDENCE: usize = 8;
const ID: usize = 9;

/// Reads `table` (which must have a header) as claims, and the registry file at `registry` when
/// given. Every input error is collected in the result's `errors`.
pub fn corpus(table: &Table, registry: Option<&Path>) -> Loaded {
    let mut loaded = Loaded {
        corpus: Corpus {
            root: Default::default(),
            sources: Vec::new(),
            registry: Registry::default(),
            reviewed: Vec::new(),
        },
        texts: SourceTexts::default(),
        errors: Vec::new(),
    };
    if let Some(path) = registry {
        loaded.corpus.registry = read_registry(path, &mut loaded.texts, &mut loaded.errors);
    }
    let Some(columns) = column_indices(table, &mut loaded.errors) else {
        return loaded;
    };
    let mut ids = SourceIds::default();
    let mut sources: BTreeMap<String, Source> = BTreeMap::new();
    for (line, fields) in &table.rows {
        let at = |column: usize| Location {
            file: table.file.clone(),
            line: *line,
            column: column as u32 + 1,
        };
        let cell = |field: usize| -> Option<Located<String>> {
            let column = columns[field]?;
            let text = fields[column].trim();
            (!text.is_empty()).then(|| Located {
                value: text.to_string(),
                at: at(column),
            })
        };
        let [source, subject, property, value] = [SOURCE, SUBJECT, PROPERTY, VALUE]
            .map(|f| columns[f].expect("required columns are checked"));
        let (name, subject_text) = match source_and_subject(
            (fields[source].trim(), at(source)),
            (fields[subject].trim(), at(subject)),
        ) {
            Ok(pair) => pair,
            Err(error) => {
                loaded.errors.push(error);
                continue;
            }
        };
        let Some(property) = cell(PROPERTY) else {
            loaded.errors.push(
                InputError::new(at(property), "this row names no property")
                    .help("every claim needs a property"),
            );
            continue;
        };
        let kind = match cell(KIND) {
            None => None,
            Some(text) => match ValueKind::parse(&text.value) {
                Some(kind) => Some(kind),
                None => {
                    let help = match did_you_mean(&text.value, &ValueKind::NAMES) {
                        Some(near) => format!("did you mean `{near}`?"),
                        None => format!("one of: {}", ValueKind::NAMES.join(", ")),
                    };
                    loaded.errors.push(
                        InputError::new(
                            text.at,
                            format!("`kind: {}` is not a kind concord knows", text.value),
                        )
                        .width(text.value.chars().count())
                        .help(help),
                    );
                    continue;
                }
            },
        };
        let id = ids.id_for(name);
        let source = sources.entry(id.clone()).or_insert_with(|| Source {
            id: Located {
                value: id,
                at: at(source),
            },
            article: None,
            outlet: Some(name.to_string()),
            url: None,
            language: None,
            locale: None,
            published: None,
            claims: Vec::new(),
            mentions: Vec::new(),
        });
        source.claims.push(Claim {
            // The row's start, as a claim's place is where its list item starts.
            at: at(0),
            id: cell(ID),
            subject: Located {
                value: subject_text.to_string(),
                at: at(subject),
            },
            property,
            // An empty value is a claim whose source gives no value, which is allowed.
            value: cell(VALUE).unwrap_or_else(|| Located {
                value: String::new(),
                at: at(value),
            }),
            kind,
            unit: cell(UNIT),
            when: cell(WHEN),
            place: cell(WHERE),
            evidence: cell(EVIDENCE),
        });
    }
    loaded.corpus.sources = sources.into_values().collect();
    check_unique_ids(&loaded.corpus, &mut loaded.errors);
    loaded
}

/// The index in `table` of each of [`COLUMNS`]; `None` (with errors) when a required column is
/// missing or a column is not a claim's.
fn column_indices(table: &Table, errors: &mut Vec<InputError>) -> Option<[Option<usize>; 10]> {
    let Some(header) = &table.header else {
        errors.push(InputError::file(
            &table.file,
            "a table of claims needs a header naming its columns",
        ));
        return None;
    };
    let before = errors.len();
    let mut columns = [None; 10];
    for (i, name) in header.iter().enumerate() {
        let name = name.trim();
        match COLUMNS.iter().position(|c| *c == name) {
            Some(field) if columns[field].is_none() => columns[field] = Some(i),
            Some(_) => errors.push(InputError::file(
                &table.file,
                format!("the table has two `{name}` columns"),
            )),
            None => {
                let help = match did_you_mean(name, &COLUMNS) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => format!("the columns of a claim are: {}", COLUMNS.join(", ")),
                };
                errors.push(
                    InputError::file(&table.file, format!("`{name}` is not a column of a claim"))
                        .help(help),
                );
            }
        }
    }
    for (field, name) in COLUMNS.iter().enumerate().take(REQUIRED) {
        if columns[field].is_none() {
            errors.push(
                InputError::file(&table.file, format!("the table has no `{name}` column"))
                    .help("a table of claims has the columns source, subject, property and value"),
            );
        }
    }
    (errors.len() == before).then_some(columns)
}

/// The entities and properties of the registry file at `path`.
fn read_registry(path: &Path, texts: &mut SourceTexts, errors: &mut Vec<InputError>) -> Registry {
    let name: Arc<str> = path.display().to_string().into();
    let Some(text) = read_text(path, &name, MAX_YAML_BYTES, errors) else {
        return Registry::default();
    };
    texts.insert(name.clone(), text.clone());
    let (content, parse_errors) = parse_file(&name, &text);
    errors.extend(parse_errors);
    match content {
        Some(FileContent::Registry {
            entities,
            properties,
        }) => Registry {
            entities,
            properties,
        },
        Some(_) => {
            errors.push(
                InputError::file(&name, "this file is not a registry")
                    .help("a registry file has `entities` and/or `properties`"),
            );
            Registry::default()
        }
        None => Registry::default(),
    }
}

/// The source and subject of a row, each given with its place: an error at the first that is
/// empty.
pub fn source_and_subject<'a>(
    source: (&'a str, Location),
    subject: (&'a str, Location),
) -> Result<(&'a str, &'a str), InputError> {
    if source.0.is_empty() {
        return Err(
            InputError::new(source.1, "this row names no source").help("every row needs a source")
        );
    }
    if subject.0.is_empty() {
        return Err(InputError::new(subject.1, "this row names no subject")
            .help("every row needs a subject"));
    }
    Ok((source.0, subject.0))
}

/// Source ids made safe (`[a-z0-9][a-z0-9._-]*`) from whatever the table holds, distinct for
/// distinct names.
#[derive(Default)]
pub struct SourceIds {
    by_name: BTreeMap<String, String>,
    taken: BTreeMap<String, String>,
}

impl SourceIds {
    pub fn id_for(&mut self, name: &str) -> String {
        if let Some(id) = self.by_name.get(name) {
            return id.clone();
        }
        let base = safe_source_id(name);
        let id = crate::commands::unique_id(&base, |id| {
            self.taken.get(id).is_some_and(|owner| owner != name)
        });
        self.taken.insert(id.clone(), name.to_string());
        self.by_name.insert(name.to_string(), id.clone());
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(header: &[&str], rows: &[&[&str]]) -> Table {
        Table {
            file: "claims".into(),
            header: Some(header.iter().map(|h| h.to_string()).collect()),
            rows: rows
                .iter()
                .enumerate()
                .map(|(i, r)| (i as u32 + 1, r.iter().map(|f| f.to_string()).collect()))
                .collect(),
            width: header.len(),
            warnings: Vec::new(),
        }
    }

    #[test]
    fn distinct_names_get_distinct_ids() {
        let mut ids = SourceIds::default();
        assert_eq!(ids.id_for("Le Monde"), "le-monde");
        assert_eq!(ids.id_for("le monde"), "le-monde-2");
        assert_eq!(ids.id_for("Le Monde"), "le-monde");
    }

    #[test]
    fn rows_become_sources_in_id_order_with_located_cells() {
        let loaded = corpus(
            &table(
                &["source", "subject", "property", "value", "unit"],
                &[
                    &["Wired", "Nvidia", "revenue", "4.6", "billion USD"],
                    &["AFP", "Nvidia", "revenue", "", ""],
                ],
            ),
            None,
        );
        assert!(loaded.errors.is_empty());
        let ids: Vec<_> = loaded.corpus.sources.iter().map(|s| &s.id.value).collect();
        assert_eq!(ids, ["afp", "wired"]);
        let wired = &loaded.corpus.sources[1].claims[0];
        assert_eq!(wired.value.at.to_string(), "claims:1:4");
        assert_eq!(wired.unit.as_ref().unwrap().value, "billion USD");
        let afp = &loaded.corpus.sources[0].claims[0];
        assert_eq!((afp.value.value.as_str(), afp.unit.is_none()), ("", true));
    }

    #[test]
    fn every_bad_cell_and_column_is_located() {
        let loaded = corpus(
            &table(
                &["source", "subject", "property", "value", "kind"],
                &[&["", "x", "p", "1", ""], &["a", "x", "p", "1", "quantiti"]],
            ),
            None,
        );
        let places: Vec<_> = loaded.errors.iter().map(|e| e.at.to_string()).collect();
        assert_eq!(places, ["claims:1:1", "claims:2:5"]);
        assert_eq!(
            loaded.errors[1].help.as_deref(),
            Some("did you mean `quantity`?")
        );
        let loaded = corpus(&table(&["source", "subject", "valeu"], &[]), None);
        let messages: Vec<_> = loaded.errors.iter().map(|e| e.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "`valeu` is not a column of a claim",
                "the table has no `property` column",
                "the table has no `value` column"
            ]
        );
    }
}
