//! `import`: a table of claims (one row per source and subject) → one source file per source
//! under `OUT/facts/`, written atomically. Nothing is written when any row or target is wrong.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Serialize;

use super::Outcome;
use crate::diagnostic::{InputError, SourceTexts};
use crate::load::claims::{SourceIds, source_and_subject};
use crate::load::table::{self, Column};
use crate::{exit, write};
use concord_engine::model::{Location, ValueKind};

/// What to read from the table: either one property (`--property` with `--value`) or one
/// property per column (`--values`).
#[derive(Clone, Debug)]
pub enum Values {
    One { property: String, value: Column },
    Columns(Vec<Column>),
}

#[derive(Clone, Debug)]
pub struct ImportConfig {
    pub table: PathBuf,
    pub has_header: bool,
    pub source: Column,
    pub subject: Column,
    pub values: Values,
    pub kind: Option<ValueKind>,
    pub out: PathBuf,
    pub force: bool,
}

/// A source file as written.
#[derive(Serialize)]
struct SourceFile {
    source: Header,
    claims: Vec<ClaimOut>,
}

#[derive(Serialize)]
struct Header {
    id: String,
    outlet: String,
}

#[derive(Serialize)]
struct ClaimOut {
    subject: String,
    property: String,
    value: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    kind: Option<&'static str>,
}

pub fn run(config: &ImportConfig) -> Outcome {
    match import(config) {
        Ok((stdout, warnings)) => Outcome {
            stdout,
            stderr: warnings.iter().map(|w| format!("warning: {w}\n")).collect(),
            status: exit::SUCCESS,
        },
        Err(errors) => {
            Outcome::input_errors(&errors, &SourceTexts::default(), "nothing was written")
        }
    }
}

/// Imports the table; returns the summary line and the warnings.
fn import(config: &ImportConfig) -> Result<(String, Vec<String>), Vec<InputError>> {
    let table = table::read(&config.table, config.has_header)?;
    let mut errors = Vec::new();
    let mut index = |column: &Column, option: &str| {
        table.index(column, option).map_err(|e| errors.push(e)).ok()
    };
    let source_column = index(&config.source, "--source");
    let subject_column = index(&config.subject, "--subject");
    let value_columns: Vec<(String, Option<usize>)> = match &config.values {
        Values::One { property, value } => vec![(property.clone(), index(value, "--value"))],
        Values::Columns(columns) => columns
            .iter()
            .map(|c| {
                let at = index(c, "--values");
                let name = match (c, &table.header, at) {
                    (_, Some(header), Some(i)) => header[i].trim().to_string(),
                    (Column::Number(n), _, _) => format!("column {n}"),
                    (Column::Name(name), _, _) => name.clone(),
                };
                (name, at)
            })
            .collect(),
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    let (source_column, subject_column) = (
        source_column.expect("checked"),
        subject_column.expect("checked"),
    );
    let kind = config.kind.map(ValueKind::name);

    let mut ids = SourceIds::default();
    let mut files: BTreeMap<String, SourceFile> = BTreeMap::new();
    for (line, fields) in &table.rows {
        let name = fields[source_column].trim();
        let subject = fields[subject_column].trim();
        let at = |field: usize| Location {
            file: table.file.clone(),
            line: *line,
            column: field as u32 + 1,
        };
        let (name, subject) =
            match source_and_subject((name, at(source_column)), (subject, at(subject_column))) {
                Ok(pair) => pair,
                Err(error) => {
                    errors.push(error);
                    continue;
                }
            };
        let id = ids.id_for(name);
        let file = files.entry(id.clone()).or_insert_with(|| SourceFile {
            source: Header {
                id,
                outlet: name.to_string(),
            },
            claims: Vec::new(),
        });
        for (property, column) in &value_columns {
            file.claims.push(ClaimOut {
                subject: subject.to_string(),
                property: property.clone(),
                value: fields[column.expect("checked")].trim().to_string(),
                kind,
            });
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }

    let facts = config.out.join("facts");
    let targets: Vec<(PathBuf, &SourceFile)> = files
        .iter()
        .map(|(id, f)| (facts.join(format!("{id}.yaml")), f))
        .collect();
    if !config.force {
        let existing: Vec<InputError> = targets
            .iter()
            .filter(|(path, _)| path.exists())
            .map(|(path, _)| {
                InputError::file(
                    &path.display().to_string().into(),
                    "this file exists; nothing was written",
                )
                .help("pass --force to overwrite, or --out another folder")
            })
            .collect();
        if !existing.is_empty() {
            return Err(existing);
        }
    }
    let origin = config
        .table
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let mut claims = 0;
    for (path, file) in &targets {
        let yaml = serde_yaml::to_string(file).expect("source files serialise");
        let text = format!("# Imported by concord from {origin}.\n{yaml}");
        write::atomic_write(path, text.as_bytes()).map_err(|e| {
            vec![InputError::file(
                &path.display().to_string().into(),
                format!("cannot write: {e}"),
            )]
        })?;
        claims += file.claims.len();
    }
    let summary = format!(
        "wrote {} source files ({claims} claims) under {}\n",
        targets.len(),
        facts.display()
    );
    Ok((summary, table.warnings))
}
