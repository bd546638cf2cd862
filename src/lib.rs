//! cookie-fix: finds Python code that creates a cookie without the Secure attribute
//! and fixes it.

pub mod bindings;
pub mod call;
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod edit;
pub mod engine;
pub mod files;
pub mod idiom;
pub mod literal;
pub mod mapping;
pub mod mark;
pub mod needles;
pub mod outcome;
pub mod output;
pub mod parse;
pub mod plan;
pub mod project;
pub mod rules;
pub mod run;
pub mod scan;
pub mod scope;
pub mod settings_module;
pub mod source;
pub mod stdin;
pub mod suppress;
pub mod value;
pub mod write;

pub use diagnostic::{Finding, Verdict};
pub use engine::{fix, FileError, FileReport, Settings};
