//! Codes and look-alikes: `H20`, `GB200`, `Ascend 910B`, `NXT:2000i`.
//!
//! A code is equal to another only exactly, or once look-alike characters are folded (the UTS #39
//! skeleton, plus the OCR look-alikes 0/O, 1/l/I, 5/S, 8/B). Similarity scores never decide
//! codes: `H20` and `H200` score 0.94 by Jaro-Winkler yet name two chips.

use unicode_security::confusable_detection::skeleton;

use super::text::fold_key;

/// True when a token of `form` mixes letters and digits, as product codes do.
pub fn is_code(form: &str) -> bool {
    form.split(|c: char| c.is_whitespace()).any(|token| {
        token.chars().any(|c| c.is_ascii_digit()) && token.chars().any(char::is_alphabetic)
    })
}

/// The form with case, accents, white space and separators dropped: two forms with the same loose
/// key differ only in case, accents or spacing (a `case-variant`).
pub fn loose_key(form: &str) -> String {
    fold_key(form)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// True when `a` and `b` are the same once look-alike characters are folded. Between words
/// without digits only the Unicode skeleton counts (`Nvidіa` with a Cyrillic `і`): the OCR
/// pairs would make a swap of `l` and `i` (`Quilora` / `Quliora`) a look-alike rather than a
/// misspelling.
pub fn look_alike(a: &str, b: &str) -> bool {
    let has_digit = |s: &str| s.chars().any(|c| c.is_ascii_digit());
    if has_digit(a) || has_digit(b) {
        confusable_key(a) == confusable_key(b)
    } else {
        let skeleton_key = |s: &str| loose_key(&skeleton(s).collect::<String>());
        skeleton_key(a) == skeleton_key(b)
    }
}

/// The loose key with look-alike characters folded: two forms with the same confusable key but
/// different loose keys may be a `confusable-variant` (see [`look_alike`]).
pub fn confusable_key(form: &str) -> String {
    let skeleton: String = skeleton(form).collect();
    loose_key(&skeleton)
        .chars()
        .map(|c| match c {
            'o' => '0',
            'l' | 'i' | '|' => '1',
            's' => '5',
            'b' => '8',
            other => other,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_a_code() {
        for code in ["H20", "H2O", "GB200", "Ascend 910B", "NXT:2000i", "Kimi K2"] {
            assert!(is_code(code), "{code}");
        }
        for word in ["Nvidia", "2025", "400 000", "Jensen Huang", ""] {
            assert!(!is_code(word), "{word}");
        }
    }

    #[test]
    fn letters_swapped_in_a_word_are_no_look_alike() {
        assert!(!look_alike("Quilora", "Quliora"));
        assert!(look_alike("Nvidia", "Nvіdia")); // a Cyrillic і
        assert!(look_alike("H2O", "H20"));
        // With a digit on one side only, the OCR pairs count all the same (`8` / `B`, `5` /
        // `S`, which the Unicode skeleton alone does not fold).
        assert!(look_alike("HB", "H8"));
        assert!(look_alike("XS", "X5"));
        assert!(look_alike("HlOO", "H100"));
        assert!(!look_alike("HB", "H88"));
    }

    #[test]
    fn look_alikes_fold_together() {
        let same = [
            ("H2O", "H20"),
            ("HlOO", "H100"),
            ("H1OO", "H100"),
            ("GB2OO", "GB200"),
            ("Ascend 9l0B", "Ascend 910B"),
            ("Ascend 9108", "Ascend 910B"),
            ("\u{41d}20", "H20"), // Cyrillic En
            ("A1S0", "A150"),
        ];
        for (a, b) in same {
            assert_eq!(confusable_key(a), confusable_key(b), "{a} / {b}");
            assert_ne!(
                loose_key(a),
                loose_key(b),
                "{a} / {b} differ by more than case"
            );
        }
    }

    #[test]
    fn different_codes_stay_apart() {
        let apart = [
            ("H20", "H200"),
            ("H100", "H200"),
            ("A100", "H100"),
            ("B100", "B200"),
            ("GB200", "B200"),
            ("Ascend 910B", "Ascend 910C"),
            ("H20", "H2"),
            ("B200", "H200"),
        ];
        for (a, b) in apart {
            assert_ne!(confusable_key(a), confusable_key(b), "{a} / {b}");
        }
    }

    #[test]
    fn case_and_spacing_are_loose_equal() {
        assert_eq!(loose_key("NVIDIA"), loose_key("Nvidia"));
        assert_eq!(loose_key("GB-200"), loose_key("gb 200"));
        assert_eq!(loose_key("Pékin"), loose_key("Pekin"));
        assert_ne!(loose_key("H20"), loose_key("H200"));
    }
}
