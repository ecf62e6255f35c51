//! concord: cross-article fact reconciliation.
//!
//! The pipeline, one module per stage: [`load`] reads a corpus root into a [`model::Corpus`]
//! (every value located); [`normalise`] turns values into comparable forms; [`evidence`] checks
//! claims against their articles; [`baseline`] applies reviewed findings; [`report`] renders one
//! [`report::Report`] as text or JSON. [`commands`] composes the stages for each subcommand.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod baseline;
pub mod commands;
pub mod diagnostic;
pub mod evidence;
pub mod exit;
pub mod extract;
pub mod finding;
pub mod join;
pub mod load;
pub mod matching;
pub mod model;
pub mod normalise;
pub mod progress;
pub mod reconcile;
pub mod report;
pub mod truth;
pub mod write;
