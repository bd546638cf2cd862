//! What happened to one file: what the run hands the writer and the reporter.

use std::path::PathBuf;

use crate::cli::Mode;
use crate::engine::{FileReport, Settings};
use crate::mark::{self, Marking};

/// What happened to one file.
#[derive(Debug)]
pub struct Outcome {
    /// Where the bytes are read from and written to.
    pub path: PathBuf,
    /// The path as users see it: as given, without a leading `./`.
    pub display: String,
    pub result: Result<Checked, String>,
}

#[derive(Debug)]
pub struct Checked {
    /// The bytes read, kept for a file with findings (to diff, to write, to fingerprint).
    pub original: Vec<u8>,
    pub report: FileReport,
    /// Under `--add-ignore`: the markers for the findings that need review.
    pub marking: Option<Marking>,
}

impl Checked {
    /// What the run writes in place of the original: the fixed file under `--write`,
    /// the marked one under `--add-ignore`.
    pub fn rewritten(&self, mode: Mode) -> Option<&[u8]> {
        match mode {
            Mode::Write => self.report.fixed.as_deref(),
            Mode::AddIgnore => self.marking.as_ref()?.marked.as_deref(),
            Mode::DryRun | Mode::Check => None,
        }
    }

    /// A file's report, with its markers under `--add-ignore`.
    pub fn new(
        original: Vec<u8>,
        report: FileReport,
        settings: &Settings,
        mode: Mode,
    ) -> Result<Checked, String> {
        let marking = match mode {
            Mode::AddIgnore => {
                Some(mark::add_ignores(&original, &report, settings).map_err(|e| e.to_string())?)
            }
            Mode::DryRun | Mode::Write | Mode::Check => None,
        };
        Ok(Checked {
            original,
            report,
            marking,
        })
    }
}
