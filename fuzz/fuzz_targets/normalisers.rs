//! Any text through every normaliser: numbers, dates, names, codes, lists of people, folding.
#![no_main]

use concord_engine::normalise::{calendar, codes, date, names, people, quantity, text};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(input) = std::str::from_utf8(data) else { return };
    let (a, b) = input.split_at(input.char_indices().nth(input.chars().count() / 2).map_or(0, |(i, _)| i));
    for language in [Some(quantity::Language::French), Some(quantity::Language::English), None] {
        if let Some(q) = quantity::parse(input, language, None) {
            assert!(!(q.low > q.high), "{input:?}: {q:?}");
        }
    }
    let _ = date::parse(input, calendar::parse_iso_date("2025-08"));
    let _ = date::parse_value(
        input,
        calendar::parse_iso_date("2025-08"),
        None,
        date::Numeric::All,
    );
    let key = text::fold_key(input);
    assert_eq!(text::fold_key(&key), key);
    let evidence = text::fold_evidence(input);
    assert_eq!(text::fold_evidence(&evidence), evidence);
    let _ = codes::confusable_key(input);
    let _ = names::spelling_match(a, b);
    let _ = names::short_form(a, b);
    let _ = people::parse_list(input);
    let similarity = text::wording_similarity(a, b);
    assert!((0.0..=1.0).contains(&similarity));
});
