//! Any text through the raw-text mention extractor and the draft writer: no panic, every
//! mention's span lies on character boundaries and holds its text, and a draft's evidence is a
//! verbatim part of the text.
#![no_main]

use concord_engine::extract::{self, draft};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let person = |name: &str| (name.len() % 3 == 0).then_some(name.len() % 2 == 0);
    let language = extract::detect_language(text);
    let extraction = extract::extract(text, None, &person);
    for mention in &extraction.mentions {
        assert!(mention.start <= mention.end && mention.end <= text.len());
        assert_eq!(&text[mention.start..mention.end], mention.text, "{mention:?}");
    }
    for claim in draft::claims(&extraction, language) {
        assert!(text.contains(&claim.evidence), "{claim:?}");
    }
});
