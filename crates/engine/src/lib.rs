//! concord-engine: the analysis behind concord, with no file-system or terminal I/O.
//!
//! The layers, each using only those before it:
//! [`model`] (the corpus as read, and [`finding`]s) ← [`normalise`] (values in forms that
//! compare) ← [`matching`] (names resolved to entities, claims grouped into facts) ← [`rules`]
//! (findings, their suggestions weighed by [`truth`]) ← [`analysis`] (the one entry point,
//! [`analyse`], which also applies the [`baseline`]).
//! [`extract`] finds mentions in an article's raw text, for `scan` and `extract`.

pub mod analysis;
pub mod baseline;
mod disjoint_sets;
pub mod extract;
pub mod finding;
pub mod matching;
pub mod model;
pub mod normalise;
pub mod rules;
pub mod truth;

pub use analysis::{Analysis, Baseline, Memo, Observer, Options, analyse};
