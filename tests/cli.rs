//! The command line itself: wrong arguments exit 2, and completions and the man page are
//! generated from the same definitions.

use std::path::Path;

mod common;

fn concord(args: &[&str]) -> (i32, String, String) {
    common::concord_in(Path::new("."), args)
}

#[test]
fn a_wrong_command_line_exits_2() {
    for args in [
        &["chek"][..],
        &["check", "--format", "xml"],
        &["check", "--fail-on", "sometimes"],
        &["import", "t.csv"],
    ] {
        let (status, stdout, stderr) = concord(args);
        assert_eq!(status, 2, "{args:?}: {stderr}");
        assert!(stdout.is_empty());
        assert!(stderr.contains("error"), "{stderr}");
    }
    assert_eq!(concord(&["--help"]).0, 0);
}

#[test]
fn completions_and_man_page_list_every_command() {
    for shell in ["bash", "zsh", "fish"] {
        let (status, script, _) = concord(&["completions", shell]);
        assert_eq!(status, 0);
        for command in ["check", "report", "import", "diff"] {
            assert!(
                script.contains(command),
                "{shell} completions lack {command}"
            );
        }
    }
    let (status, page, _) = concord(&["man"]);
    assert_eq!(status, 0);
    assert!(page.contains(".TH concord 1"));
    for command in ["check", "report", "import", "diff"] {
        assert!(page.contains(command), "the man page lacks {command}");
    }
}
