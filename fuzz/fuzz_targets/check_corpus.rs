//! A whole check on a small corpus: the input is one source file; when it loads, it is
//! analysed beside a fixed registry and a fixed second source.
#![no_main]

use std::sync::Arc;

use concord::load::parse_file;
use concord::load::schema::FileContent;
use concord_engine::finding::FindingCode;
use concord_engine::model::{Corpus, Registry, Source};
use concord_engine::{Baseline, Options, analyse};
use libfuzzer_sys::fuzz_target;

const REGISTRY: &str = "entities:\n  - {id: lutnick, name: Howard Lutnick, kind: person, aliases: [Lutnick]}\n  - {id: h20, name: H20, kind: product}\n  - {id: h200, name: H200, kind: product}\nproperties:\n  - {id: said, name: a déclaré, kind: quote, multiple: true}\n  - {id: revenue, name: revenus, kind: quantity, tolerance: 0.05}\n";
const OTHER: &str = "source: {id: other, language: fr, published: 2025-08}\nclaims:\n  - {subject: Lutnick, property: a déclaré, value: \"Nous ne leur vendons pas nos meilleurs produits\"}\n  - {subject: Nvidia, property: revenus, value: 12 milliards de dollars, when: cette année}\n  - {subject: Nvidia, property: puce, value: H20}\n";

fn source(name: &str, text: &str) -> Option<Source> {
    match parse_file(&Arc::from(name), text).0? {
        FileContent::Source { header, claims } => Some(Source {
            id: header.id,
            article: None,
            outlet: header.outlet,
            url: header.url,
            language: header.language,
            locale: header.locale,
            published: header.published,
            claims,
            mentions: Vec::new(),
        }),
        _ => None,
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Some(fuzzed) = source("facts/fuzz.yaml", text) else { return };
    let registry = match parse_file(&Arc::from("facts/registry.yaml"), REGISTRY).0 {
        Some(FileContent::Registry { entities, properties }) => Registry { entities, properties },
        _ => unreachable!("the fixed registry loads"),
    };
    let corpus = Corpus {
        root: ".".into(),
        sources: vec![fuzzed, source("facts/other.yaml", OTHER).expect("the fixed source loads")],
        registry,
        reviewed: Vec::new(),
    };
    let options = Options {
        baseline: Baseline::Pinned,
        full_report: true,
        memo: None,
    };
    let analysis = analyse(&corpus, &options, &());
    for finding in &analysis.findings {
        // Every finding but a missing evidence compares at least two variants.
        if finding.code != FindingCode::EvidenceMissing {
            assert!(finding.variants.len() >= 2, "{finding:?}");
        }
        if let Some(suggestion) = &finding.suggestion {
            assert!((0.0..=1.0).contains(&suggestion.confidence), "{finding:?}");
        }
    }
});
