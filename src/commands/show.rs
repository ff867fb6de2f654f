//! `briefing show`.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;

use crate::annotations::AnnotationStore;
use crate::cli::{Format, ShowArgs};
use crate::config::Config;
use crate::export::{self, BriefingJson};

use super::{report_problems, resolve_briefing};

pub fn show(config: &Config, args: &ShowArgs, out: &mut dyn Write, err: &mut dyn Write) -> Result<ExitCode> {
    let loaded = resolve_briefing(config, &args.briefing)?;
    match args.format {
        Format::Json => {
            let store = AnnotationStore::for_config(config, &loaded);
            report_problems(&store, false, err)?;
            let json = BriefingJson::new(&loaded).with_annotations(&loaded, &store);
            super::write_json(out, &json)?;
            writeln!(out)?;
        }
        Format::Markdown => {
            let store = AnnotationStore::for_config(config, &loaded);
            report_problems(&store, false, err)?;
            write!(out, "{}", export::markdown_annotated(&loaded, Some(&store)))?
        }
        Format::Text => write!(out, "{}", export::text(&loaded, 80))?,
    }
    Ok(ExitCode::SUCCESS)
}
