//! The words of a fact's wording that say one thing in several ways, in English and French:
//! `chief executive`, `CEO`, `boss` and `PDG`; `death toll`, `deaths` and `nombre de morts`.
//!
//! A property is worded by each writer in their own words, and the words of two languages do
//! not share stems: reading a wording, each phrase of this lexicon becomes its concept (`#ceo`),
//! whatever its language, so that `a rencontré` and `met` read alike. The lexicon holds the
//! properties news stories state most (tolls, money, jobs, people's roles, meetings, votes,
//! strikes, areas); it is hand-made, since no maintained crate offers a bilingual one.
//!
//! Some words only say how a property is counted (`nombre de`, `total`, `montant de`) or of
//! whom (`people`, `habitants`): they are set aside, unless the wording has nothing else
//! (`habitants` alone is the population).

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use super::text::folded_words;

/// Each concept with its phrases, in English and in French, as written (inflections listed,
/// since the phrases are matched word for word before stemming).
#[rustfmt::skip]
const LEXICON: &[(&str, &[&str])] = &[
    // Tolls.
    ("dead", &["dead", "deaths", "death", "death toll", "killed", "fatalities", "died", "morts",
        "mort", "décès", "tués", "tuées", "décédés", "victimes décédées", "morte", "mortes", "tué",
        "tuée", "décédé", "décédée", "fatality"]),
    ("injured", &["injured", "wounded", "injuries", "hurt", "blessés", "blessées", "blessé",
        "blessures", "blessée", "injury"]),
    ("missing", &["missing", "disappeared", "disparus", "disparues", "disparu", "disparue"]),
    ("evacuated", &["evacuated", "evacuees", "évacués", "évacuées", "évacué", "évacuée",
        "évacuation", "evacuation", "evacuations", "évacuations"]),
    ("displaced", &["displaced", "déplacés", "déplacées"]),
    // Who leads.
    ("ceo", &["chief executive", "chief executive officer", "ceo", "boss", "pdg",
        "directeur général", "directrice générale", "président directeur général",
        "présidente directrice générale", "patron", "patronne"]),
    ("president", &["president", "président", "présidente", "presidents", "présidents",
        "présidentes"]),
    ("chair", &["chairman", "chairwoman", "chair", "chairperson"]),
    ("mayor", &["mayor", "maire", "mayors", "maires"]),
    ("minister", &["minister", "ministre", "secretary", "ministers", "ministres"]),
    ("government", &["government", "gouvernement", "executive branch"]),
    // Money.
    ("revenue", &["revenue", "revenues", "turnover", "sales", "income", "chiffre d affaires",
        "recettes", "revenus", "ventes"]),
    ("profit", &["profit", "profits", "earnings", "net income", "bénéfice", "bénéfices",
        "résultat net"]),
    ("loss", &["loss", "losses", "perte", "pertes", "déficit", "deficit"]),
    ("investment", &["investment", "investments", "invest", "invests", "invested", "investissement",
        "investissements", "investir", "investi", "investit"]),
    ("cost", &["cost", "costs", "price tag", "coût", "coûts", "coûte", "coûté", "facture"]),
    ("spending", &["spending", "spent", "expenditure", "expenses", "dépenses", "dépensé",
        "dépense"]),
    ("budget", &["budget", "budgets", "enveloppe"]),
    ("funding", &["funding", "financing", "funds", "financement", "financements", "fonds"]),
    ("subsidy", &["subsidy", "subsidies", "grant", "grants", "subvention", "subventions"]),
    ("tax", &["tax", "taxes", "impôt", "impôts", "taxe"]),
    ("fee", &["fee", "fees", "frais", "redevance", "redevances"]),
    ("threat", &["threatened", "threatens", "threat", "at risk", "at stake", "menacé", "menacée",
        "menacés", "menacées", "menace", "en jeu", "à risque", "en danger", "threats", "menaces"]),
    ("price", &["price", "prices", "prix", "tarif", "tarifs"]),
    ("debt", &["debt", "debts", "dette", "dettes", "endettement"]),
    // `salaries` is left out: without its accent, `salariés` (employees) is written alike.
    ("salary", &["salary", "wage", "wages", "pay", "salaire", "salaires", "rémunération"]),
    ("fine", &["fine", "fined", "amende", "amendes", "fines"]),
    ("damage", &["damage", "damages", "dégâts", "dommages"]),
    ("aid", &["aid", "relief", "assistance", "aide", "aides"]),
    ("emergency", &["emergency", "urgence", "d urgence", "urgent", "urgences", "emergencies"]),
    ("loan", &["loan", "loans", "prêt", "prêts"]),
    // Work.
    ("employees", &["employees", "staff", "workers", "workforce", "headcount", "employs", "employ",
        "salariés", "employés", "effectifs", "effectif", "personnel", "travailleurs", "emploie",
        "employee", "worker", "salarié", "employé", "salariée", "employée"]),
    ("jobs", &["jobs", "job", "positions", "emplois", "emploi", "postes", "position", "poste"]),
    ("strike", &["strike", "strikes", "walkout", "industrial action", "grève", "grèves"]),
    ("layoffs", &["layoffs", "lay offs", "redundancies", "job cuts", "job losses", "dismissals",
        "headcount reduction", "staff cuts", "workforce reduction", "licenciements", "licenciement",
        "suppressions d emplois", "suppressions de postes", "plan social",
        "réduction des effectifs", "réduction d effectifs", "postes supprimés", "emplois supprimés",
        "jobs cut", "jobs axed", "positions eliminated", "suppression d emplois",
        "suppression de postes", "suppressions d emploi"]),
    ("hiring", &["hire", "hired", "hiring", "recruit", "recruited", "recruitment", "embauche",
        "embauches", "embauché", "recrutement", "recrutements", "recruté"]),
    ("union", &["union", "unions", "trade union", "syndicat", "syndicats"]),
    ("talks", &["talks", "held talks", "negotiations", "negotiated", "négociations", "négocié",
        "pourparlers", "discussions", "négociation", "negotiation"]),
    ("unemployment", &["unemployment", "jobless", "chômage"]),
    // Acts between people.
    ("met", &["met", "meet", "meets", "met with", "meeting", "rencontré", "rencontre", "rencontrer",
        "s est entretenu avec", "s est entretenue avec", "réunion", "réunions", "meetings"]),
    ("phoned", &["phoned", "called", "telephoned", "appelé", "téléphoné", "a appelé",
        "a téléphoné"]),
    ("promised", &["promised", "pledged", "promises", "pledges", "promis", "promet",
        "s est engagé à", "s est engagée à"]),
    ("announced", &["announced", "annoncé", "annonce", "announces", "announcement", "announce",
        "annonces"]),
    ("approved", &["approved", "approves", "approval", "authorised", "authorized", "validated",
        "cleared", "green light", "approuvé", "approuvée", "approbation", "validé", "validée",
        "validation", "autorisé", "autorisée", "autorisation", "feu vert"]),
    ("accepted", &["accepted", "accepts", "agreed to", "accepté", "acceptée", "accepte"]),
    ("rejected", &["rejected", "refused", "turned down", "rejeté", "rejetée", "refusé", "refusée",
        "rejet", "refus"]),
    ("demanded", &["demanded", "demands", "demand", "called for", "exigé", "exige", "exigence",
        "réclamé", "réclame", "revendication", "revendications"]),
    ("signed", &["signed", "signing", "signature", "signé", "signée", "signés"]),
    ("agreement", &["agreement", "deal", "pact", "accord", "accords", "entente", "deals",
        "agreements"]),
    ("merger", &["merger", "merge", "merged", "fusion", "fusionné", "fusionnés", "fusionner",
        "mergers", "fusions"]),
    ("acquisition", &["acquisition", "takeover", "acquired", "rachat", "racheté", "rachète"]),
    ("apologised", &["apologised", "apologized", "apologises", "apology", "apologies", "excuses",
        "s est excusé", "s est excusée", "présenté ses excuses"]),
    ("resigned", &["resigned", "resignation", "stepped down", "démissionné", "démission"]),
    ("appointed", &["appointed", "nominated", "nommé", "nommée", "nomination", "désigné",
        "désignée"]),
    ("officials", &["officials", "leaders", "dirigeants", "responsables", "official",
        "responsable"]),
    ("leader", &["head", "leader", "headed by", "led by", "run by", "dirigé par", "dirigée par",
        "dirigeant", "dirigeante", "chef", "à la tête de"]),
    ("leave", &["leave", "leaves", "quit", "pull out", "pull out of", "withdraw from", "exit",
        "quitter", "quitte", "quitté"]),
    ("decided", &["decided", "decision", "décidé", "décidée", "décision"]),
    // When and how often.
    ("annual", &["annual", "yearly", "per year", "annuel", "annuelle", "annuels", "annuelles",
        "par an"]),
    ("start", &["start", "starts", "began", "begins", "beginning", "first day", "début", "commence",
        "premier jour"]),
    ("end", &["end", "ends", "ended", "finish", "last day", "fin", "se termine", "termine",
        "dernier jour", "terminé", "terminée"]),
    ("offered", &["offered", "offers", "offer", "proposed", "proposé", "proposée", "proposés",
        "offre", "offert"]),
    ("duration", &["duration", "lasted", "lasts", "durée", "a duré"]),
    // Votes.
    ("seats", &["seats", "seat", "sièges", "siège"]),
    ("votes", &["votes", "vote", "voix", "suffrages"]),
    ("turnout", &["turnout", "participation", "taux de participation"]),
    ("abstention", &["abstention", "abstentions", "abstentionnistes", "taux d abstention",
        "stayed away"]),
    ("won", &["won", "win", "obtained", "secured", "obtenus", "obtenues", "remportés", "remporté",
        "obtenu", "obtenue"]),
    // Places and things.
    ("area", &["area", "surface", "acreage", "hectares", "acres", "superficie"]),
    ("burned", &["burned", "burnt", "brûlés", "brûlées", "brûlé", "brûlée", "incendiés",
        "ravagés"]),
    ("passengers", &["passengers", "travellers", "travelers", "riders", "commuters", "passagers",
        "voyageurs", "usagers", "passenger", "passager", "voyageur"]),
    ("affected", &["affected", "hit", "disrupted", "impacted", "touchés", "touchées", "concernés",
        "affectés", "perturbés"]),
    ("capacity", &["capacity", "capacité", "capacités"]),
    ("beds", &["beds", "bed", "lits", "lit"]),
    ("hospitalised", &["hospitalised", "hospitalized", "hospitalisations", "hospitalizations",
        "hospitalisation", "hospitalisés", "hospitalisées", "admitted to hospital"]),
    ("visits", &["visits", "visit", "passages", "consultations"]),
    ("side_effects", &["side effects", "adverse effects", "adverse reactions", "adverse events",
        "effets indésirables", "effets secondaires", "réactions indésirables"]),
    ("reported", &["reported", "reports", "signalés", "signalées", "signalé", "déclarés",
        "déclarées", "signalements", "signalement"]),
    ("notice", &["notice", "notification", "advisory", "avis", "alerte", "alert"]),
    ("cases", &["cases", "case", "cas"]),
    ("recalled", &["recalled", "recall", "recalls", "withdrawn", "pulled from shelves",
        "taken off shelves", "withdrawn from sale", "rappel", "rappels", "rappelé", "rappelés",
        "rappelées", "retirés du marché", "retirées du marché", "retiré du marché"]),
    ("batches", &["batches", "batch", "lots"]),
    ("units", &["units", "unit", "unités", "unité", "items"]),
    ("bottles", &["bottles", "bottle", "flacons", "flacon", "bouteilles", "bouteille"]),
    ("defect", &["defect", "defects", "flaw", "fault", "défaut", "défauts", "malfaçon"]),
    ("children", &["children", "kids", "minors", "enfants", "enfant", "mineurs", "child"]),
    ("ships", &["ships", "ship", "vessels", "vessel", "boats", "navires", "navire", "bateaux"]),
    ("diverted", &["diverted", "rerouted", "redirected", "déroutés", "déroutées", "dérouté",
        "détournés", "réorientés"]),
    ("cancelled", &["cancelled", "canceled", "cancellation", "cancellations", "scrapped", "annulé",
        "annulés", "annulées", "annulée", "annulation", "annulations"]),
    ("port_calls", &["port calls", "stopovers", "escales", "escale"]),
    ("anchor", &["at anchor", "anchored", "au mouillage", "mouillage", "en rade"]),
    ("waiting", &["waiting", "queued", "en attente"]),
    ("flights", &["flights", "flight", "vols"]),
    ("routes", &["routes", "lignes", "liaison", "liaisons"]),
    ("delays", &["delay", "delays", "delayed", "retard", "retards", "retardé", "retardés"]),
    ("volume", &["volume", "volumes", "traffic", "throughput", "handled", "trafic",
        "manutentionnés"]),
    ("restart", &["restart", "resumption", "resume", "resumed", "reopening", "reopen", "reopened",
        "reprise", "reprend", "redémarrage", "réouverture", "rouvre", "rouvert"]),
    ("closure", &["closure", "closed", "shut", "shutdown", "fermeture", "fermé", "fermée",
        "closures", "fermetures"]),
    ("deadline", &["deadline", "ultimatum", "date butoir", "date limite", "échéance"]),
    ("production", &["production", "output", "produced", "produite", "produites"]),
    ("exports", &["exports", "exported", "export", "exportations", "exportation", "exporté",
        "exportés"]),
    ("imports", &["imports", "imported", "import", "importations", "importation", "importé",
        "importés"]),
    ("orders", &["orders", "order", "commandes", "commande", "commandé"]),
    ("reduced", &["cut", "cuts", "reduced", "lowered", "slashed", "réduit", "diminué", "baissé",
        "réduction", "baisse"]),
    ("increased", &["rose", "increased", "risen", "grew", "rise", "rises", "raise", "augmenté",
        "hausse", "augmentation", "progressé", "increase", "increases", "augmente"]),
    ("population", &["population", "inhabitants", "habitants", "residents", "résidents"]),
    ("plant", &["plant", "factory", "usine"]),
    ("born", &["born", "birth", "née", "naissance"]),
    ("age", &["age", "aged", "âge", "âgé", "âgée"]),
    ("founded", &["founded", "established", "fondé", "fondée", "fondation"]),
];

/// Concepts that are different facts of one kind: two wordings that differ by two of them
/// (`strike start` / `strike ends`, `taux de participation` / `taux d'abstention`) are two
/// facts, whatever else they share. Near-synonyms (`#leader`, `#officials`, `#ceo`) are not
/// set against each other.
const CONTRASTS: &[&[&str]] = &[
    &["start", "end", "duration"],
    &["exports", "imports"],
    &["turnout", "abstention"],
    &["seats", "votes"],
    &[
        "dead",
        "injured",
        "missing",
        "evacuated",
        "displaced",
        "hospitalised",
    ],
    &["accepted", "rejected"],
    &["approved", "rejected"],
    &["increased", "reduced"],
    &["threat", "decided"],
    &["met", "phoned"],
    &["closure", "restart"],
    &["flights", "routes"],
    &["cancelled", "delays", "diverted"],
    &["employees", "jobs", "layoffs", "hiring", "unemployment"],
    &["ceo", "president", "chair", "mayor", "minister"],
    &[
        "revenue",
        "profit",
        "loss",
        "investment",
        "cost",
        "spending",
        "budget",
        "funding",
        "subsidy",
        "tax",
        "fee",
        "price",
        "debt",
        "salary",
        "fine",
        "damage",
        "aid",
        "loan",
    ],
];

/// Whether two concepts are different facts of one kind.
pub fn contrast(a: &str, b: &str) -> bool {
    a != b
        && CONTRASTS
            .iter()
            .any(|kind| kind.contains(&a) && kind.contains(&b))
}

/// Words that say how a property is counted or of whom, not what it is (folded: no accents).
const FILLERS: &[&str] = &[
    "number",
    "count",
    "total",
    "amount",
    "tally",
    "nombre",
    "montant",
    "bilan",
    "cumul",
    "teu",
    "evp",
    "people",
    "persons",
    "individuals",
    "personnes",
    "gens",
    "individus",
    "inhabitants",
    "habitants",
    "residents",
    "residents",
    "date",
];

/// The lexicon's phrases by their first word: the rest of each phrase's words, longest first,
/// and its concept. Words are lowercase, accents folded.
type Phrases = FxHashMap<String, Vec<(Vec<String>, &'static str)>>;

fn phrases() -> &'static Phrases {
    static PHRASES: OnceLock<Phrases> = OnceLock::new();
    PHRASES.get_or_init(|| {
        let mut phrases: Phrases = FxHashMap::default();
        for &(concept, wordings) in LEXICON {
            for wording in wordings {
                let words = folded_words(wording);
                let (first, rest) = words.split_first().expect("a phrase has words");
                phrases
                    .entry(first.clone())
                    .or_default()
                    .push((rest.to_vec(), concept));
            }
        }
        for list in phrases.values_mut() {
            list.sort_by_key(|(rest, _)| std::cmp::Reverse(rest.len()));
        }
        phrases
    })
}

/// The concept of the longest phrase that `words` (lowercase, accents folded) start with, and
/// how many words it takes.
pub fn concept_at(words: &[String]) -> Option<(&'static str, usize)> {
    let (first, rest) = words.split_first()?;
    phrases()
        .get(first)?
        .iter()
        .find_map(|(tail, concept)| rest.starts_with(tail).then_some((*concept, 1 + tail.len())))
}

/// Whether a word (lowercase, accents folded) only says how a property is counted or of whom.
pub fn is_filler(word: &str) -> bool {
    FILLERS.contains(&word)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        folded_words(text)
    }

    #[test]
    fn the_longest_phrase_wins() {
        assert_eq!(
            concept_at(&words("chief executive officer of")),
            Some(("ceo", 3))
        );
        assert_eq!(concept_at(&words("chief executive")), Some(("ceo", 2)));
        // `chief` alone says nothing.
        assert_eq!(concept_at(&words("chief of staff")), None);
        assert_eq!(
            concept_at(&words("chiffre d'affaires")),
            Some(("revenue", 3))
        );
    }

    #[test]
    fn phrases_are_matched_without_accents_or_case() {
        assert_eq!(concept_at(&words("Décès")), Some(("dead", 1)));
        assert_eq!(concept_at(&words("deces")), Some(("dead", 1)));
    }

    #[test]
    fn each_phrase_names_one_concept() {
        let mut seen: FxHashMap<Vec<String>, &str> = FxHashMap::default();
        for &(concept, wordings) in LEXICON {
            for wording in wordings {
                if let Some(other) = seen.insert(words(wording), concept) {
                    assert_eq!(other, concept, "`{wording}` is of two concepts");
                }
            }
        }
    }

    #[test]
    fn contrasting_concepts_are_concepts_of_the_lexicon() {
        for concept in CONTRASTS.iter().flat_map(|kind| kind.iter()) {
            assert!(
                LEXICON.iter().any(|(c, _)| c == concept),
                "`{concept}` is not in the lexicon"
            );
        }
        assert!(contrast("start", "end"));
        assert!(!contrast("start", "start"));
        assert!(!contrast("ceo", "leader"));
    }

    #[test]
    fn look_alikes_are_distinct_concepts() {
        assert_ne!(concept_at(&words("disparus")), concept_at(&words("morts")));
        assert_ne!(concept_at(&words("jobs")), concept_at(&words("employees")));
        assert_ne!(concept_at(&words("president")), concept_at(&words("ceo")));
        assert_ne!(
            concept_at(&words("turnout")),
            concept_at(&words("abstention"))
        );
    }
}
