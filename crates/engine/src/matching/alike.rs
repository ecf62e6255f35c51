//! Similarity joins that do not compare all pairs: which token lists among many (the words of
//! wordings, the trigrams of remarks) overlap enough to be worth comparing.
//!
//! Prefix filtering (Chaudhuri et al., "All-Pairs"): the words of each text are ordered rarest
//! first; two texts whose Dice coefficient reaches `t` must share a word within the first
//! `|x| - ⌈t/(2-t)·|x|⌉ + 1` tokens of each, so only lists that share such a rare token are
//! compared. A repeated token counts once per occurrence (`ni#0`, `ni#1`), as the multiset Dice
//! of [`wording_similarity`](crate::normalise::text::wording_similarity) does.

use std::collections::HashMap;
use std::hash::Hash;

/// The pairs `(i, j, similarity)` with `i < j` of `lists` whose Dice coefficient (as
/// multisets) is at least `threshold` (between 0 and 1, exclusive of 0).
pub fn alike_pairs<T, L>(lists: &[L], threshold: f64) -> Vec<(usize, usize, f64)>
where
    T: Hash + Eq,
    L: AsRef<[T]>,
{
    let mut ids: HashMap<(&T, usize), u32> = HashMap::new();
    let sets: Vec<Vec<u32>> = lists
        .iter()
        .map(|tokens| {
            let mut seen: HashMap<&T, usize> = HashMap::new();
            let mut set: Vec<u32> = tokens
                .as_ref()
                .iter()
                .map(|token| {
                    let n = seen.entry(token).or_default();
                    let key = (token, *n);
                    *n += 1;
                    let next = ids.len() as u32;
                    *ids.entry(key).or_insert(next)
                })
                .collect();
            set.sort_unstable();
            set
        })
        .collect();
    let mut frequency = vec![0u32; ids.len()];
    for id in sets.iter().flatten() {
        frequency[*id as usize] += 1;
    }
    let ratio = threshold / (2.0 - threshold);
    let mut index: HashMap<u32, Vec<usize>> = HashMap::new();
    let mut pairs = Vec::new();
    let mut candidates: Vec<usize> = Vec::new();
    for (i, set) in sets.iter().enumerate() {
        if set.is_empty() {
            continue;
        }
        let mut rarest_first = set.clone();
        rarest_first.sort_unstable_by_key(|id| (frequency[*id as usize], *id));
        let needed = (ratio * set.len() as f64).ceil() as usize;
        let prefix = &rarest_first[..(set.len() + 1).saturating_sub(needed).clamp(1, set.len())];
        candidates.clear();
        for id in prefix {
            candidates.extend(index.get(id).into_iter().flatten());
        }
        candidates.sort_unstable();
        candidates.dedup();
        for &j in &candidates {
            let similarity = dice(&sets[j], set);
            if similarity >= threshold {
                pairs.push((j, i, similarity));
            }
        }
        for id in prefix {
            index.entry(*id).or_default().push(i);
        }
    }
    pairs.sort_by_key(|&(i, j, _)| (i, j));
    pairs
}

/// The Dice coefficient of two sorted sets.
fn dice(a: &[u32], b: &[u32]) -> f64 {
    2.0 * shared(a, b) as f64 / (a.len() + b.len()) as f64
}

/// How many items two sorted multisets share.
pub fn shared<T: Ord>(a: &[T], b: &[T]) -> usize {
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    shared
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalise::text::{comparison_words, wording_similarity};
    use proptest::prelude::*;

    /// The pairs all-pairs comparison finds.
    fn all_pairs(texts: &[&str], threshold: f64) -> Vec<(usize, usize)> {
        let mut pairs = Vec::new();
        for i in 0..texts.len() {
            for j in i + 1..texts.len() {
                if wording_similarity(texts[i], texts[j]) >= threshold {
                    pairs.push((i, j));
                }
            }
        }
        pairs
    }

    proptest! {
        #[test]
        fn finds_what_all_pairs_finds(
            texts in proptest::collection::vec(
                proptest::collection::vec(
                    proptest::sample::select(vec!["ni", "le", "meilleur", "nous", "vendons", "pas", "chips", "best", "third"]),
                    0..8,
                ).prop_map(|words| words.join(" ")),
                0..12,
            ),
            threshold in 0.2f64..0.9,
        ) {
            let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
            let words: Vec<Vec<String>> = texts.iter().map(|t| comparison_words(t)).collect();
            let joined: Vec<(usize, usize)> =
                alike_pairs(&words, threshold).iter().map(|&(i, j, _)| (i, j)).collect();
            prop_assert_eq!(joined, all_pairs(&texts, threshold));
        }
    }
}
