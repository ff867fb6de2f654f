//! `briefing import`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context as _;

use crate::cli::ImportArgs;
use crate::config::Config;
use crate::fetch::Limits;
use crate::hash::HashMap;
use crate::import::{Imported, Options, import_bytes, options_for, read_input};
use crate::load::parse_briefing;
use crate::model::{ActorKind, Briefing, ClaimKind, is_valid_id};
use crate::text::{escape, escape_path};

/// `briefing import`.
pub fn import(
    config: &Config,
    args: &ImportArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    if let Some(id) = &args.id
        && !is_valid_id(id)
    {
        anyhow::bail!(
            "--id `{}` must use only lowercase letters, digits and `-`",
            escape(id)
        );
    }
    // Everything that can fail on the way in (reading, fetching, importing) comes
    // before anything is written.
    let (imported, name) = read_article(args)?;
    let target: PathBuf = match &args.output {
        // `-o drafts/` writes into the folder, named from the id.
        Some(p) if p.is_dir() => p.join(format!("{}.toml", imported.briefing.id)),
        Some(p) => p.clone(),
        None => config
            .briefings_dir
            .join(format!("{}.toml", imported.briefing.id)),
    };
    let mut notes = imported.notes.clone();
    notes.extend(same_id_note(config, &target, &imported.briefing.id));
    // The loader's own check, as `briefing check` will run it: never write a file that fails it.
    if let Err(diagnostics) = parse_briefing(&target, &imported.toml) {
        let first: Vec<String> = diagnostics.iter().take(3).map(|d| d.headline()).collect();
        anyhow::bail!(
            "the imported briefing does not pass the check ({}); this is a bug in the importer, please report it with the article",
            first.join("; ")
        );
    }
    if let Some(parent) = target.parent()
        && !parent.as_os_str().is_empty()
        && !parent.exists()
    {
        std::fs::create_dir_all(parent).with_context(|| format!("cannot create {}", escape_path(parent)))?;
    }
    let written = if args.force {
        std::fs::write(&target, &imported.toml)
    } else {
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&target)
            .and_then(|mut f| f.write_all(imported.toml.as_bytes()))
    };
    if let Err(e) = written {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            writeln!(
                err,
                "briefing: {} already exists; use --force to overwrite it, or -o to write elsewhere",
                escape_path(&target)
            )?;
            return Ok(ExitCode::from(1));
        }
        return Err(e).with_context(|| format!("cannot write {}", escape_path(&target)));
    }
    let b = &imported.briefing;
    writeln!(
        out,
        "Imported “{}” from {name} into {}",
        b.title,
        escape_path(&target)
    )?;
    for line in summary(b) {
        writeln!(out, "{line}")?;
    }
    if !notes.is_empty() {
        writeln!(out, "Unsure:")?;
        for n in &notes {
            writeln!(out, "  - {n}")?;
        }
    }
    writeln!(
        out,
        "Next: correct it by hand, then `briefing check {}` and `briefing {}`",
        escape_path(&target),
        escape_path(&target)
    )?;
    Ok(ExitCode::SUCCESS)
}

/// A note when another briefing in the library folder already has `id`: the
/// reader would show only one of the two.
fn same_id_note(config: &Config, target: &Path, id: &str) -> Option<String> {
    let in_library = target
        .parent()
        .map(|p| {
            if p.as_os_str().is_empty() {
                Path::new(".")
            } else {
                p
            }
        })
        .and_then(|p| p.canonicalize().ok())
        .is_some_and(|p| config.briefings_dir.canonicalize().ok() == Some(p));
    if !in_library {
        return None;
    }
    let target_real = target.canonicalize().ok();
    let others: Vec<PathBuf> = std::fs::read_dir(&config.briefings_dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "toml"))
                .filter(|p| target_real.is_none() || p.canonicalize().ok() != target_real)
                .collect()
        })
        .unwrap_or_default();
    let library = crate::load::Library::load(&others);
    library.get(id).map(|other| {
        format!(
            "the briefing {} already has the id `{id}`: the reader shows only one of them; import again with --id",
            escape_path(&other.path)
        )
    })
}

/// The imported article and how to name its source: a file, standard input or a web address.
fn read_article(args: &ImportArgs) -> anyhow::Result<(Imported, String)> {
    let options = Options {
        published: args.published,
        ..options_for(&args.file, args.title.clone(), args.id.clone())
    };
    if let Some(url) = args.file.to_str().filter(|s| crate::fetch::is_url(s)) {
        let total = Duration::from_secs(args.timeout);
        let defaults = Limits::default();
        let limits = Limits {
            connect: defaults.connect.min(total),
            total,
            ..defaults
        };
        let (imported, fetched) = crate::fetch::import_url(url, options, &limits)?;
        // Where redirects led, if anywhere else (the page's canonical address is its `url`).
        let name = if crate::fetch::same_address(&fetched, url) {
            escape(url).into_owned()
        } else {
            format!("{} → {}", escape(url), escape(&fetched))
        };
        return Ok((imported, name));
    }
    if let Some(scheme) = args.file.to_str().and_then(crate::fetch::other_scheme)
        && !args.file.exists()
    {
        anyhow::bail!(
            "cannot fetch {}: only http:// and https:// addresses can be fetched, not {}://",
            escape_path(&args.file),
            escape(scheme)
        );
    }
    let bytes = read_input(&args.file)?;
    let name = if args.file.as_os_str() == "-" {
        "standard input".to_string()
    } else {
        escape_path(&args.file)
    };
    let imported =
        import_bytes(&bytes, &options).map_err(|e| anyhow::anyhow!("cannot import {name}: {e}"))?;
    Ok((imported, name))
}

/// The counts the summary prints.
fn summary(b: &Briefing) -> Vec<String> {
    let mut kinds: HashMap<ActorKind, usize> = HashMap::default();
    for a in &b.actors {
        *kinds.entry(a.kind).or_default() += 1;
    }
    let kind_names = [
        (ActorKind::Person, "person", "people"),
        (ActorKind::State, "state", "states"),
        (ActorKind::Organisation, "organisation", "organisations"),
        (ActorKind::Group, "group", "groups"),
        (ActorKind::Other, "other", "other"),
    ];
    let actor_parts: Vec<String> = kind_names
        .iter()
        .filter_map(|(k, one, many)| {
            kinds
                .get(k)
                .map(|&n| format!("{n} {}", if n == 1 { one } else { many }))
        })
        .collect();
    let mut claim_kinds: HashMap<ClaimKind, usize> = HashMap::default();
    for c in &b.claims {
        *claim_kinds.entry(c.kind).or_default() += 1;
    }
    let claim_parts: Vec<String> = [
        (ClaimKind::Quote, "quote", "quotes"),
        (ClaimKind::Paraphrase, "paraphrase", "paraphrases"),
        (ClaimKind::Report, "report", "reports"),
    ]
    .iter()
    .filter_map(|(k, one, many)| {
        claim_kinds
            .get(k)
            .map(|&n| format!("{n} {}", if n == 1 { one } else { many }))
    })
    .collect();
    let headings: Vec<String> = b
        .sections
        .iter()
        .map(|s| s.heading.clone().unwrap_or_else(|| "(lead)".into()))
        .collect();
    vec![
        format!(
            "  {} section{}: {}",
            b.sections.len(),
            if b.sections.len() == 1 { "" } else { "s" },
            headings.join(" · ")
        ),
        format!("  {} actors: {}", b.actors.len(), actor_parts.join(", ")),
        if b.claims.is_empty() {
            "  no claims found".to_string()
        } else {
            format!("  {} claims: {}", b.claims.len(), claim_parts.join(", "))
        },
    ]
}
