//! `briefing timeline`.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{Result, bail};

use crate::cli::TimelineArgs;
use crate::config::Config;
use crate::library::views::TimelineFilter;

use super::{ask_index, decisions};

pub fn timeline(
    config: &Config,
    args: &TimelineArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<ExitCode> {
    let decisions = decisions(config, err)?;
    // None: no actor of that name.
    let (_, _, claims) = ask_index(config, err, |index| {
        let actor = match &args.actor {
            None => None,
            Some(name) => match index.members_named(name, &decisions)? {
                Some(members) => Some(members),
                None => return Ok(None),
            },
        };
        let filter = TimelineFilter {
            actor,
            from: args.from,
            to: args.to,
            briefing: args.briefing.clone(),
        };
        index.timeline(&filter).map(Some)
    })?;
    let Some(claims) = claims else {
        bail!(
            "no actor named `{}` in the library; `briefing actors` lists them",
            crate::text::escape(args.actor.as_deref().unwrap_or_default())
        );
    };
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
