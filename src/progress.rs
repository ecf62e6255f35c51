//! The progress line of a long run, on standard error: which stage the run is in and, while
//! files are read, how many. It appears only when standard error is a terminal and the run has
//! lasted a second, and is cleared before the report is printed.
//!
//! The stages report through free functions, like a logger, so that the pipeline does not pass a
//! handle around; they do nothing until a command calls [`begin`]. With `CONCORD_TIMINGS` set,
//! [`end`] also prints how long each stage took, for profiling.

use std::io::{IsTerminal, Write};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How long a run goes before its progress is shown.
const DELAY: Duration = Duration::from_secs(1);

static BAR: OnceLock<ProgressBar> = OnceLock::new();
/// When each stage began, kept only with `CONCORD_TIMINGS`.
static TIMINGS: OnceLock<Mutex<Vec<(&'static str, Instant)>>> = OnceLock::new();

/// Starts the progress line of this run (hidden for [`DELAY`]).
pub fn begin() {
    if std::env::var_os("CONCORD_TIMINGS").is_some() {
        let _ = TIMINGS.set(Mutex::new(vec![("starting", Instant::now())]));
    }
    if !std::io::stderr().is_terminal() {
        return;
    }
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
    if BAR.set(bar.clone()).is_err() {
        return;
    }
    std::thread::spawn(move || {
        std::thread::sleep(DELAY);
        if !bar.is_finished() {
            bar.set_draw_target(ProgressDrawTarget::stderr());
            bar.enable_steady_tick(Duration::from_millis(120));
        }
    });
}

/// The run enters a stage of `steps` steps (0 when it is not counted).
pub fn stage(name: &'static str, steps: u64) {
    if let Some(Ok(mut timings)) = TIMINGS.get().map(Mutex::lock) {
        timings.push((name, Instant::now()));
    }
    if let Some(bar) = BAR.get() {
        let style = if steps == 0 {
            "{spinner} {elapsed} {msg}"
        } else {
            "{spinner} {elapsed} {msg} {pos}/{len}"
        };
        if let Ok(style) = ProgressStyle::with_template(style) {
            bar.set_style(style);
        }
        bar.set_length(steps);
        bar.set_position(0);
        bar.set_message(name);
    }
}

/// One more step of the current stage is done.
pub fn step() {
    if let Some(bar) = BAR.get() {
        bar.inc(1);
    }
}

/// Clears the progress line; the run prints its report next.
pub fn end() {
    if let Some(bar) = BAR.get() {
        bar.finish_and_clear();
    }
    if let Some(Ok(timings)) = TIMINGS.get().map(Mutex::lock) {
        let mut lines = String::new();
        for (i, (name, started)) in timings.iter().enumerate() {
            let ended = timings.get(i + 1).map_or_else(Instant::now, |(_, t)| *t);
            lines.push_str(&format!(
                "{:8.3} s  {name}\n",
                (ended - *started).as_secs_f64()
            ));
        }
        let _ = std::io::stderr().write_all(lines.as_bytes());
    }
}

/// The analysis's stages, shown on the progress line.
pub struct Progress;

impl concord_engine::Observer for Progress {
    fn stage(&self, name: &'static str) {
        stage(name, 0);
    }
}
