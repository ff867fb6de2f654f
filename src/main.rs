use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    briefing::app::run(briefing::cli::Cli::parse())
}
