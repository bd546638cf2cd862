//! cookie-fix: finds Python cookie calls without the Secure attribute and fixes them.

pub mod edit;
pub mod engine;
pub mod rule;
pub mod source;

pub use engine::{fix, FileError, FileReport, Finding, Settings, Verdict};
