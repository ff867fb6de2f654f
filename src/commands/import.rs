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
use crate::model::{ActorKind, Briefing, ClaimKind, is_valid_id, plural};
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
    let target = target(config, args, &imported.briefing.id);
    let mut notes = imported.notes.clone();
    notes.extend(same_id_note(config, &target, &imported.briefing.id));
    passes_check(&target, &imported.toml)?;
    create_parent(&target)?;
    match write(&target, &imported.toml, args.force) {
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            writeln!(
                err,
                "briefing: {} already exists; use --force to overwrite it, or -o to write elsewhere",
                escape_path(&target)
            )?;
            return Ok(ExitCode::from(1));
        }
        written => written.with_context(|| format!("cannot write {}", escape_path(&target)))?,
    }
    report(out, &imported.briefing, &name, &target, &notes)?;
    Ok(ExitCode::SUCCESS)
}

/// `-o FILE`, `-o FOLDER/` (the file named from the id), or the briefings folder.
fn target(config: &Config, args: &ImportArgs, id: &str) -> PathBuf {
    match &args.output {
        Some(p) if p.is_dir() => p.join(format!("{id}.toml")),
        Some(p) => p.clone(),
        None => config.briefings_dir.join(format!("{id}.toml")),
    }
}

/// The loader's own check, as `briefing check` will run it: never write a file that fails it.
fn passes_check(target: &Path, toml: &str) -> anyhow::Result<()> {
    if let Err(diagnostics) = parse_briefing(target, toml) {
        let first: Vec<String> = diagnostics.iter().take(3).map(|d| d.headline()).collect();
        anyhow::bail!(
            "the imported briefing does not pass the check ({}); this is a bug in the importer, please report it with the article",
            first.join("; ")
        );
    }
    Ok(())
}

fn create_parent(target: &Path) -> anyhow::Result<()> {
    if let Some(parent) = target.parent()
        && !parent.as_os_str().is_empty()
        && !parent.exists()
    {
        std::fs::create_dir_all(parent).with_context(|| format!("cannot create {}", escape_path(parent)))?;
    }
    Ok(())
}

/// Writes the file; without `force`, only if it does not exist yet (checked and
/// created in one step, so a file that appears meanwhile is not overwritten).
fn write(target: &Path, toml: &str, force: bool) -> std::io::Result<()> {
    if force {
        std::fs::write(target, toml)
    } else {
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(target)
            .and_then(|mut f| f.write_all(toml.as_bytes()))
    }
}

/// What was imported, where to, what the importer was unsure of, and what to do next.
fn report(
    out: &mut dyn Write,
    b: &Briefing,
    name: &str,
    target: &Path,
    notes: &[String],
) -> std::io::Result<()> {
    let target = escape_path(target);
    writeln!(out, "Imported “{}” from {name} into {target}", b.title)?;
    for line in summary(b) {
        writeln!(out, "{line}")?;
    }
    if !notes.is_empty() {
        writeln!(out, "Unsure:")?;
        for n in notes {
            writeln!(out, "  - {n}")?;
        }
    }
    writeln!(
        out,
        "Next: correct it by hand, then `briefing check {target}` and `briefing {target}`"
    )
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
    let actors = counts(
        b.actors.iter().map(|a| a.kind),
        &[
            (ActorKind::Person, "person", "people"),
            (ActorKind::State, "state", "states"),
            (ActorKind::Organisation, "organisation", "organisations"),
            (ActorKind::Group, "group", "groups"),
            (ActorKind::Other, "other", "other"),
        ],
    );
    let claims = counts(
        b.claims.iter().map(|c| c.kind),
        &[
            (ClaimKind::Quote, "quote", "quotes"),
            (ClaimKind::Paraphrase, "paraphrase", "paraphrases"),
            (ClaimKind::Report, "report", "reports"),
        ],
    );
    let headings: Vec<&str> = b
        .sections
        .iter()
        .map(|s| s.heading.as_deref().unwrap_or("(lead)"))
        .collect();
    vec![
        format!(
            "  {} section{}: {}",
            b.sections.len(),
            plural(b.sections.len()),
            headings.join(" · ")
        ),
        format!("  {} actor{}: {actors}", b.actors.len(), plural(b.actors.len())),
        if b.claims.is_empty() {
            "  no claims found".to_string()
        } else {
            format!("  {} claim{}: {claims}", b.claims.len(), plural(b.claims.len()))
        },
    ]
}

/// "3 people, 1 state": how many there are of each kind, in the order of `names`
/// (a kind, its name for one and for more).
fn counts<K: Copy + Eq + std::hash::Hash>(
    kinds: impl Iterator<Item = K>,
    names: &[(K, &str, &str)],
) -> String {
    let mut n: HashMap<K, usize> = HashMap::default();
    for k in kinds {
        *n.entry(k).or_default() += 1;
    }
    let parts: Vec<String> = names
        .iter()
        .filter_map(|(k, one, many)| {
            n.get(k)
                .map(|&n| format!("{n} {}", if n == 1 { one } else { many }))
        })
        .collect();
    parts.join(", ")
}
