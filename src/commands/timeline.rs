//! `briefing timeline`.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{Result, bail};

use crate::cli::TimelineArgs;
use crate::config::Config;
use crate::library::views::TimelineFilter;

use super::{decisions, open_index};

pub fn timeline(
    config: &Config,
    args: &TimelineArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<ExitCode> {
    let decisions = decisions(config, err)?;
    let (index, _) = open_index(config, err)?;
    let actor = match &args.actor {
        None => None,
        Some(name) => match index.members_named(name, &decisions)? {
            Some(members) => Some(members),
            None => bail!(
                "no actor named `{}` in the library; `briefing actors` lists them",
                crate::text::escape(name)
            ),
        },
    };
    let filter = TimelineFilter {
        actor,
        from: args.from,
        to: args.to,
        briefing: args.briefing.clone(),
    };
    let claims = index.timeline(&filter)?;
    if args.json {
        super::write_json(out, &claims)?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    }
    if claims.is_empty() {
        writeln!(err, "no dated claims")?;
    }
    for c in &claims {
        let date = c.date.as_deref().unwrap_or("");
        let speaker = c.speaker.as_deref().unwrap_or("(unnamed source)");
        writeln!(
            out,
            "{date:<10}  {}  {speaker} ({}): {}",
            c.briefing, c.kind, c.text
        )?;
        for (to, relation) in &c.related {
            writeln!(out, "{:<10}    {relation} {to}", "")?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
