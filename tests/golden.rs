//! The golden suite: every command in every output format, on the seeds and on the hand-made
//! corpora, with standard output, standard error and the exit status pinned byte for byte.
//!
//! Each case is a `tests/golden/cases/NAME.toml` (the command line and the folder it runs in)
//! beside `NAME.stdout` and `NAME.stderr`. After a change in output that you meant, regenerate
//! with `TRYCMD=overwrite cargo test --test golden`, read every changed file as a user would,
//! and say in the commit why it changed.

#[test]
fn every_command_prints_what_its_snapshot_says() {
    trycmd::TestCases::new()
        .env("NO_COLOR", "1")
        .case("tests/golden/cases/*.toml");
}
