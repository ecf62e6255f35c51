//! concord, the command-line tool: reads a corpus from disk, runs the analysis of
//! [`concord_engine`] on it, renders the report, and writes files when a command says so.
//!
//! [`load`] reads a corpus root into a [`concord_engine::model::Corpus`] (every value located,
//! every input error collected); [`report`] renders one [`report::Report`] as text, JSON, SARIF
//! or GitHub annotations; [`commands`] composes these for each subcommand; [`lsp`] serves the
//! findings to an editor; [`progress`] shows the stages of a long run.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod commands;
pub mod diagnostic;
pub mod exit;
pub mod load;
pub mod lsp;
pub mod progress;
pub mod report;
pub mod write;
