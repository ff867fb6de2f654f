use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    match briefing::cli::Cli::try_parse() {
        Ok(cli) => briefing::app::run(cli),
        Err(e) => briefing::app::command_line_error(&e),
    }
}
