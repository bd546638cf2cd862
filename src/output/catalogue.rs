//! `--list-rules` and `--explain RULE`: what the rule table holds, as text.

use std::io::{self, Write};

use super::report::ExitStatus;
use super::Styles;
use crate::cli::Args;
use crate::files::io_reason;
use crate::rules::{self, RULES};

/// `--list-rules` and `--explain RULE`: what the rule table holds.
pub fn print(args: &Args, stderr_styles: &Styles) -> ExitStatus {
    let text = match &args.explain {
        Some(id) => match rules::by_id(id) {
            Some(rule) => rule.docs.to_owned(),
            None => {
                let error = rules::UnknownRule(id.clone());
                let (red, reset) = (stderr_styles.red, stderr_styles.reset);
                eprintln!("{red}error{reset}: {error}");
                return ExitStatus::Error;
            }
        },
        None => {
            let width = RULES.iter().map(|rule| rule.id.len()).max().unwrap_or(0);
            RULES
                .iter()
                .map(|rule| {
                    let default = if rule.default { "on " } else { "off" };
                    format!("{:width$}  {default}  {}\n", rule.id, rule.summary)
                })
                .collect()
        }
    };
    let mut stdout = io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(error) if error.kind() != io::ErrorKind::BrokenPipe => {
            eprintln!(
                "error: cannot write to standard output: {}",
                io_reason(&error)
            );
            ExitStatus::Error
        }
        _ => ExitStatus::Success,
    }
}
