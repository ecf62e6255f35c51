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
//!
//! At `--wording-rate`, a figure (revenue, employees) is written under two property wordings or
//! more, as careful writers word it (`effectifs` / `nombre d'employés`, `employees` /
//! `headcount`, `employés` / `employees`): its claims never meet until the registry aligns the
//! wordings, and some hide a figure ten times too large that only the alignment reveals. Other
//! figures with like words are written beside them, which must not be aligned (`effectifs en
//! Europe`, `nombre de clients`).
//!
//! `DIR/truth.json` lists what must be found and what must not, in the format of
//! `tests/tools/score-findings`. The same seed gives the same corpus, byte for byte; the draws
//! for the wordings come from a stream of their own, so the rest of a seed's corpus does not
//! depend on `--wording-rate`.

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
    /// The share of figures (revenue, employees) written under two property wordings or more
    #[arg(long, default_value_t = 0.1)]
    wording_rate: f64,
}

/// How writers word a figure's property in each language: a figure written under two of these
/// states one fact.
struct Wordings {
    french: &'static [&'static str],
    english: &'static [&'static str],
}

const EMPLOYEES: Wordings = Wordings {
    french: &["effectifs", "nombre d'employés", "employés"],
    english: &["employees", "headcount"],
};
const REVENUE: Wordings = Wordings {
    french: &["chiffre d'affaires", "revenus"],
    english: &["revenue", "sales"],
};
/// A region's employees: part of the figure, in like words (French, English); a trap.
const REGIONAL: [&str; 2] = ["effectifs en Europe", "employees in Europe"];
/// Another count, in like words (French, English); a trap.
const CUSTOMERS: [&str; 2] = ["nombre de clients", "customer count"];
/// The share of facts written under several wordings whose one-statement wording is made ten
/// times too large (kept well under a quarter, so that the wordings still agree on most
/// subjects).
const HIDDEN_CONFLICT_RATE: f64 = 0.15;
/// The share of organisations given each trap figure.
const TRAP_RATE: f64 = 0.05;

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
    Customers(u32),
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

/// One source's statement of a fact: the value as written when it is not the fact's own (a
/// planted error), and the property's wording when it is not the fact's.
#[derive(Clone)]
struct Statement {
    fact: usize,
    value: Option<String>,
    wording: Option<&'static str>,
}

impl Statement {
    fn of(fact: usize) -> Self {
        Self {
            fact,
            value: None,
            wording: None,
        }
    }
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
            Value::Employees(n) => count(*n, if french { "employés" } else { "employees" }, french),
            Value::Customers(n) => count(*n, if french { "clients" } else { "customers" }, french),
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

/// A count with its noun: `12\u{a0}300 employés` / `12,300 employees`.
fn count(n: u32, noun: &str, french: bool) -> String {
    let (thousands, rest) = (n / 1000, n % 1000);
    match (thousands, french) {
        (0, _) => format!("{n} {noun}"),
        (_, true) => format!("{thousands}\u{a0}{rest:03} {noun}"),
        (_, false) => format!("{thousands},{rest:03} {noun}"),
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
    if !(0.0..=1.0).contains(&args.wording_rate) {
        return Err(format!(
            "--wording-rate {} is not a share between 0 and 1",
            args.wording_rate
        ));
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
    let mut wordings_rng = ChaCha8Rng::seed_from_u64(args.seed);
    wordings_rng.set_stream(1);
    let mut per_source: Vec<Vec<Statement>> = vec![Vec::new(); source_count];
    let mut sources_of: Vec<Vec<usize>> = Vec::with_capacity(facts.len());
    let mut bilingual_traps = 0;
    for (f, fact) in facts.iter().enumerate() {
        let k = rng.random_range(2..=8).min(source_count);
        let mut sources: Vec<usize> = (0..source_count)
            .collect::<Vec<_>>()
            .choose_multiple(&mut rng, k)
            .copied()
            .collect();
        sources.sort_unstable();
        let mut statements: Vec<(usize, Statement)> = Vec::with_capacity(k);
        let mut wrong_done = false;
        for (i, &s) in sources.iter().enumerate() {
            let wrong = !wrong_done
                && k >= 3
                && i == k - 1
                && rng.random_bool((args.error_rate * k as f64).min(1.0));
            let mut statement = Statement::of(f);
            if wrong && let Some((text, item)) = corrupt(&world, fact, f, languages[s], &mut rng) {
                statement.value = Some(text);
                truth.must_find.push(item);
                wrong_done = true;
            }
            statements.push((s, statement));
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
        let wordings = match fact.value {
            Value::Employees(_) => Some(&EMPLOYEES),
            Value::Revenue(_) => Some(&REVENUE),
            _ => None,
        };
        if let Some(wordings) = wordings
            && !wrong_done
            && wordings_rng.random_bool(args.wording_rate)
        {
            let mut draw = Rewording {
                world: &world,
                languages: &languages,
                truth: &mut truth,
                rng: &mut wordings_rng,
            };
            draw.reword(fact, f, wordings, &mut statements);
        }
        for (s, statement) in statements {
            per_source[s].push(statement);
        }
        sources_of.push(sources);
    }

    // Other figures in words like those of the employees, each from sources of one language that
    // do not state the organisation's employees, so that the two could be compared. None at a
    // wording rate of 0, which writes the corpus of before the wordings, byte for byte.
    let employee_facts: Vec<(usize, u32)> = facts
        .iter()
        .enumerate()
        .filter_map(|(f, fact)| match fact.value {
            Value::Employees(e) => Some((f, e)),
            _ => None,
        })
        .collect();
    for (f, employees) in employee_facts {
        for (wordings, regional) in [(REGIONAL, true), (CUSTOMERS, false)] {
            if args.wording_rate == 0.0 || !wordings_rng.random_bool(TRAP_RATE) {
                continue;
            }
            let french = wordings_rng.random_bool(0.5);
            let value = if regional {
                let tenths = wordings_rng.random_range(2..=8);
                Value::Employees(employees * tenths / 10 / 100 * 100)
            } else {
                Value::Customers(wordings_rng.random_range(10..5000) * 100)
            };
            let free: Vec<usize> = (0..source_count)
                .filter(|s| languages[*s] == french && !sources_of[f].contains(s))
                .collect();
            let k = wordings_rng.random_range(2..=3);
            if free.len() < k {
                continue;
            }
            let property = wordings[usize::from(!french)];
            truth.must_not.push(GoldItem {
                id: format!(
                    "unaligned-{}-{f}",
                    if regional { "region" } else { "customers" }
                ),
                what: format!(
                    "{} beside the employees of {}",
                    if regional {
                        "a region's employees"
                    } else {
                        "the customers"
                    },
                    facts[f].subject
                ),
                codes: vec!["unaligned-fact"],
                forms: vec![format!(
                    "{} / {property}: {}",
                    facts[f].subject,
                    world.render(&value, french)
                )],
            });
            let trap = facts.len();
            facts.push(Fact {
                subject: facts[f].subject.clone(),
                property,
                value,
            });
            for &s in free.choose_multiple(&mut wordings_rng, k) {
                per_source[s].push(Statement::of(trap));
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
        for statement in statements {
            let fact = &facts[statement.fact];
            let value = statement
                .value
                .clone()
                .unwrap_or_else(|| world.render(&fact.value, french));
            let kind = match fact.value {
                Value::Revenue(_) | Value::Employees(_) | Value::Customers(_) => "quantity",
                Value::Date { .. } => "date",
                Value::Person(_) | Value::Chip(_) => "entity",
                Value::Remark(..) => "quote",
            };
            let _ = write!(
                text,
                "  - subject: {}\n    property: {}\n    value: {}\n    kind: {kind}\n",
                yaml_string(&fact.subject),
                statement.wording.unwrap_or(fact.property),
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

/// What writing a figure under several wordings needs: the world, each source's language, the
/// truth file to complete, and the draws of the wordings' own stream.
struct Rewording<'a> {
    world: &'a World,
    languages: &'a [bool],
    truth: &'a mut Truth,
    rng: &'a mut ChaCha8Rng,
}

impl Rewording<'_> {
    /// Words the statements of fact `f` under two wordings or more: each language's statements
    /// take one of its wordings, or two (always two when the fact is stated in one language
    /// only). At HIDDEN_CONFLICT_RATE, a wording stated once gets a figure ten times too large,
    /// a conflict that no fact group shows. Each pair of wordings is a fact to align in the
    /// truth file, with the text of each side's variant (`subject / wording: value`).
    fn reword(
        &mut self,
        fact: &Fact,
        f: usize,
        wordings: &Wordings,
        statements: &mut [(usize, Statement)],
    ) {
        for french in [true, false] {
            let own: Vec<usize> = (0..statements.len())
                .filter(|&i| self.languages[statements[i].0] == french)
                .collect();
            if own.is_empty() {
                continue;
            }
            let other_language = own.len() < statements.len();
            let choices = if french {
                wordings.french
            } else {
                wordings.english
            };
            let two = own.len() >= 2 && (!other_language || self.rng.random_bool(0.5));
            let picked: Vec<&'static str> = choices
                .choose_multiple(self.rng, if two { 2 } else { 1 })
                .copied()
                .collect();
            let cut = if two {
                self.rng.random_range(1..own.len())
            } else {
                own.len()
            };
            let mut order = own;
            order.shuffle(self.rng);
            for (n, i) in order.into_iter().enumerate() {
                statements[i].1.wording = Some(picked[usize::from(n >= cut)]);
            }
        }
        // The wordings in order of first statement, each with its statements.
        let mut groups: Vec<(&'static str, Vec<usize>)> = Vec::new();
        for (i, (_, statement)) in statements.iter().enumerate() {
            let wording = statement.wording.expect("every statement reworded");
            match groups.iter_mut().find(|(w, _)| *w == wording) {
                Some((_, members)) => members.push(i),
                None => groups.push((wording, vec![i])),
            }
        }
        let alone: Vec<usize> = groups
            .iter()
            .filter(|(_, members)| members.len() == 1)
            .map(|(_, members)| members[0])
            .collect();
        let mut wrong = None;
        if let Some(&i) = alone.choose(self.rng)
            && self.rng.random_bool(HIDDEN_CONFLICT_RATE)
            && let Some(scaled) = ten_times(&fact.value)
        {
            let french = self.languages[statements[i].0];
            statements[i].1.value = Some(self.world.render(&scaled, french));
            wrong = Some(i);
        }
        let variant = |(wording, members): &(&str, Vec<usize>)| {
            let (s, statement) = &statements[members[0]];
            let value = statement
                .value
                .clone()
                .unwrap_or_else(|| self.world.render(&fact.value, self.languages[*s]));
            format!("{} / {wording}: {value}", fact.subject)
        };
        for (x, a) in groups.iter().enumerate() {
            for b in &groups[x + 1..] {
                let conflict = wrong.is_some_and(|w| a.1.contains(&w) || b.1.contains(&w));
                self.truth.must_find.push(GoldItem {
                    id: format!("wordings-{f}-{}-{}", a.0, b.0),
                    what: format!(
                        "one figure under two wordings, {} ({} / {} / {})",
                        if conflict {
                            "one side ten times too large"
                        } else {
                            "agreeing"
                        },
                        fact.subject,
                        a.0,
                        b.0
                    ),
                    codes: vec!["unaligned-fact"],
                    forms: vec![variant(a), variant(b)],
                });
            }
        }
    }
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
        Value::Revenue(_) | Value::Employees(_) | Value::Customers(_) => {
            let text = world.render(&ten_times(&fact.value)?, french);
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

/// A figure ten times too large; none for a value that is not a figure.
fn ten_times(value: &Value) -> Option<Value> {
    match value {
        Value::Revenue(t) => Some(Value::Revenue(t * 10)),
        Value::Employees(e) => Some(Value::Employees(e * 10)),
        Value::Customers(c) => Some(Value::Customers(c * 10)),
        _ => None,
    }
}

fn french_remark(value: &Value) -> bool {
    matches!(value, Value::Remark(_, true))
}
