use std::process::ExitCode;

use clap::Parser;
use cookie_fix::cli::Args;

fn main() -> ExitCode {
    let args = Args::parse();
    cookie_fix::run::run(&args).into()
}
