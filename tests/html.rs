//! `report --format html`: one self-contained page (nothing loaded from elsewhere) with its
//! three sections, whose verdict says plainly when there is nothing to look at. What the page
//! does in a browser is tested in `browser.rs`.

mod common;

use common::{concord, corpus, repository};

fn page(root: &std::path::Path, args: &[&str]) -> String {
    let mut all = vec!["report", "--format", "html", "--no-cache"];
    all.extend_from_slice(args);
    let run = concord(&all, root);
    assert!(run.status < 2, "{}", run.stderr);
    run.stdout
}

#[test]
fn the_page_loads_nothing_from_elsewhere() {
    let html = page(&repository(), &[]);
    for outside in ["<link", " src=", "@import", "url(", "http://", "<iframe"] {
        assert!(!html.contains(outside), "the page holds {outside:?}");
    }
    // Links (followed only when clicked): within the page, or to an article's own address.
    let mut outward = 0;
    for (i, _) in html.match_indices("href=\"") {
        let target = &html[i + 6..];
        let target = &target[..target.find('"').unwrap()];
        assert!(
            target.starts_with('#') || target.starts_with("https:&#x2f;&#x2f;"),
            "{target}"
        );
        outward += usize::from(!target.starts_with('#'));
        assert_eq!(
            &html[html[..i].rfind('<').unwrap()..][..3],
            "<a ",
            "{target}"
        );
    }
    assert!(
        outward > 0,
        "the seeds' articles with an address are linked"
    );
    assert!(html.starts_with("<!doctype html>\n<html lang=\"en\">"));
    assert!(html.contains("<style>:root {") && html.contains("<script>// The page's own script"));
}

#[test]
fn the_seeds_page_has_its_sections_and_four_reviewed_findings() {
    let html = page(&repository(), &[]);
    for id in [
        "id=\"findings\"",
        "id=\"matrix\"",
        "id=\"sources\"",
        "id=\"summary\"",
    ] {
        assert!(html.contains(id), "{id}");
    }
    assert_eq!(html.matches("<article class=\"card ").count(), 4);
    assert!(html.contains("Every finding has been reviewed"));
    assert!(
        html.contains("<mark>Latnik</mark>"),
        "the misspelt word is marked"
    );
    assert!(
        html.contains("Reviewed: the Gate translation misspells the Commerce Secretary"),
        "the baseline's note is shown"
    );
    let unreviewed = page(&repository(), &["--no-baseline"]);
    assert!(unreviewed.contains("4 of 4 findings are not reviewed yet."));
}

#[test]
fn a_page_without_findings_says_so() {
    let html = page(&corpus("codes-lookalikes"), &[]);
    assert!(html.contains("No findings: the sources agree on every fact concord compared."));
    assert_eq!(html.matches("<article class=\"card ").count(), 0);
}

#[test]
fn the_page_escapes_what_the_corpus_writes() {
    let dir = common::scratch_corpus(&[
        (
            "facts/a.yaml",
            "source: {id: a}\nclaims:\n  - {subject: \"<script>alert(1)</script>\", property: chip, value: H20}\n",
        ),
        (
            "facts/b.yaml",
            "source: {id: b}\nclaims:\n  - {subject: \"<script>alert(1)</script>\", property: chip, value: H2O}\n",
        ),
    ]);
    let html = page(dir.path(), &[]);
    assert!(!html.contains("<script>alert(1)"), "{html}");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;&#x2f;script&gt;"));
}

#[test]
fn only_report_writes_html() {
    for command in ["check", "scan", "diff"] {
        let run = concord(&[command, "--format", "html"], repository());
        assert_eq!(run.status, 2, "{command}");
        assert!(
            run.stderr.contains("--format html is for `concord report`"),
            "{}",
            run.stderr
        );
    }
}
