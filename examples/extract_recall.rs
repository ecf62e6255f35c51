//! How much of the hand-written facts `concord extract` recovers, per article: the share of
//! figures (a draft figure with the same value or bounds) and of quotations (a draft quotation with the
//! same words, or one that holds the other).
//!
//! cargo run --release --example extract_recall [ROOT]   (ROOT defaults to `.`)

use concord_engine::extract::{self, draft};
use concord_engine::matching::Properties;
use concord_engine::model::ValueKind;
use concord_engine::normalise::date;
use concord_engine::normalise::quantity::{self, Language};
use concord_engine::normalise::text::fold_key;

fn main() {
    let root = std::env::args().nth(1).unwrap_or_else(|| ".".into());
    let loaded = concord::load::load(std::path::Path::new(&root));
    if !loaded.errors.is_empty() {
        eprintln!("{root}: the corpus does not load; run concord check {root}");
        std::process::exit(2);
    }
    let corpus = &loaded.corpus;
    let properties = Properties::new(corpus);
    println!("| source | figures found | quotations found |");
    println!("| --- | --- | --- |");
    let (mut figures_all, mut quotes_all) = ((0, 0), (0, 0));
    for source in &corpus.sources {
        let Some(article) = &source.article else {
            continue;
        };
        let language = extract::detect_language(&article.text);
        let parse_language = language.and_then(Language::from_code);
        let extraction = extract::extract(&article.text, parse_language, &|_: &str| None);
        let drafted = draft::claims(&extraction, language);
        let written_language = source.language.as_deref().and_then(Language::from_code);
        let (mut figures, mut quotes) = ((0, 0), (0, 0));
        for claim in &source.claims {
            let kind = claim.kind.or_else(|| properties.declared_kind(claim));
            let value = &claim.value.value;
            if kind == Some(ValueKind::Quote) {
                quotes.1 += 1;
                let wanted = fold_key(value);
                let found = drafted.iter().any(|d| {
                    let got = fold_key(&d.value);
                    d.kind == "quote" && (got.contains(&wanted) || wanted.contains(&got))
                });
                quotes.0 += usize::from(found);
                continue;
            }
            let is_figure = matches!(kind, Some(ValueKind::Quantity) | None)
                && value.chars().any(|c| c.is_ascii_digit())
                && date::parse(value, None).is_none();
            let unit = claim.unit.as_ref().map(|u| u.value.as_str());
            let Some(wanted) = quantity::parse(value, written_language, unit).filter(|_| is_figure)
            else {
                continue;
            };
            figures.1 += 1;
            let found = drafted.iter().any(|d| {
                d.kind == "quantity"
                    && quantity::parse(&d.value, parse_language, None)
                        .is_some_and(|got| got == wanted || got.same_value(&wanted))
            });
            figures.0 += usize::from(found);
        }
        println!(
            "| {} | {} | {} |",
            source.id.value,
            ratio(figures),
            ratio(quotes)
        );
        figures_all = (figures_all.0 + figures.0, figures_all.1 + figures.1);
        quotes_all = (quotes_all.0 + quotes.0, quotes_all.1 + quotes.1);
    }
    println!("| all | {} | {} |", ratio(figures_all), ratio(quotes_all));
}

fn ratio((found, total): (usize, usize)) -> String {
    if total == 0 {
        "none written".into()
    } else {
        format!(
            "{found}/{total} = {:.0} %",
            100.0 * found as f64 / total as f64
        )
    }
}
