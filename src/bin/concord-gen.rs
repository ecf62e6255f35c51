//! `concord-gen`: writes a corpus of about N claims with known answers, for benchmarks and
//! accuracy measurements. Not needed by users of `concord`.
//!
//! The corpus: organisations (revenue, employees, founding date, chief executive, chips used),
//! people (remarks they made), chips; every entity registered. Each fact is stated by two to
//! eight sources, in French or English, each in its own words (`4,6 milliards de dollars` /
//! `$4.6 billion`). At `--error-rate`, a statement is made wrong in a way a person would get it
//! wrong: a misspelled name, a code with a look-alike letter, a figure ten times too large, a date
//! a month off, a reworded remark. Traps are written on purpose: chip codes one digit apart,
//! registered people with near-identical names, and equal figures in the two languages.
//! `DIR/truth.json` lists what must be found and what must not, in the format of
//! `tests/tools/score-findings`. The same seed gives the same corpus, byte for byte.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use rand::seq::{IndexedRandom, SliceRandom};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::Serialize;

#[derive(Parser)]
#[command(
    name = "concord-gen",
    version,
    about = "Write a corpus of about N claims with known answers (DIR/truth.json)"
)]
struct Args {
    /// About how many claims to write
    #[arg(long)]
    claims: usize,
    /// The seed: the same seed gives the same corpus
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Where to write facts/ and truth.json (created; must be empty or absent)
    #[arg(long)]
    out: PathBuf,
    /// The share of statements made wrong
    #[arg(long, default_value_t = 0.01)]
    error_rate: f64,
}

const FIRST_NAMES: &[&str] = &[
    "Anne", "Marc", "Léa", "Paul", "Sofia", "Omar", "Yuki", "Lars", "Inès", "Raj", "Chloé", "Hugo",
    "Mei", "Ivan", "Nora", "Tariq", "Eva", "Jonas", "Aiko", "Pedro", "Clara", "Bruno", "Amina",
    "Felix", "Greta", "Hassan", "Irene", "Jules", "Kenji", "Laura",
];
const SYLLABLES: &[&str] = &[
    "ka", "lo", "mi", "ra", "ven", "tor", "sal", "dun", "bre", "qui", "zan", "pel", "gor", "fin",
    "hal", "jor", "nes", "vid", "wal", "xer", "yan", "ost", "ult", "mar", "dex",
];
const MONTHS_FR: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];
const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const WORDS_FR: &[&str] = &[
    "marché",
    "croissance",
    "chinois",
    "puces",
    "clients",
    "exportation",
    "technologie",
    "avenir",
    "entreprise",
    "production",
    "investir",
    "usines",
    "demande",
    "prix",
    "innovation",
    "équipe",
    "concurrence",
    "régulation",
    "partenaires",
    "confiance",
    "stratégie",
    "ventes",
    "recherche",
    "modèles",
    "serveurs",
    "énergie",
    "talents",
    "accord",
    "frontière",
    "progrès",
    "sécurité",
    "données",
    "capacité",
    "réseau",
    "logiciel",
    "matériel",
    "usage",
    "qualité",
    "risque",
    "vision",
];
const WORDS_EN: &[&str] = &[
    "market",
    "growth",
    "chinese",
    "chips",
    "customers",
    "export",
    "technology",
    "future",
    "company",
    "production",
    "invest",
    "factories",
    "demand",
    "price",
    "innovation",
    "team",
    "competition",
    "regulation",
    "partners",
    "trust",
    "strategy",
    "sales",
    "research",
    "models",
    "servers",
    "energy",
    "talent",
    "agreement",
    "border",
    "progress",
    "security",
    "data",
    "capacity",
    "network",
    "software",
    "hardware",
    "usage",
    "quality",
    "risk",
    "vision",
];

#[derive(Serialize)]
struct GoldItem {
    id: String,
    what: String,
    codes: Vec<&'static str>,
    forms: Vec<String>,
}

#[derive(Serialize, Default)]
struct Truth {
    must_find: Vec<GoldItem>,
    must_not: Vec<GoldItem>,
}

/// What a fact says, in a form that renders in either language.
#[derive(Clone)]
enum Value {
    /// Billions of dollars, one decimal: `4,6 milliards de dollars` / `$4.6 billion`.
    Revenue(u32),
    Employees(u32),
    Date {
        year: u32,
        month: usize,
        day: u32,
    },
    Person(usize),
    Chip(usize),
    Remark(Vec<String>, bool),
}

struct Fact {
    subject: String,
    property: &'static str,
    value: Value,
}

struct World {
    people: Vec<String>,
    chips: Vec<String>,
}

impl World {
    fn render(&self, value: &Value, french: bool) -> String {
        match value {
            Value::Revenue(tenths) => {
                let (units, tenth) = (tenths / 10, tenths % 10);
                if french {
                    format!("{units},{tenth} milliards de dollars")
                } else {
                    format!("${units}.{tenth} billion")
                }
            }
            Value::Employees(n) => {
                let (thousands, rest) = (n / 1000, n % 1000);
                if french {
                    format!("{thousands}\u{a0}{rest:03} employés")
                } else {
                    format!("{thousands},{rest:03} employees")
                }
            }
            Value::Date { year, month, day } => {
                if french {
                    format!("{day} {} {year}", MONTHS_FR[*month])
                } else {
                    format!("{} {day}, {year}", MONTHS_EN[*month])
                }
            }
            Value::Person(p) => self.people[*p].clone(),
            Value::Chip(c) => self.chips[*c].clone(),
            Value::Remark(words, _) => {
                let mut text = words.join(" ");
                if let Some(first) = text.get(..1) {
                    text.replace_range(..1, &first.to_uppercase());
                }
                text
            }
        }
    }
}

/// A made-up word of two or three syllables, capitalised.
fn coined(rng: &mut ChaCha8Rng, syllables: usize) -> String {
    let word: String = (0..syllables)
        .map(|_| *SYLLABLES.choose(rng).expect("syllables"))
        .collect();
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// `count` distinct values made by `make`.
fn distinct(
    rng: &mut ChaCha8Rng,
    count: usize,
    mut make: impl FnMut(&mut ChaCha8Rng) -> String,
) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::with_capacity(count);
    let mut tries = 0;
    while out.len() < count && tries < count * 50 {
        tries += 1;
        let candidate = make(rng);
        if seen.insert(candidate.clone()) {
            out.push(candidate);
        }
    }
    out
}

/// Two adjacent letters of the surname swapped: `Keller` → `Kelelr`.
fn misspell(name: &str, rng: &mut ChaCha8Rng) -> Option<(String, String, String)> {
    let surname = name.split_whitespace().last()?;
    let chars: Vec<char> = surname.chars().collect();
    if chars.len() < 5 {
        return None;
    }
    let i = rng.random_range(2..chars.len() - 1);
    if chars[i] == chars[i - 1] {
        return None;
    }
    let mut wrong = chars.clone();
    wrong.swap(i - 1, i);
    let wrong: String = wrong.into_iter().collect();
    Some((name.replace(surname, &wrong), wrong, surname.to_string()))
}

fn yaml_string(text: &str) -> String {
    serde_json::to_string(text).expect("a string serialises")
}

fn main() -> ExitCode {
    let args = Args::parse();
    match generate(&args) {
        Ok(summary) => {
            eprintln!("{summary}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}

fn generate(args: &Args) -> Result<String, String> {
    if args.out.exists()
        && std::fs::read_dir(&args.out)
            .map_err(|e| format!("{}: {e}", args.out.display()))?
            .next()
            .is_some()
    {
        return Err(format!("{} is not empty", args.out.display()));
    }
    let mut rng = ChaCha8Rng::seed_from_u64(args.seed);
    let n = args.claims.max(50);
    let organisations = distinct(&mut rng, (n / 30).max(5), |r| {
        let syllables = r.random_range(2..=4);
        coined(r, syllables)
    });
    let mut people = distinct(&mut rng, (n / 50).max(5), |r| {
        format!("{} {}", FIRST_NAMES.choose(r).expect("names"), coined(r, 3))
    });
    let mut chips = distinct(&mut rng, (n / 500).max(8), |r| {
        let prefix = ["H", "GB", "X", "M", "B", "A"].choose(r).expect("prefixes");
        format!("{prefix}{}", r.random_range(1..=99) * 10)
    });
    let mut truth = Truth::default();
    // Traps: a chip one digit longer than another (`H20` and `H200`); a person and a registered
    // near-homonym (`Anne Kaloven` and `Anne Kalovan`).
    let chip_count = chips.len();
    for c in 0..chip_count.min(20) {
        let longer = format!("{}0", chips[c]);
        if !chips.contains(&longer) {
            truth.must_not.push(GoldItem {
                id: format!("chips-{}-{longer}", chips[c]),
                what: "two chips whose codes are one digit apart".into(),
                codes: vec![],
                forms: vec![chips[c].clone(), longer.clone()],
            });
            chips.push(longer);
        }
    }
    let people_count = people.len();
    for p in 0..people_count.min(20) {
        let name = people[p].clone();
        let last_vowel = name.rfind(['a', 'e', 'o']);
        if let Some(at) = last_vowel {
            let mut twin = name.clone();
            twin.replace_range(at..at + 1, if &name[at..at + 1] == "a" { "e" } else { "a" });
            if !people.contains(&twin) {
                truth.must_not.push(GoldItem {
                    id: format!("homonyms-{p}"),
                    what: "two registered people with near-identical names".into(),
                    codes: vec![],
                    forms: vec![
                        name.split_whitespace()
                            .last()
                            .unwrap_or_default()
                            .to_string(),
                        twin.split_whitespace()
                            .last()
                            .unwrap_or_default()
                            .to_string(),
                    ],
                });
                people.push(twin);
            }
        }
    }
    let world = World { people, chips };

    let mut facts: Vec<Fact> = Vec::new();
    for org in &organisations {
        facts.push(Fact {
            subject: org.clone(),
            property: "revenue",
            value: Value::Revenue(rng.random_range(11..999)),
        });
        facts.push(Fact {
            subject: org.clone(),
            property: "employees",
            value: Value::Employees(rng.random_range(10..2000) * 100),
        });
        facts.push(Fact {
            subject: org.clone(),
            property: "founded",
            value: Value::Date {
                year: rng.random_range(1950..2024),
                month: rng.random_range(0..12),
                day: rng.random_range(1..=28),
            },
        });
        facts.push(Fact {
            subject: org.clone(),
            property: "chief executive",
            value: Value::Person(rng.random_range(0..world.people.len())),
        });
        facts.push(Fact {
            subject: org.clone(),
            property: "uses chip",
            value: Value::Chip(rng.random_range(0..world.chips.len())),
        });
    }
    for (p, person) in world.people.iter().enumerate() {
        for _ in 0..2 {
            let french = p % 2 == 0;
            let vocabulary = if french { WORDS_FR } else { WORDS_EN };
            // Common words and words of the remark's own (made-up names of projects, places), so
            // that two remarks of one person are not one remark by chance.
            let mut words: Vec<String> = vocabulary.iter().map(|w| w.to_string()).collect();
            words.shuffle(&mut rng);
            words.truncate(rng.random_range(5..=7));
            for _ in 0..rng.random_range(4..=6) {
                words.push(coined(&mut rng, 2).to_lowercase());
            }
            words.shuffle(&mut rng);
            facts.push(Fact {
                subject: person.clone(),
                property: "said",
                value: Value::Remark(words, french),
            });
        }
    }

    // Statements: each fact by two to eight sources, spread over sources of about 100 claims.
    let source_count = (n / 100).max(3);
    let languages: Vec<bool> = (0..source_count).map(|_| rng.random_bool(0.5)).collect();
    let mut per_source: Vec<Vec<(usize, Option<String>)>> = vec![Vec::new(); source_count];
    let mut bilingual_traps = 0;
    for (f, fact) in facts.iter().enumerate() {
        let k = rng.random_range(2..=8).min(source_count);
        let mut sources: Vec<usize> = (0..source_count)
            .collect::<Vec<_>>()
            .choose_multiple(&mut rng, k)
            .copied()
            .collect();
        sources.sort_unstable();
        let mut wrong_done = false;
        for (i, &s) in sources.iter().enumerate() {
            let wrong = !wrong_done
                && k >= 3
                && i == k - 1
                && rng.random_bool((args.error_rate * k as f64).min(1.0));
            let mut written = None;
            if wrong && let Some((text, item)) = corrupt(&world, fact, f, languages[s], &mut rng) {
                written = Some(text);
                truth.must_find.push(item);
                wrong_done = true;
            }
            per_source[s].push((f, written));
        }
        // Equal figures in the two languages: a trap when both languages state the fact rightly.
        if matches!(fact.value, Value::Revenue(_)) && !wrong_done && bilingual_traps < 50 {
            let (fr, en) = (
                sources.iter().any(|&s| languages[s]),
                sources.iter().any(|&s| !languages[s]),
            );
            if fr && en {
                bilingual_traps += 1;
                truth.must_not.push(GoldItem {
                    id: format!("bilingual-{f}"),
                    what: "one figure written in French and in English".into(),
                    codes: vec![],
                    forms: vec![
                        world.render(&fact.value, true),
                        world.render(&fact.value, false),
                    ],
                });
            }
        }
    }

    let facts_dir = args.out.join("facts");
    std::fs::create_dir_all(&facts_dir).map_err(|e| format!("{}: {e}", facts_dir.display()))?;
    let mut claims = 0;
    for (s, statements) in per_source.iter().enumerate() {
        if statements.is_empty() {
            continue;
        }
        let french = languages[s];
        let mut text = format!(
            "source:\n  id: source-{s:05}\n  language: {}\nclaims:\n",
            if french { "fr" } else { "en" }
        );
        for (f, written) in statements {
            let fact = &facts[*f];
            let value = written
                .clone()
                .unwrap_or_else(|| world.render(&fact.value, french));
            let kind = match fact.value {
                Value::Revenue(_) | Value::Employees(_) => "quantity",
                Value::Date { .. } => "date",
                Value::Person(_) | Value::Chip(_) => "entity",
                Value::Remark(..) => "quote",
            };
            let _ = write!(
                text,
                "  - subject: {}\n    property: {}\n    value: {}\n    kind: {kind}\n",
                yaml_string(&fact.subject),
                fact.property,
                yaml_string(&value)
            );
            claims += 1;
        }
        let path = facts_dir.join(format!("source-{s:05}.yaml"));
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    let mut registry = String::from("entities:\n");
    let entities = organisations
        .iter()
        .map(|o| (o, "organisation"))
        .chain(world.people.iter().map(|p| (p, "person")))
        .chain(world.chips.iter().map(|c| (c, "product")));
    for (i, (name, kind)) in entities.enumerate() {
        let _ = writeln!(
            registry,
            "  - {{id: e{i}, name: {}, kind: {kind}}}",
            yaml_string(name)
        );
    }
    registry.push_str(
        "properties:\n  - {id: uses-chip, name: uses chip, kind: entity, multiple: true}\n",
    );
    std::fs::write(facts_dir.join("registry.yaml"), registry).map_err(|e| e.to_string())?;
    let truth_text = serde_json::to_string_pretty(&truth).map_err(|e| e.to_string())? + "\n";
    std::fs::write(args.out.join("truth.json"), truth_text).map_err(|e| e.to_string())?;
    Ok(format!(
        "wrote {claims} claims in {} sources, {} must-find and {} traps to {}",
        per_source.iter().filter(|s| !s.is_empty()).count(),
        truth.must_find.len(),
        truth.must_not.len(),
        args.out.display()
    ))
}

/// A wrong statement of `fact` in a source's language, with the gold item that says so.
fn corrupt(
    world: &World,
    fact: &Fact,
    f: usize,
    french: bool,
    rng: &mut ChaCha8Rng,
) -> Option<(String, GoldItem)> {
    let item = |what: &str, codes: Vec<&'static str>, forms: Vec<String>| GoldItem {
        id: format!("error-{f}"),
        what: format!("{what} ({} / {})", fact.subject, fact.property),
        codes,
        forms,
    };
    match &fact.value {
        Value::Revenue(_) | Value::Employees(_) => {
            let scaled = match fact.value {
                Value::Revenue(t) => Value::Revenue(t * 10),
                Value::Employees(e) => Value::Employees(e * 10),
                _ => unreachable!("a figure"),
            };
            let text = world.render(&scaled, french);
            Some((
                text.clone(),
                item(
                    "a figure ten times too large",
                    vec!["value-conflict"],
                    vec![text],
                ),
            ))
        }
        Value::Date { year, month, day } => {
            let shifted = Value::Date {
                year: *year,
                month: (month + 1) % 12,
                day: *day,
            };
            let text = world.render(&shifted, french);
            Some((
                text.clone(),
                item("a date a month off", vec!["value-conflict"], vec![text]),
            ))
        }
        Value::Person(p) => {
            let (text, wrong, right) = misspell(&world.people[*p], rng)?;
            Some((
                text,
                item(
                    "a misspelled name",
                    vec!["spelling-variant"],
                    vec![wrong, right],
                ),
            ))
        }
        Value::Chip(c) => {
            let code = &world.chips[*c];
            // The first zero, so that the look-alike of `H200` (`H2O0`) does not hold `H20`.
            let at = code.find('0')?;
            let mut text = code.clone();
            text.replace_range(at..at + 1, "O");
            Some((
                text.clone(),
                item(
                    "a code with a look-alike letter",
                    vec!["confusable-variant"],
                    vec![text, code.clone()],
                ),
            ))
        }
        Value::Remark(words, _) => {
            let mut reworded = words.clone();
            let vocabulary = if french_remark(&fact.value) {
                WORDS_FR
            } else {
                WORDS_EN
            };
            for _ in 0..2 {
                let at = rng.random_range(0..reworded.len());
                reworded[at] = vocabulary.choose(rng).expect("words").to_string();
            }
            let text = world.render(&Value::Remark(reworded, false), french);
            (text != world.render(&fact.value, french)).then(|| {
                (
                    text.clone(),
                    item("a reworded remark", vec!["quote-variant"], vec![text]),
                )
            })
        }
    }
}

fn french_remark(value: &Value) -> bool {
    matches!(value, Value::Remark(_, true))
}
