//! `briefing search`.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;

use crate::cli::SearchArgs;
use crate::config::Config;
use crate::library::query::Query;

use super::{ask_index, decisions};

pub fn search(
    config: &Config,
    args: &SearchArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<ExitCode> {
    let text = args.query.join(" ");
    let query = match Query::parse(&text) {
        Ok(q) => q,
        Err(message) => {
            writeln!(err, "briefing: {message}")?;
            return Ok(ExitCode::from(2));
        }
    };
    let decisions = decisions(config, err)?;
    let (_, _, hits) = ask_index(config, err, |index| index.search(&query, &decisions, args.limit))?;
    if args.json {
        super::write_json(out, &hits)?;
        writeln!(out)?;
    } else {
        for hit in &hits {
            writeln!(out, "{}  {}", hit.briefing, hit.title)?;
            writeln!(out, "  {}", hit.location)?;
            writeln!(out, "  {}\n", hit.snippet.marked("«", "»"))?;
        }
    }
    if hits.is_empty() {
        writeln!(err, "nothing found for {}", crate::text::escape(&text))?;
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}
