//! Blocked name matching against all pairs, on N distinct names (default 100 000) of which 1 %
//! are misspellings of another (two letters swapped, one letter changed, doubled or dropped).
//! Blocked: `cluster_unregistered`, which compares only names that share a blocking key. All
//! pairs: `spelling_match` on every pair, timed on a sample of pairs and extrapolated to
//! N·(N−1)/2 (the full run would take hours). Recall is the share of injected misspellings put
//! with their name; for all pairs it is exact, as all pairs finds a pair iff `spelling_match`
//! accepts it.
//!
//! cargo run --release --example name_blocking [N]

use std::time::Instant;

use concord_engine::matching::cluster_unregistered;
use concord_engine::normalise::names::spelling_match;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};

const FIRST: &[&str] = &[
    "Anne", "Marc", "Léa", "Paul", "Sofia", "Omar", "Yuki", "Lars", "Inès", "Raj", "Chloé", "Hugo",
    "Mei", "Ivan", "Nora", "Tariq", "Eva", "Jonas", "Aiko", "Pedro",
];
const SYLLABLES: &[&str] = &[
    "ka", "lo", "mi", "ra", "ven", "tor", "sal", "dun", "bre", "qui", "zan", "pel", "gor", "fin",
    "hal", "jor", "nes", "vid", "wal", "xer", "yan", "ost", "ult", "mar", "dex", "bo", "che",
];

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .map_or(100_000, |a| a.parse().expect("a number"));
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(100);
    let mut names = std::collections::BTreeSet::new();
    while names.len() < n - n / 100 {
        let count = rng.random_range(2..=4);
        let surname: String = (0..count)
            .map(|_| *SYLLABLES.choose(&mut rng).unwrap())
            .collect();
        let mut surname: Vec<char> = surname.chars().collect();
        surname[0] = surname[0].to_ascii_uppercase();
        names.insert(format!(
            "{} {}",
            FIRST.choose(&mut rng).unwrap(),
            surname.iter().collect::<String>()
        ));
    }
    let originals: Vec<String> = names.iter().cloned().collect();
    let mut injected = Vec::new();
    while injected.len() < n / 100 {
        let original = originals.choose(&mut rng).unwrap();
        let mut chars: Vec<char> = original.chars().collect();
        let surname_start = original.find(' ').unwrap() + 2;
        let at = rng.random_range(surname_start..chars.len() - 1);
        match rng.random_range(0..4) {
            0 => chars.swap(at, at + 1),
            1 => chars[at] = *['a', 'e', 'i', 'o', 'u'].choose(&mut rng).unwrap(),
            2 => chars.insert(at, chars[at]),
            _ => {
                chars.remove(at);
            }
        }
        let misspelled: String = chars.into_iter().collect();
        if names.insert(misspelled.clone()) {
            injected.push((original.clone(), misspelled));
        }
    }
    let forms: Vec<&str> = names.iter().map(String::as_str).collect();
    let index = |name: &str| forms.binary_search(&name).unwrap();

    let started = Instant::now();
    let clusters = cluster_unregistered(&forms);
    let blocked = started.elapsed().as_secs_f64();
    let blocked_recall = injected
        .iter()
        .filter(|(a, b)| clusters[index(a)] == clusters[index(b)])
        .count() as f64
        / injected.len() as f64;

    let sample = 2_000_000usize;
    let started = Instant::now();
    let mut accepted = 0usize;
    for k in 0..sample {
        let (i, j) = (rng.random_range(0..forms.len()), k % forms.len());
        accepted += usize::from(spelling_match(forms[i], forms[j]).is_some());
    }
    let per_pair = started.elapsed().as_secs_f64() / sample as f64;
    let all_pairs = per_pair * (forms.len() * (forms.len() - 1) / 2) as f64;
    let all_pairs_recall = injected
        .iter()
        .filter(|(a, b)| spelling_match(a, b).is_some())
        .count() as f64
        / injected.len() as f64;
    println!(
        "{} names, {} injected misspellings\nblocked:   {blocked:.2} s, recall {blocked_recall:.4}\nall pairs: {all_pairs:.0} s (extrapolated from {sample} pairs, {accepted} accepted), recall {all_pairs_recall:.4}\nspeed-up:  {:.0}x",
        forms.len(),
        injected.len(),
        all_pairs / blocked
    );
}
