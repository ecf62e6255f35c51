//! `concord review`: one finding at a time in a terminal. The real binary is driven through a
//! pseudo-terminal; the registry edits are also checked through the library with scripted
//! answers, on each layout a registry may have.

use std::path::Path;
use std::process::Command;

use assert_cmd::cargo::CommandCargoExt;

mod common;
use common::{check, concord, path_arg};

/// A corpus with three findings: a confusable chip code, two near-identical people who are
/// really two people, and a case variant of a registered organisation.
fn corpus(registry: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let facts = dir.path().join("facts");
    std::fs::create_dir_all(&facts).unwrap();
    std::fs::write(
        facts.join("a.yaml"),
        "source: {id: a}\nclaims:\n  - {subject: Acme, property: uses chip, value: H20}\n  - {subject: Jon Smith, property: role, value: mayor}\n  - {subject: Nvidia, property: based in, value: Santa Clara}\n",
    )
    .unwrap();
    std::fs::write(
        facts.join("b.yaml"),
        "source: {id: b}\nclaims:\n  - {subject: Acme, property: uses chip, value: H20}\n  - {subject: John Smith, property: born in, value: Leeds}\n  - {subject: NVIDIA, property: based in, value: Santa Clara}\n",
    )
    .unwrap();
    std::fs::write(
        facts.join("c.yaml"),
        "source: {id: c}\nclaims:\n  - {subject: Acme, property: uses chip, value: H2O}\n  - {subject: Jon Smith, property: role, value: mayor}\n  - {subject: Nvidia, property: based in, value: Santa Clara}\n",
    )
    .unwrap();
    std::fs::write(facts.join("registry.yaml"), registry).unwrap();
    dir
}

const REGISTRY: &str = "# Kept by people: this comment must survive.\nentities:\n  - id: nvidia\n    name: Nvidia\n    kind: organisation\n    aliases: [Nvidia Corporation]   # the legal name\n  - id: acme\n    name: Acme\n    kind: organisation\n\nproperties:\n  - id: role\n    name: role\n    kind: text\n";

/// Runs the review of the library with `answers` as the person's input; returns the status and
/// what the review printed.
fn review_with(root: &Path, answers: &str) -> (i32, String) {
    colored::control::set_override(false);
    let mut input = std::io::Cursor::new(answers.as_bytes().to_vec());
    let mut output = Vec::new();
    let status = concord::commands::review::run(root, &mut input, &mut output, false);
    (status, String::from_utf8(output).unwrap())
}

#[test]
fn review_in_a_terminal_accepts_one_finding_and_registers_another() {
    let dir = corpus(REGISTRY);
    assert_eq!(check(dir.path(), &["--fail-on", "info"]).status, 1);

    let mut command = Command::cargo_bin("concord").unwrap();
    command
        .arg("review")
        .arg(dir.path())
        .arg("--color")
        .arg("never");
    let mut session = rexpect::session::spawn_command(command, Some(20_000)).unwrap();
    // Errors first: the confusable chip code.
    session.exp_string("Finding 1 of 3").unwrap();
    session.exp_string("confusable-variant").unwrap();
    session.exp_string("[a,r,s,q,A,R,S,?]? ").unwrap();
    session.send_line("?").unwrap();
    session.exp_string("register: add its spellings").unwrap();
    session.exp_string("[a,r,s,q,A,R,S,?]? ").unwrap();
    session.send_line("a").unwrap();
    session.exp_string("Note (why it is accepted): ").unwrap();
    session.send_line("").unwrap();
    session.exp_string("a note is needed").unwrap();
    session.send_line("source c typed a letter O").unwrap();
    session.exp_string("accepted 1 finding").unwrap();
    // Then the two Smiths, who are two people.
    session.exp_string("Finding 2 of 3").unwrap();
    session.exp_string("spelling-variant").unwrap();
    session.exp_string("[a,r,s,q,A,R,S,?]? ").unwrap();
    session.send_line("r").unwrap();
    session.exp_string("(d)istinct entities").unwrap();
    session.send_line("d").unwrap();
    session.exp_string("[person]: ").unwrap();
    session.send_line("").unwrap();
    session.exp_string("in facts/registry.yaml").unwrap();
    // Then the case variant of a registered organisation: an alias.
    session.exp_string("Finding 3 of 3").unwrap();
    session.exp_string("case-variant").unwrap();
    session.exp_string("[a,r,s,q,A,R,S,?]? ").unwrap();
    session.send_line("r").unwrap();
    session.exp_string("(a)liases of \"Nvidia\"").unwrap();
    session.send_line("a").unwrap();
    session
        .exp_string("registered \"NVIDIA\" as aliases of nvidia")
        .unwrap();
    session
        .exp_string("reviewed: 1 accepted, 2 registered, 0 skipped")
        .unwrap();
    session.exp_eof().unwrap();

    let run = check(dir.path(), &["--fail-on", "info"]);
    assert_eq!(run.status, 0, "{}", run.output());
    let reviewed = std::fs::read_to_string(dir.path().join("facts/reviewed.yaml")).unwrap();
    assert!(
        reviewed.contains("confusable-variant") && reviewed.contains("source c typed a letter O"),
        "{reviewed}"
    );
    assert!(
        reviewed.contains("    accepted:\n      c: 1\n"),
        "the accepted entry is pinned to source c's one H2O: {reviewed}"
    );
    let registry = std::fs::read_to_string(dir.path().join("facts/registry.yaml")).unwrap();
    assert!(
        registry.starts_with("# Kept by people: this comment must survive.\n")
            && registry.contains("aliases: [Nvidia Corporation, NVIDIA]   # the legal name")
            && registry.contains("name: Jon Smith\n    kind: person")
            && registry.contains("name: John Smith\n    kind: person")
            && registry.ends_with("properties:\n  - id: role\n    name: role\n    kind: text\n"),
        "{registry}"
    );
}

#[test]
fn review_refuses_without_a_terminal_and_says_what_to_use() {
    let dir = corpus(REGISTRY);
    let run = concord(&["review", path_arg(dir.path())], ".");
    assert_eq!(run.status, 2);
    let stderr = run.stderr;
    assert!(
        stderr.contains("needs a terminal") && stderr.contains("concord check --write-baseline"),
        "{stderr}"
    );
    let registry = std::fs::read_to_string(dir.path().join("facts/registry.yaml")).unwrap();
    assert_eq!(registry, REGISTRY);
}

#[test]
fn capital_a_accepts_every_remaining_finding_with_one_note() {
    let dir = corpus(REGISTRY);
    let (status, output) = review_with(dir.path(), "s\nA\nall checked by the desk\n");
    assert_eq!(status, 0, "{output}");
    assert!(
        output.contains("accepted 2 findings")
            && output.contains("reviewed: 2 accepted, 0 registered, 1 skipped"),
        "{output}"
    );
    // The skipped one is still unreviewed; the two others are not.
    let run = check(dir.path(), &["--fail-on", "info", "--format", "json"]);
    assert_eq!(run.status, 1);
    let report = run.json();
    let unreviewed: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["reviewed"] == false)
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert_eq!(unreviewed, ["confusable-variant"]);
}

#[test]
fn quitting_or_closing_the_input_writes_nothing_more() {
    let dir = corpus(REGISTRY);
    for answers in ["q\n", ""] {
        let (status, output) = review_with(dir.path(), answers);
        assert_eq!(status, 0, "{output}");
        assert!(output.contains("0 accepted, 0 registered"), "{output}");
        assert!(!dir.path().join("facts/reviewed.yaml").exists());
        let registry = std::fs::read_to_string(dir.path().join("facts/registry.yaml")).unwrap();
        assert_eq!(registry, REGISTRY);
    }
}

#[test]
fn only_name_variants_and_unaligned_facts_can_be_registered() {
    let dir = corpus(REGISTRY);
    std::fs::write(
        dir.path().join("facts/d.yaml"),
        "source: {id: d}\nclaims:\n  - {subject: Acme, property: revenue, value: 46 milliards}\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("facts/e.yaml"),
        "source: {id: e}\nclaims:\n  - {subject: Acme, property: revenue, value: 4.6 billion}\n",
    )
    .unwrap();
    let (_, output) = review_with(dir.path(), "s\ns\nr\nq\n");
    assert!(
        output.contains(
            "only name variants and unaligned facts that an alias aligns can be registered; accept or skip this value-conflict"
        ),
        "{output}"
    );
}

/// Registers the two Smiths as distinct people through a registry laid out as `registry`, and
/// returns the registry file afterwards.
fn register_smiths(registry: &str) -> String {
    let dir = corpus(registry);
    // Accept the chip code, register the Smiths, quit.
    let (status, output) = review_with(dir.path(), "a\nchecked\nr\nd\n\nq\n");
    assert_eq!(status, 0, "{output}");
    assert!(
        output.contains("registered \"John Smith\", \"Jon Smith\"")
            || output.contains("registered \"Jon Smith\", \"John Smith\""),
        "{output}"
    );
    let report = check(dir.path(), &["--format", "json"]).output();
    assert!(!report.contains("Smith"), "{report}");
    std::fs::read_to_string(dir.path().join("facts/registry.yaml")).unwrap()
}

#[test]
fn registering_keeps_each_registry_layout() {
    // Entities indented under the key or not, with properties after them or not.
    let flush = "entities:\n- id: nvidia\n  name: Nvidia\n  kind: organisation\n";
    let written = register_smiths(flush);
    assert!(written.starts_with(flush), "{written}");
    assert!(
        written.contains("\n- id: jon-smith\n  name: Jon Smith\n  kind: person\n"),
        "{written}"
    );

    let only_properties = "properties:\n  - id: role\n    name: role\n";
    let written = register_smiths(only_properties);
    assert!(written.starts_with(only_properties), "{written}");
    assert!(
        written.contains("entities:\n  - id: jon-smith\n"),
        "{written}"
    );
}

#[test]
fn a_registry_layout_it_cannot_edit_safely_is_left_alone() {
    let flow = "entities: [{id: nvidia, name: Nvidia, kind: organisation}]\n";
    let dir = corpus(flow);
    let (status, output) = review_with(dir.path(), "s\nr\nd\n\nq\n");
    assert_eq!(status, 0, "{output}");
    assert!(
        output.contains(
            "not registered: facts/registry.yaml:1: concord cannot edit this layout safely"
        ),
        "{output}"
    );
    let written = std::fs::read_to_string(dir.path().join("facts/registry.yaml")).unwrap();
    assert_eq!(written, flow);
}

#[test]
fn aliases_go_into_block_lists_and_entities_without_aliases() {
    let block = "entities:\n  - id: nvidia\n    name: Nvidia\n    kind: organisation\n    aliases:\n      - Nvidia Corporation\n  - id: acme\n    name: Acme\n    kind: organisation\n";
    let dir = corpus(block);
    let (_, output) = review_with(dir.path(), "s\ns\nr\na\n");
    assert!(
        output.contains("registered \"NVIDIA\" as aliases of nvidia"),
        "{output}"
    );
    let written = std::fs::read_to_string(dir.path().join("facts/registry.yaml")).unwrap();
    assert!(
        written
            .contains("    aliases:\n      - Nvidia Corporation\n      - NVIDIA\n  - id: acme\n"),
        "{written}"
    );

    let bare = "entities:\n  - id: nvidia\n    name: Nvidia\n    kind: organisation\n";
    let dir = corpus(bare);
    review_with(dir.path(), "s\ns\nr\na\n");
    let written = std::fs::read_to_string(dir.path().join("facts/registry.yaml")).unwrap();
    assert_eq!(
        written,
        "entities:\n  - id: nvidia\n    name: Nvidia\n    aliases: [NVIDIA]\n    kind: organisation\n"
    );
}

// ---------------------------------------------------------------------------------------------
// Unaligned facts: registering the wordings that make them meet
// ---------------------------------------------------------------------------------------------

/// A scratch copy of `tests/corpora/alignment/NAME`, with `registry` as its registry when given.
fn alignment_corpus(name: &str, registry: Option<&str>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let from = common::repository()
        .join("tests/corpora/alignment")
        .join(name);
    common::copy_dir(&from, dir.path());
    if let Some(registry) = registry {
        std::fs::write(dir.path().join("facts/registry.yaml"), registry).unwrap();
    }
    dir
}

/// The codes of the findings `check` reports on the corpus at `root`, and its `corroborated`
/// count (facts stated by two sources or more).
fn codes_and_corroborated(root: &Path) -> (Vec<String>, u64) {
    let report = check(root, &["--no-baseline", "--format", "json"]).json();
    let codes = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap().to_string())
        .collect();
    (codes, report["summary"]["corroborated"].as_u64().unwrap())
}

fn registry_of(root: &Path) -> String {
    std::fs::read_to_string(root.join("facts/registry.yaml")).unwrap()
}

/// The death toll per town, `bilan des morts` in a French paper and `death toll` in an English
/// one: registering one wording as an alias of the other makes the tolls meet, and Aubenas's
/// (6 against 8) conflict.
#[test]
fn registering_an_unaligned_property_in_a_terminal_reveals_the_conflict_it_hid() {
    let dir = alignment_corpus("death-toll", None);
    let before = registry_of(dir.path());
    assert_eq!(
        codes_and_corroborated(dir.path()),
        (vec!["unaligned-fact".to_string()], 0)
    );

    let mut command = Command::cargo_bin("concord").unwrap();
    command
        .arg("review")
        .arg(dir.path())
        .arg("--color")
        .arg("never");
    let mut session = rexpect::session::spawn_command(command, Some(20_000)).unwrap();
    session.exp_string("Finding 1 of 1").unwrap();
    session.exp_string("info[unaligned-fact]").unwrap();
    session.exp_string("[a,r,s,q,A,R,S,?]? ").unwrap();
    session.send_line("?").unwrap();
    session
        .exp_string("for an unaligned fact, its wordings as aliases")
        .unwrap();
    session.exp_string("[a,r,s,q,A,R,S,?]? ").unwrap();
    session.send_line("r").unwrap();
    session
        .exp_string(
            "registered property \"bilan des morts\" with aliases \"death toll\" in facts/registry.yaml",
        )
        .unwrap();
    // The registration revealed a conflict: it is the next finding, in the same session.
    session.exp_string("Finding 2 of 2").unwrap();
    session.exp_string("error[value-conflict]").unwrap();
    session.exp_string("Aubenas").unwrap();
    session.exp_string("[a,r,s,q,A,R,S,?]? ").unwrap();
    session.send_line("q").unwrap();
    session
        .exp_string("reviewed: 0 accepted, 1 registered")
        .unwrap();
    session.exp_eof().unwrap();

    // The tolls now meet: four that both papers state alike, and the one they disagree on.
    assert_eq!(
        codes_and_corroborated(dir.path()),
        (vec!["value-conflict".to_string()], 4)
    );
    let run = check(dir.path(), &["--no-baseline"]);
    assert_eq!(run.status, 1);
    assert!(
        run.stdout
            .contains("sources disagree on Aubenas / bilan des morts: \"6\" vs \"8\""),
        "{}",
        run.output()
    );
    // The registry as it was, comments and blank line included, with a properties section.
    assert_eq!(
        registry_of(dir.path()),
        format!(
            "{before}properties:\n  - id: bilan-des-morts\n    name: bilan des morts\n    aliases: [death toll]\n"
        )
    );
}

/// The registry of the death-toll corpus with its towns, and `properties` after them.
fn towns_and(properties: &str) -> String {
    format!(
        "# The towns of the story.\nentities:\n  - id: aubenas\n    name: Aubenas\n    kind: place\n{properties}"
    )
}

#[test]
fn a_registered_property_gets_the_other_wording_as_an_alias() {
    // `bilan des morts` is registered, with a flow list of aliases and a comment on its line.
    let flow = towns_and(
        "properties:\n  - id: deaths\n    name: bilan des morts   # the French papers' word\n    aliases: [nombre de morts]\n    kind: quantity\n",
    );
    // `death toll` is registered, without aliases: whichever wording is registered keeps its
    // entry, and the other becomes its alias.
    let bare = towns_and("properties:\n  - id: toll\n    name: death toll\n    kind: quantity\n");
    for (registry, registered, edited) in [
        (
            &flow,
            "registered \"death toll\" as aliases of property deaths in facts/registry.yaml",
            flow.replace("[nombre de morts]", "[nombre de morts, death toll]"),
        ),
        (
            &bare,
            "registered \"bilan des morts\" as aliases of property toll in facts/registry.yaml",
            bare.replace(
                "name: death toll\n",
                "name: death toll\n    aliases: [bilan des morts]\n",
            ),
        ),
    ] {
        let dir = alignment_corpus("death-toll", Some(registry));
        let (status, output) = review_with(dir.path(), "r\nq\n");
        assert_eq!(status, 0, "{output}");
        assert!(output.contains(registered), "{output}");
        assert_eq!(registry_of(dir.path()), edited);
        assert_eq!(
            codes_and_corroborated(dir.path()),
            (vec!["value-conflict".to_string()], 4)
        );
    }
}

#[test]
fn a_subject_and_a_property_alias_are_registered_together_in_one_edit() {
    let dir = alignment_corpus("factory", None);
    let before = registry_of(dir.path());
    assert_eq!(
        codes_and_corroborated(dir.path()),
        (vec!["unaligned-fact".to_string(); 2], 0)
    );
    // First `la présidente de Voltana`, an alias of the registered Marie Durand; then `usine de
    // Dunkerque / emplois prévus`, a new entity (its kind guessed: `other`) and a new property.
    let (status, output) = review_with(dir.path(), "r\nr\n\n");
    assert_eq!(status, 0, "{output}");
    assert!(
        output.contains(
            "registered \"la présidente de Voltana\" as aliases of marie-durand in facts/registry.yaml\n"
        ) && output.contains("Kind of the new entity \"site de Dunkerque\" (person, organisation, product, place, role, other) [other]: ")
            && output.contains(
                "registered \"site de Dunkerque\" with aliases \"usine de Dunkerque\" and property \"nombre d'emplois prévus\" with aliases \"emplois prévus\" in facts/registry.yaml (entity kind: other)\n"
            ),
        "{output}"
    );
    assert_eq!(
        registry_of(dir.path()),
        before.replace(
            "    name: Marie Durand\n",
            "    name: Marie Durand\n    aliases: [la présidente de Voltana]\n"
        ) + "  - id: site-de-dunkerque\n    name: site de Dunkerque\n    kind: other\n    aliases: [usine de Dunkerque]\n"
            + "properties:\n  - id: nombre-d-emplois-prevus\n    name: nombre d'emplois prévus\n    aliases: [emplois prévus]\n"
    );
    // Both facts now meet, and agree.
    assert_eq!(codes_and_corroborated(dir.path()), (Vec::new(), 2));
}

#[test]
fn capital_r_registers_every_remaining_unaligned_fact_with_its_guessed_kind() {
    let dir = alignment_corpus("factory", None);
    let (status, output) = review_with(dir.path(), "R\n");
    assert_eq!(status, 0, "{output}");
    assert!(
        !output.contains("Kind of the new entity")
            && output.contains("(entity kind: other)")
            && output.contains("reviewed: 0 accepted, 2 registered, 0 skipped"),
        "{output}"
    );
    assert_eq!(codes_and_corroborated(dir.path()), (Vec::new(), 2));
}

#[test]
fn capital_r_on_a_name_variant_leaves_the_unaligned_facts_alone() {
    let dir = alignment_corpus("factory", None);
    std::fs::write(
        dir.path().join("facts/echo-littoral.yaml"),
        "source: {id: echo-littoral, language: fr}\nclaims:\n  - {subject: Marie Durant, property: fonction, value: présidente de Voltana}\n",
    )
    .unwrap();
    // The misspelling (an error) comes first: `R`, as aliases.
    let (status, output) = review_with(dir.path(), "R\na\n");
    assert_eq!(status, 0, "{output}");
    assert!(
        output.contains("registered \"Marie Durant\" as aliases of marie-durand")
            && output.contains("reviewed: 0 accepted, 1 registered, 2 skipped"),
        "{output}"
    );
    assert_eq!(
        codes_and_corroborated(dir.path()),
        (vec!["unaligned-fact".to_string(); 2], 0)
    );
}

#[test]
fn an_unaligned_fact_in_a_layout_it_cannot_edit_is_refused_with_nothing_written() {
    // The property to add an alias to is written as a flow mapping.
    let flow = towns_and("properties: [{id: deaths, name: bilan des morts}]\n");
    // Two edits, one file: the entity could be added, the property's alias could not; neither
    // is written.
    let factory = "entities:\n  - id: marie-durand\n    name: Marie Durand\n    kind: person\nproperties: [{id: jobs, name: nombre d'emplois prévus}]\n";
    for (corpus, registry, answers) in [
        ("death-toll", flow.as_str(), "r\nq\n"),
        ("factory", factory, "s\nr\n\nq\n"),
    ] {
        let dir = alignment_corpus(corpus, Some(registry));
        let (status, output) = review_with(dir.path(), answers);
        assert_eq!(status, 0, "{output}");
        let line = registry.lines().count();
        assert!(
            output.contains(&format!(
                "not registered: facts/registry.yaml:{line}: concord cannot edit this layout safely; nothing was written, edit it by hand"
            )) && output.contains("0 registered"),
            "{output}"
        );
        assert_eq!(registry_of(dir.path()), registry);
    }
}

#[test]
fn an_edit_that_would_not_read_back_is_refused_with_nothing_written() {
    // An empty `properties: []`: a new section would be a second `properties` key.
    let dir = alignment_corpus("death-toll", None);
    let registry = registry_of(dir.path()) + "properties: []\n";
    std::fs::write(dir.path().join("facts/registry.yaml"), &registry).unwrap();
    let (status, output) = review_with(dir.path(), "r\nq\n");
    assert_eq!(status, 0, "{output}");
    assert!(
        output.contains("not registered: facts/registry.yaml is laid out in a way concord cannot edit safely; nothing was written, edit it by hand"),
        "{output}"
    );
    assert_eq!(registry_of(dir.path()), registry);
}

#[test]
fn two_registered_properties_are_never_merged() {
    let two = towns_and(
        "properties:\n  - id: toll\n    name: death toll\n  - id: deaths\n    name: bilan des morts\n",
    );
    let dir = alignment_corpus("death-toll", Some(&two));
    let (status, output) = review_with(dir.path(), "r\nq\n");
    assert_eq!(status, 0, "{output}");
    assert!(
        output.contains("not registered: \"death toll\" is the registered property toll and \"bilan des morts\" the property deaths; concord does not merge two registered property entries, edit the registry by hand"),
        "{output}"
    );
    assert_eq!(registry_of(dir.path()), two);
}

#[test]
fn the_second_addition_finds_its_entry_where_the_first_moved_it() {
    // The new entity goes in before the registered property, moving it four lines down; the
    // property's alias must still land under its own name.
    let registry = "entities:\n  - id: marie-durand\n    name: Marie Durand\n    kind: person\n    aliases: [la présidente de Voltana]\nproperties:\n  - id: jobs\n    name: nombre d'emplois prévus   # as the plant's press release says\n    kind: quantity\n";
    let dir = alignment_corpus("factory", Some(registry));
    let (status, output) = review_with(dir.path(), "r\n\n");
    assert_eq!(status, 0, "{output}");
    assert!(
        output.contains("registered \"site de Dunkerque\" with aliases \"usine de Dunkerque\" and \"emplois prévus\" as aliases of property jobs in facts/registry.yaml (entity kind: other)"),
        "{output}"
    );
    assert_eq!(
        registry_of(dir.path()),
        "entities:\n  - id: marie-durand\n    name: Marie Durand\n    kind: person\n    aliases: [la présidente de Voltana]\n  - id: site-de-dunkerque\n    name: site de Dunkerque\n    kind: other\n    aliases: [usine de Dunkerque]\nproperties:\n  - id: jobs\n    name: nombre d'emplois prévus   # as the plant's press release says\n    aliases: [emplois prévus]\n    kind: quantity\n"
    );
    assert_eq!(codes_and_corroborated(dir.path()), (Vec::new(), 2));
}
