//! Dispatch from the parsed command line to the commands and the reader.

use std::io::Write;
use std::process::ExitCode;

use crate::cli::{Cli, Command};
use crate::commands;
use crate::config::Lookup;
use crate::text::escape_message;

/// Whether the error, however wrapped (context, serde_json), is a closed pipe.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .map(std::io::Error::kind)
            .or_else(|| {
                cause
                    .downcast_ref::<serde_json::Error>()
                    .and_then(serde_json::Error::io_error_kind)
            })
            == Some(std::io::ErrorKind::BrokenPipe)
    })
}

/// Reports a command line clap could not parse (or its `--help`). clap quotes
/// the offending argument as typed, so when an argument holds control
/// characters or bidi overrides the message is printed plain (without clap's
/// colours) with them escaped; otherwise as clap styles it.
pub fn command_line_error(e: &clap::Error) -> ExitCode {
    let hostile = std::env::args_os().any(|a| {
        a.to_string_lossy()
            .chars()
            .any(crate::text::is_unsafe_in_terminal)
    });
    if !hostile {
        let _ = e.print();
    } else if e.use_stderr() {
        eprint!("{}", escape_message(&e.render().to_string()));
    } else {
        print!("{}", escape_message(&e.render().to_string()));
    }
    ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2))
}

pub fn run(cli: Cli) -> ExitCode {
    if let (Some(path), Some(_)) = (&cli.path, &cli.command) {
        eprintln!(
            "briefing: `{}` looks like a path to read, but a subcommand follows it; give one or the other",
            crate::text::escape_path(path)
        );
        return ExitCode::from(2);
    }
    let mut config = match Lookup::from_environment(cli.config.clone()).load() {
        Ok(config) => config,
        Err(e) => {
            eprintln!("briefing: {}", escape_message(&e.to_string()));
            return ExitCode::from(2);
        }
    };
    config.readonly |= cli.readonly;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut err = std::io::stderr();
    let result = match &cli.command {
        Some(Command::List(args)) => commands::list(&config, args, &mut out, &mut err),
        Some(Command::Show(args)) => commands::show(&config, args, &mut out, &mut err),
        Some(Command::Check(args)) => commands::check(&config, args, &mut out),
        Some(Command::Import(args)) => commands::import(&config, args, &mut out, &mut err),
        Some(Command::Annotate(args)) => commands::annotate(&config, args, &mut out, &mut err),
        Some(Command::Annotations(args)) => commands::annotations(&config, args, &mut out, &mut err),
        Some(Command::Search(args)) => commands::search(&config, args, &mut out, &mut err),
        Some(Command::Actors(args)) => commands::actors(&config, args, &mut out, &mut err),
        Some(Command::Timeline(args)) => commands::timeline(&config, args, &mut out, &mut err),
        Some(Command::Edit(args)) => commands::edit(&config, args, &mut out, &mut err),
        Some(Command::Index(args)) => commands::index(&config, args, &mut out, &mut err),
        None => crate::ui::run(&config, cli.path.as_deref()),
    };
    let _ = out.flush();
    match result {
        Ok(code) => code,
        Err(e) => {
            // A closed pipe (`briefing show x | head`) is not an error worth reporting.
            if is_broken_pipe(&e) {
                return ExitCode::SUCCESS;
            }
            let _ = writeln!(err, "briefing: {}", escape_message(&format!("{e:#}")));
            ExitCode::from(1)
        }
    }
}
