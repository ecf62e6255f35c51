//! The command line itself: wrong arguments exit 2, and completions and the man page are
//! generated from the same definitions.

mod common;
use common::concord;

#[test]
fn a_wrong_command_line_exits_2() {
    for args in [
        &["chek"][..],
        &["check", "--format", "xml"],
        &["check", "--fail-on", "sometimes"],
        &["import", "t.csv"],
    ] {
        let run = concord(args, ".");
        assert_eq!(run.status, 2, "{args:?}: {}", run.stderr);
        assert!(run.stdout.is_empty());
        assert!(run.stderr.contains("error"), "{}", run.stderr);
    }
    assert_eq!(concord(&["--help"], ".").status, 0);
}

#[test]
fn completions_and_man_page_list_every_command() {
    for shell in ["bash", "zsh", "fish"] {
        let run = concord(&["completions", shell], ".");
        assert_eq!(run.status, 0);
        let script = run.stdout;
        for command in ["check", "report", "import", "diff"] {
            assert!(
                script.contains(command),
                "{shell} completions lack {command}"
            );
        }
    }
    let run = concord(&["man"], ".");
    assert_eq!(run.status, 0);
    let page = run.stdout;
    assert!(page.contains(".TH concord 1"));
    for command in ["check", "report", "import", "diff"] {
        assert!(page.contains(command), "the man page lacks {command}");
    }
}
