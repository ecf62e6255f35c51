//! `concord._native`: the Rust side of the Python package. Each function loads a corpus (a
//! corpus root, or a table of claims), runs the engine's `analyse`, and returns the report as
//! the JSON text that `concord check|report --format json` prints (the CLI's own renderer);
//! the Python side parses it. Input errors become `concord.InputError`, with every error of
//! the run located.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use arrow_array::cast::AsArray;
use arrow_array::ffi_stream::{FFI_ArrowArrayStream, RecordBatchStreamReader};
use arrow_array::{Array, RecordBatchReader};
use arrow_schema::DataType;
use concord::commands::check::analyse_root;
use concord::diagnostic::{InputError as LoadError, SourceTexts};
use concord::load::{Loaded, cache::Cache, claims, table::Table};
use concord::report::{Report, json, text::render_errors};
use concord_engine::{Baseline, Options, analyse};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList};

pyo3::create_exception!(
    concord,
    InputError,
    PyValueError,
    "The input cannot be read: every problem, located."
);

/// The name a table of claims goes by in locations: findings point at `<claims>:ROW:COLUMN`.
const TABLE: &str = "<claims>";

/// The report of `concord check` (or, with `full_report`, `concord report`) on the corpus at
/// `root`, as JSON text. `parsed` holds source files already parsed (by [`parse_sources`],
/// elsewhere): the loader takes their records instead of parsing them again.
#[pyfunction]
#[pyo3(signature = (root, baseline, full_report, parsed=None))]
fn analyse_corpus(
    py: Python<'_>,
    root: PathBuf,
    baseline: bool,
    full_report: bool,
    parsed: Option<Vec<(Bound<'_, PyBytes>, Bound<'_, PyBytes>)>>,
) -> PyResult<String> {
    let options = Options {
        baseline: Baseline::when(baseline),
        full_report,
        memo: None,
    };
    let cache = match parsed {
        Some(entries) => {
            let mut keyed = Vec::with_capacity(entries.len());
            for (key, payload) in entries {
                let key = key
                    .as_bytes()
                    .try_into()
                    .map_err(|_| PyValueError::new_err("a parsed entry's key is 32 bytes"))?;
                keyed.push((key, payload.as_bytes().to_vec()));
            }
            Some(Cache::in_memory(keyed))
        }
        None => None,
    };
    match py.detach(|| analyse_root(&root, cache.as_ref(), &options)) {
        Ok((report, _)) => Ok(json::render(&report)),
        Err(loaded) => Err(input_error(py, &loaded.errors, &loaded.texts, None)),
    }
}

/// Parses source files (their bytes) as the loader does: for each, its key and records, or
/// `None` when it does not read as a source file without error (the loader will parse it and
/// report why).
#[pyfunction]
fn parse_sources<'py>(
    py: Python<'py>,
    files: Vec<Bound<'py, PyBytes>>,
) -> Vec<Option<(Bound<'py, PyBytes>, Bound<'py, PyBytes>)>> {
    let files: Vec<Vec<u8>> = files.iter().map(|f| f.as_bytes().to_vec()).collect();
    let entries: Vec<_> = py.detach(|| files.into_iter().map(Cache::entry).collect());
    entries
        .into_iter()
        .map(|e| e.map(|(key, payload)| (PyBytes::new(py, &key), PyBytes::new(py, &payload))))
        .collect()
}

/// The full report on a table of claims given by columns: `names` and, for each, its cells.
#[pyfunction]
#[pyo3(signature = (names, columns, registry=None))]
fn reconcile_columns(
    py: Python<'_>,
    names: Vec<String>,
    columns: Vec<Vec<Option<String>>>,
    registry: Option<PathBuf>,
) -> PyResult<String> {
    let rows = columns.first().map_or(0, Vec::len);
    if columns.len() != names.len() || columns.iter().any(|c| c.len() != rows) {
        return Err(PyValueError::new_err(
            "every column of the table must have one cell per row",
        ));
    }
    let rows = (0..rows)
        .map(|r| {
            let cells = columns.iter().map(|c| c[r].clone().unwrap_or_default());
            (r as u32 + 1, cells.collect())
        })
        .collect();
    reconcile_table(py, table(names, rows), registry.as_deref())
}

/// The full report on a table of claims that `data` exports as an Arrow stream (any object with
/// `__arrow_c_stream__`: a pyarrow Table, a Polars DataFrame, …). Its columns must hold text.
#[pyfunction]
#[pyo3(signature = (data, registry=None))]
fn reconcile_arrow(
    py: Python<'_>,
    data: &Bound<'_, PyAny>,
    registry: Option<PathBuf>,
) -> PyResult<String> {
    let capsule = data.call_method0("__arrow_c_stream__")?;
    // SAFETY: the Arrow PyCapsule interface names a stream capsule `arrow_array_stream` and
    // makes its pointer an `ArrowArrayStream`; `from_raw` moves the stream out, leaving a
    // released one for the capsule's destructor.
    let reader = unsafe {
        let pointer =
            pyo3::ffi::PyCapsule_GetPointer(capsule.as_ptr(), c"arrow_array_stream".as_ptr());
        if pointer.is_null() {
            return Err(PyErr::fetch(py));
        }
        RecordBatchStreamReader::from_raw(pointer.cast::<FFI_ArrowArrayStream>())
    }
    .map_err(|e| PyValueError::new_err(format!("cannot read the Arrow stream: {e}")))?;
    let names: Vec<String> = reader
        .schema()
        .fields()
        .iter()
        .map(|f| f.name().clone())
        .collect();
    let mut rows: Vec<(u32, Vec<String>)> = Vec::new();
    for batch in reader {
        let batch = batch
            .map_err(|e| PyValueError::new_err(format!("cannot read the Arrow stream: {e}")))?;
        let start = rows.len();
        rows.extend(
            (0..batch.num_rows())
                .map(|r| ((start + r) as u32 + 1, Vec::with_capacity(names.len()))),
        );
        for (column, name) in batch.columns().iter().zip(&names) {
            let cells = &mut rows[start..];
            let Some(()) = text_cells(column, cells) else {
                let error = LoadError::file(
                    &TABLE.into(),
                    format!(
                        "column `{name}` holds {}; concord reads text",
                        column.data_type()
                    ),
                )
                .help("cast the column to strings first");
                return Err(input_error(
                    py,
                    &[error],
                    &SourceTexts::default(),
                    Some(&names),
                ));
            };
        }
    }
    reconcile_table(py, table(names, rows), registry.as_deref())
}

/// Appends each cell of a text column to its row (a null as the empty text); `None` when the
/// column does not hold text.
fn text_cells(column: &dyn Array, rows: &mut [(u32, Vec<String>)]) -> Option<()> {
    fn append<'a>(cells: impl Iterator<Item = Option<&'a str>>, rows: &mut [(u32, Vec<String>)]) {
        for (cell, (_, row)) in cells.zip(rows) {
            row.push(cell.unwrap_or_default().to_string());
        }
    }
    match column.data_type() {
        DataType::Utf8 => append(column.as_string::<i32>().iter(), rows),
        DataType::LargeUtf8 => append(column.as_string::<i64>().iter(), rows),
        DataType::Utf8View => append(column.as_string_view().iter(), rows),
        DataType::Null => append(std::iter::repeat_n(None, column.len()), rows),
        _ => return None,
    }
    Some(())
}

fn table(names: Vec<String>, rows: Vec<(u32, Vec<String>)>) -> Table {
    Table {
        file: TABLE.into(),
        width: names.len(),
        header: Some(names),
        rows,
        warnings: Vec::new(),
    }
}

/// Reads the table as claims (with the registry file when given) and returns the full report.
fn reconcile_table(py: Python<'_>, table: Table, registry: Option<&Path>) -> PyResult<String> {
    let loaded: Loaded = py.detach(|| claims::corpus(&table, registry));
    if !loaded.errors.is_empty() {
        let names = table.header.unwrap_or_default();
        return Err(input_error(py, &loaded.errors, &loaded.texts, Some(&names)));
    }
    let options = Options {
        baseline: Baseline::Ignore,
        full_report: true,
        memo: None,
    };
    let report = py.detach(|| Report::new(analyse(&loaded.corpus, &options, &())));
    Ok(json::render(&report))
}

/// `concord.InputError` for `errors`: its message is what the CLI prints (without colour); its
/// `errors` list each one as a dict; `file`, `line`, `column` (or, in a table, `row` from 0 and
/// `column` by name) give the first. `header` names the table's columns when there is a table.
fn input_error(
    py: Python<'_>,
    errors: &[LoadError],
    texts: &SourceTexts,
    header: Option<&[String]>,
) -> PyErr {
    colored::control::set_override(false);
    let message = render_errors(errors, texts, "nothing was analysed");
    let error = InputError::new_err(message.trim_end().to_string());
    let described = (|| -> PyResult<()> {
        let list = PyList::empty(py);
        for e in errors {
            list.append(describe(py, e, header)?)?;
        }
        let value = error.value(py);
        value.setattr("errors", &list)?;
        if let Some(first) = list.iter().next() {
            for key in ["file", "line", "column", "row", "message", "help"] {
                value.setattr(key, first.get_item(key)?)?;
            }
        }
        Ok(())
    })();
    described.err().unwrap_or(error)
}

/// One error as a dict: `file`, `line`, `column` (`None` when the error concerns a whole file),
/// or for a cell of a table `row` (from 0) and `column` (its name); `message` and `help`.
fn describe<'py>(
    py: Python<'py>,
    error: &LoadError,
    header: Option<&[String]>,
) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    let whole = error.at.line == 0;
    let in_table = header.is_some() && error.at.file == Arc::<str>::from(TABLE);
    let (line, column) = (error.at.line, error.at.column as usize);
    dict.set_item("file", (!in_table).then(|| error.at.file.to_string()))?;
    dict.set_item("line", (!in_table && !whole).then_some(line))?;
    dict.set_item("row", (in_table && !whole).then(|| line - 1))?;
    match header {
        Some(names) if in_table => {
            let name = column.checked_sub(1).and_then(|c| names.get(c));
            dict.set_item("column", name.filter(|_| !whole))?;
        }
        _ => dict.set_item("column", (!whole).then_some(column))?,
    }
    dict.set_item("message", &error.message)?;
    dict.set_item("help", &error.help)?;
    Ok(dict)
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("InputError", m.py().get_type::<InputError>())?;
    m.add("TABLE", TABLE)?;
    m.add_function(wrap_pyfunction!(analyse_corpus, m)?)?;
    m.add_function(wrap_pyfunction!(parse_sources, m)?)?;
    m.add_function(wrap_pyfunction!(reconcile_columns, m)?)?;
    m.add_function(wrap_pyfunction!(reconcile_arrow, m)?)?;
    Ok(())
}
