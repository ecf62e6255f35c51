//! Commands: each composes the pipeline stages for one subcommand and returns what to print and
//! the exit status. Commands never print; the binary does.

pub mod baseline;
pub mod check;
pub mod diff;
pub mod extract;
pub mod import;
pub mod register;
pub mod review;
pub mod scan;

/// What a command produced: the data for standard output, the diagnostics for standard error,
/// and the exit status.
#[derive(Debug, Default)]
pub struct Outcome {
    pub stdout: String,
    pub stderr: String,
    pub status: i32,
}

/// Output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    /// SARIF 2.1.0, for code-scanning dashboards.
    Sarif,
    /// GitHub Actions workflow commands.
    Github,
}
