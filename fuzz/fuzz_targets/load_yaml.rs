//! Any bytes as a corpus YAML file: a located error or records, never a panic or a hang.
#![no_main]

use std::sync::Arc;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        // As the loader reads files: line endings normalised.
        let text = &concord::load::normalise_line_endings(text.to_string());
        let name: Arc<str> = "facts/fuzz.yaml".into();
        let (_, errors) = concord::load::parse_file(&name, text);
        for error in errors {
            assert!(error.at.line as usize <= text.lines().count() + 1, "{error:?}");
        }
    }
});
