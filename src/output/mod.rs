//! How results are shown: diffs, findings as text or GitHub annotations, the summary.

pub mod diff;
pub mod github;
pub mod text;

use std::io::IsTerminal;

use crate::cli::ColorChoice;

/// ANSI styles, all empty when colour is off.
#[derive(Debug, Clone, Copy, Default)]
pub struct Styles {
    pub bold: &'static str,
    pub red: &'static str,
    pub green: &'static str,
    pub yellow: &'static str,
    pub cyan: &'static str,
    pub reset: &'static str,
}

impl Styles {
    const ON: Styles = Styles {
        bold: "\x1b[1m",
        red: "\x1b[31m",
        green: "\x1b[32m",
        yellow: "\x1b[33m",
        cyan: "\x1b[36m",
        reset: "\x1b[0m",
    };

    /// Colour for a stream: `--color`, then `NO_COLOR`, then `FORCE_COLOR`, then whether it is a terminal.
    pub fn for_stream(choice: ColorChoice, stream: &impl IsTerminal) -> Self {
        let set = |name| std::env::var_os(name).is_some_and(|v| !v.is_empty());
        let on = match choice {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto if set("NO_COLOR") => false,
            ColorChoice::Auto if set("FORCE_COLOR") => true,
            ColorChoice::Auto => stream.is_terminal(),
        };
        if on {
            Self::ON
        } else {
            Styles::default()
        }
    }

    pub fn diff(&self) -> diff::DiffStyle {
        diff::DiffStyle {
            header: self.bold,
            hunk: self.cyan,
            removed: self.red,
            added: self.green,
            reset: self.reset,
        }
    }
}

/// The rule id every finding carries.
pub const RULE_ID: &str = "secure-cookie";

/// "1 call", "2 calls".
pub fn plural(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}
