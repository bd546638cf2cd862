//! Code shared by the integration tests (each test crate compiles its own copy).

pub mod generate;
pub mod values;
