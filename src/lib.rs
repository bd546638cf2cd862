//! cookie-fix: finds Python cookie calls without the Secure attribute and fixes them.

pub mod cli;
pub mod config;
pub mod edit;
pub mod engine;
pub mod files;
pub mod output;
pub mod parse;
pub mod rule;
pub mod run;
pub mod scan;
pub mod source;
pub mod write;

pub use engine::{fix, FileError, FileReport, Finding, Settings, Verdict};
