//! The `concord` binary: parses the command line into a checked configuration, runs the command,
//! prints what it returns and exits with its status. The only place that prints or exits, but
//! for `review`, which talks with the terminal as it goes.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};
use concord::commands::diff::{DiffConfig, Old};
use concord::commands::extract::ExtractConfig;
use concord::commands::import::{ImportConfig, Values};
use concord::commands::scan::ScanConfig;
use concord::commands::{self, Format, Outcome, Output, check::CheckConfig};
use concord::load::table::Column;
use concord::report::FailOn;
use concord_engine::finding::Severity;
use concord_engine::model::ValueKind;

#[derive(Parser)]
#[command(
    name = "concord",
    version,
    about = "Find the facts that articles state differently: misspellings, look-alike codes, conflicting figures, reworded quotations"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// The CI gate: validate and reconcile the corpus; exit 1 on an unreviewed finding at or above --fail-on
    Check {
        #[command(flatten)]
        args: CheckArgs,
        /// Add the unreviewed findings to facts/reviewed.yaml (atomically), keeping its entries
        #[arg(long)]
        write_baseline: bool,
    },
    /// The consistency report: every fact group with its support, every finding, each source's reliability
    Report(CheckArgs),
    /// Go through the unreviewed findings one at a time: accept, register, skip or quit
    Review {
        /// The corpus root
        #[arg(default_value = ".")]
        root: PathBuf,
        /// When to color the output (never when NO_COLOR is set)
        #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
        color: ColorArg,
        /// Show the signals and scores behind each finding
        #[arg(long)]
        explain: bool,
    },
    /// Raw-text mode: find name, code and quotation variants in articles, no facts needed
    Scan(ScanArgs),
    /// Draft a source file for one article: claims found by rules, to be completed by a person
    Extract {
        /// The article (plain text)
        article: PathBuf,
        /// Write the draft to this file (atomically) instead of printing it
        #[arg(long, value_name = "PATH")]
        write: Option<PathBuf>,
        /// Overwrite the file given to --write
        #[arg(long, requires = "write")]
        force: bool,
        /// The corpus root: its facts/ registry is used, and article: is written relative to it
        #[arg(long, default_value = ".")]
        root: PathBuf,
    },
    /// Turn a table of claims (CSV or TSV, one row per source and subject) into a corpus
    Import(ImportArgs),
    /// What a data edit changes: `diff OLD NEW`, or `diff --git REV [ROOT]` against a git revision
    Diff(DiffArgs),
    /// Print shell completions (`concord completions bash > /etc/bash_completion.d/concord`)
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (`concord man > concord.1`)
    Man,
    /// A language server on standard input and output: findings as diagnostics while facts are edited
    Lsp,
}

#[derive(Args)]
struct ScanArgs {
    /// Articles: files, or folders read for .txt and .md files (default `seeds`)
    #[arg(default_value = "seeds")]
    paths: Vec<PathBuf>,
    /// The folder whose facts/ gives the registry and baseline, when it has one
    #[arg(long, default_value = ".")]
    root: PathBuf,
    #[command(flatten)]
    common: CommonArgs,
}

#[derive(Args)]
struct DiffArgs {
    /// OLD NEW corpus roots; with --git, the one root to compare with the revision (default `.`)
    #[arg(num_args = 0..=2)]
    roots: Vec<PathBuf>,
    /// Compare the working tree with this git revision (read without touching the work tree)
    #[arg(long, value_name = "REV")]
    git: Option<String>,
    #[command(flatten)]
    common: CommonArgs,
}

impl DiffArgs {
    fn config(self) -> Result<DiffConfig, String> {
        let mut roots = self.roots.into_iter();
        let (old, new) = match (self.git, roots.len()) {
            (Some(rev), 0 | 1) => (
                Old::Git(rev),
                roots.next().unwrap_or_else(|| PathBuf::from(".")),
            ),
            (None, 2) => (
                Old::Root(roots.next().expect("two roots")),
                roots.next().expect("two roots"),
            ),
            (Some(_), _) => return Err("with --git, give at most one root".into()),
            (None, _) => return Err("give OLD and NEW corpus roots, or --git REV".into()),
        };
        Ok(DiffConfig {
            old,
            new,
            output: self.common.output(),
            use_baseline: self.common.use_baseline(),
        })
    }
}

#[derive(Args)]
#[command(group(clap::ArgGroup::new("what").required(true).args(["value", "values"])))]
struct ImportArgs {
    /// The table: CSV or TSV, delimiter detected
    table: PathBuf,
    /// The column of the source (a header name or a 1-based number)
    #[arg(long)]
    source: String,
    /// The column of the subject
    #[arg(long)]
    subject: String,
    /// The column of the value, with --property
    #[arg(long, requires = "property")]
    value: Option<String>,
    /// The property the --value column states
    #[arg(long, requires = "value")]
    property: Option<String>,
    /// Columns that each hold one property, named after their header: COL,COL,…
    #[arg(long, value_delimiter = ',', conflicts_with_all = ["value", "property"])]
    values: Vec<String>,
    /// How the values compare: entity, quantity, date, quote, names or text
    #[arg(long, value_parser = parse_kind)]
    kind: Option<ValueKind>,
    /// The first row is data, not a header
    #[arg(long)]
    no_header: bool,
    /// The corpus root to write facts/<source>.yaml under
    #[arg(long, default_value = ".")]
    out: PathBuf,
    /// Overwrite existing source files
    #[arg(long)]
    force: bool,
}

fn parse_kind(word: &str) -> Result<ValueKind, String> {
    ValueKind::parse(word).ok_or_else(|| format!("one of: {}", ValueKind::NAMES.join(", ")))
}

impl ImportArgs {
    fn config(self) -> ImportConfig {
        let values = match (self.value, self.property) {
            (Some(value), Some(property)) => Values::One {
                property,
                value: Column::parse(&value),
            },
            _ => Values::Columns(self.values.iter().map(|c| Column::parse(c)).collect()),
        };
        ImportConfig {
            table: self.table,
            has_header: !self.no_header,
            source: Column::parse(&self.source),
            subject: Column::parse(&self.subject),
            values,
            kind: self.kind,
            out: self.out,
            force: self.force,
        }
    }
}

#[derive(Args)]
struct CheckArgs {
    /// The corpus root: the folder that holds facts/ and the articles
    #[arg(default_value = ".")]
    root: PathBuf,
    /// Parse every file again, neither reading nor writing the cache in .concord-cache/
    #[arg(long)]
    no_cache: bool,
    #[command(flatten)]
    common: CommonArgs,
}

#[derive(Args)]
struct CommonArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = FormatArg::Text)]
    format: FormatArg,
    /// When to color the output (never when NO_COLOR is set)
    #[arg(long, value_enum, default_value_t = ColorArg::Auto)]
    color: ColorArg,
    /// Exit 1 when an unreviewed finding is at or above this severity
    #[arg(long, value_enum, default_value_t = FailOnArg::Error)]
    fail_on: FailOnArg,
    /// Treat every finding as unreviewed (ignore reviewed: entries)
    #[arg(long)]
    no_baseline: bool,
    /// Show the signals and scores behind each finding
    #[arg(long)]
    explain: bool,
    /// Print no text report; the exit status tells the result
    #[arg(short, long)]
    quiet: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FormatArg {
    Text,
    Json,
    Sarif,
    Github,
    /// One self-contained page (`report` only)
    Html,
}

#[derive(Clone, Copy, ValueEnum)]
enum ColorArg {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, ValueEnum)]
enum FailOnArg {
    Error,
    Warning,
    Info,
    Never,
}

impl CheckArgs {
    fn config(self, full_report: bool) -> CheckConfig {
        CheckConfig {
            root: self.root,
            output: self.common.output(),
            use_baseline: self.common.use_baseline(),
            full_report,
            write_baseline: false,
            use_cache: !self.no_cache,
        }
    }
}

impl CommonArgs {
    /// The output options as one checked value.
    fn output(&self) -> Output {
        Output {
            format: match self.format {
                FormatArg::Text => Format::Text,
                FormatArg::Json => Format::Json,
                FormatArg::Sarif => Format::Sarif,
                FormatArg::Github => Format::Github,
                FormatArg::Html => Format::Html,
            },
            fail_on: match self.fail_on {
                FailOnArg::Error => FailOn::Severity(Severity::Error),
                FailOnArg::Warning => FailOn::Severity(Severity::Warning),
                FailOnArg::Info => FailOn::Severity(Severity::Info),
                FailOnArg::Never => FailOn::Never,
            },
            quiet: self.quiet,
            explain: self.explain,
        }
    }

    fn use_baseline(&self) -> bool {
        !self.no_baseline
    }
}

impl Command {
    /// The command's `--format`, for the commands that have one.
    fn format(&self) -> Option<FormatArg> {
        match self {
            Command::Check { args, .. } | Command::Report(args) => Some(args.common.format),
            Command::Scan(args) => Some(args.common.format),
            Command::Diff(args) => Some(args.common.format),
            _ => None,
        }
    }

    /// The command's `--color` choice (`auto` for the commands without one).
    fn color(&self) -> ColorArg {
        match self {
            Command::Check { args, .. } | Command::Report(args) => args.common.color,
            Command::Scan(args) => args.common.color,
            Command::Diff(args) => args.common.color,
            Command::Review { color, .. } => *color,
            _ => ColorArg::Auto,
        }
    }
}

/// Color only on a terminal, never with `NO_COLOR` or `TERM=dumb`, unless asked for.
fn use_color(choice: ColorArg) -> bool {
    match choice {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => {
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::env::var("TERM").map_or(true, |t| t != "dumb")
                && std::io::stdout().is_terminal()
        }
    }
}

/// mimalloc: a corpus of a million claims is millions of small strings, which it allocates and
/// frees markedly faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let usage_error = error.use_stderr();
            let _ = error.print();
            return ExitCode::from(if usage_error {
                concord::exit::INPUT_ERROR as u8
            } else {
                0
            });
        }
    };
    colored::control::set_override(use_color(cli.command.color()));
    if cli.command.format() == Some(FormatArg::Html) && !matches!(cli.command, Command::Report(_)) {
        return emit(Outcome::error(
            "--format html is for `concord report`: one page of the whole corpus",
        ));
    }
    let outcome = match cli.command {
        Command::Check {
            args,
            write_baseline,
        } => {
            let config = CheckConfig {
                write_baseline,
                ..args.config(false)
            };
            commands::check::run(&config)
        }
        Command::Report(args) => commands::check::run(&args.config(true)),
        Command::Diff(args) => match args.config() {
            Ok(config) => commands::diff::run(&config),
            Err(message) => Outcome::error(message),
        },
        Command::Completions { shell } => {
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "concord", &mut script);
            Outcome {
                stdout: String::from_utf8_lossy(&script).into_owned(),
                ..Outcome::default()
            }
        }
        Command::Man => {
            let mut page = Vec::new();
            let written = clap_mangen::Man::new(Cli::command()).render(&mut page);
            match written {
                Ok(()) => Outcome {
                    stdout: String::from_utf8_lossy(&page).into_owned(),
                    ..Outcome::default()
                },
                Err(e) => Outcome::error(e),
            }
        }
        Command::Lsp => return ExitCode::from(concord::lsp::serve() as u8),
        Command::Review { root, explain, .. } => {
            if !(std::io::stdin().is_terminal() && std::io::stdout().is_terminal()) {
                return emit(Outcome::error(commands::review::NEEDS_TERMINAL));
            }
            // The review talks with the terminal as it goes, so it writes there itself.
            let status = commands::review::run(
                &root,
                &mut std::io::stdin().lock(),
                &mut std::io::stdout().lock(),
                explain,
            );
            return ExitCode::from(status as u8);
        }
        Command::Scan(args) => commands::scan::run(&ScanConfig {
            output: args.common.output(),
            use_baseline: args.common.use_baseline(),
            paths: args.paths,
            root: args.root,
        }),
        Command::Extract {
            article,
            write,
            force,
            root,
        } => commands::extract::run(&ExtractConfig {
            article,
            write,
            force,
            root,
        }),
        Command::Import(args) => commands::import::run(&args.config()),
    };
    emit(outcome)
}

/// Prints the outcome; a closed pipe (`concord check | head`) ends quietly.
fn emit(outcome: Outcome) -> ExitCode {
    let _ = std::io::stderr().write_all(outcome.stderr.as_bytes());
    let mut stdout = std::io::stdout().lock();
    if stdout
        .write_all(outcome.stdout.as_bytes())
        .and_then(|()| stdout.flush())
        .is_err()
    {
        return ExitCode::from(outcome.status as u8);
    }
    ExitCode::from(outcome.status as u8)
}
