//! Standard input (`-`): one file read from stdin, named by `--stdin-filename`, whose
//! fixed or marked source is the product under `--write` and `--add-ignore`.

use std::borrow::Cow;
use std::io::{self, Read};
use std::path::PathBuf;

use crate::cli::{Args, Mode, OutputFormat};
use crate::engine::{self, FileReport};
use crate::files::{self, io_reason};
use crate::outcome::{Checked, Outcome};
use crate::output::report::Reporter;
use crate::plan::Plan;

/// Reads standard input, checks it as the file `--stdin-filename` names, and reports it.
pub fn run(args: &Args, plan: &Plan, report: &mut Reporter) {
    let display = args
        .stdin_filename
        .as_deref()
        .map_or_else(|| "-".to_owned(), files::display);
    let mut bytes = Vec::new();
    if let Err(error) = io::stdin().lock().read_to_end(&mut bytes) {
        report.fail(&format!(
            "-: cannot read standard input: {}",
            io_reason(&error)
        ));
        return;
    }
    let excluded = args.stdin_filename.as_deref().is_some_and(|name| {
        // Test code is left out of a named file only under --force-exclude.
        plan.excludes.matches_any_ancestor(name) || plan.excludes_named(name)
    });
    report.summary.files_checked = 1;
    let result = if excluded {
        report.skip_excluded(&display);
        Ok(Checked {
            original: Vec::new(),
            report: FileReport::default(),
            marking: None,
        })
    } else {
        let settings = match &args.stdin_filename {
            Some(name) => plan.settings_for(name),
            None => Cow::Borrowed(&plan.settings),
        };
        engine::fix(&bytes, &settings)
            .map_err(|e| e.to_string())
            .and_then(|file| Checked::new(bytes.clone(), file, &settings, plan.mode))
    };
    let rewrites = matches!(plan.mode, Mode::Write | Mode::AddIgnore);
    if rewrites && args.output_format == OutputFormat::Text {
        // The product is the source itself: rewritten, or as it came when there is
        // nothing to change or it cannot be processed, so a pipe never loses the code.
        let source = match &result {
            Ok(checked) => checked.rewritten(plan.mode).unwrap_or(&bytes),
            Err(_) => &bytes,
        };
        report.product(source);
    }
    let outcome = Outcome {
        path: PathBuf::from("-"),
        display,
        result,
    };
    report.file(&outcome);
}
