//! Exit statuses: a contract with scripts and CI (CLI.md).

/// Done; nothing unreviewed at or above `--fail-on`.
pub const SUCCESS: i32 = 0;
/// Done; at least one unreviewed finding at or above `--fail-on`.
pub const FINDINGS: i32 = 1;
/// The input could not be read or the command line is wrong.
pub const INPUT_ERROR: i32 = 2;
