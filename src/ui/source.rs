//! The library index as the reader reads it ([`LibrarySource`]): search, the
//! timeline, actors across briefings and identity decisions, each error one line.

use std::path::Path;

use super::state;
use crate::annotations::AnnotationStore;
use crate::config::Config;
use crate::load::LoadedBriefing;
use crate::text::sanitize;

/// The library index as the event loop uses it: the configured one, or a test's stand-in.
pub trait LibrarySource {
    /// Runs a query of the `briefing search` language. Errors are one line.
    fn search(&self, query: &str) -> Result<Vec<crate::library::query::Hit>, String>;
    /// The dated claims in date order, as `briefing timeline` lists them.
    fn timeline(&self, actor: Option<&str>) -> Result<Vec<crate::library::views::ClaimRow>, String>;
    /// Reads one briefing file and its annotations. Errors are one line.
    fn load(&self, path: &Path) -> Result<(LoadedBriefing, Option<AnnotationStore>), String>;
    /// Every actor across the library, as `briefing actors` lists them.
    fn identities(&self) -> Result<Vec<crate::library::views::Identity>, String>;
    /// The actor across the library that holds the briefing's actor `key`
    /// (`briefing/actor`), with its briefings' titles and its claims.
    fn identity(&self, key: &str) -> Result<state::ActorClaims, String>;
    /// Records a merge or a split in the library's decisions file.
    fn decide(&self, decision: &state::Decision) -> Result<(), String>;
}

impl LibrarySource for Config {
    fn search(&self, query: &str) -> Result<Vec<crate::library::query::Hit>, String> {
        search_library(self, query)
    }

    fn timeline(&self, actor: Option<&str>) -> Result<Vec<crate::library::views::ClaimRow>, String> {
        timeline_library(self, actor)
    }

    fn load(&self, path: &Path) -> Result<(LoadedBriefing, Option<AnnotationStore>), String> {
        match crate::load::load_file_limited(path, self.max_file_bytes) {
            Ok(loaded) => {
                let store = AnnotationStore::for_config(self, &loaded);
                Ok((loaded, Some(store)))
            }
            Err(diagnostics) => Err(sanitize(&format!(
                "cannot open {}: {}; `briefing check` explains",
                path.display(),
                diagnostics
                    .first()
                    .map(crate::diagnostic::Diagnostic::headline)
                    .unwrap_or_default()
            ))),
        }
    }

    fn identities(&self) -> Result<Vec<crate::library::views::Identity>, String> {
        identities_in(&open_library(self)?, self)
    }

    fn identity(&self, key: &str) -> Result<state::ActorClaims, String> {
        identity_in(&open_library(self)?, self, key)
    }

    fn decide(&self, decision: &state::Decision) -> Result<(), String> {
        decide(self, decision)
    }
}

/// Records a merge or a split in `config`'s decisions file.
pub(super) fn decide(config: &Config, decision: &state::Decision) -> Result<(), String> {
    crate::library::decisions::change_decisions(&config.annotations_dir, |d| match decision {
        state::Decision::Merge { actors, .. } => d.merge(actors.clone()),
        state::Decision::Split { actor, .. } => d.split(actor),
    })
    .map_err(|e| sanitize(&e))
}

/// Every actor across the library of `index`.
pub(super) fn identities_in(
    index: &crate::library::LibraryIndex,
    config: &Config,
) -> Result<Vec<crate::library::views::Identity>, String> {
    let decisions = crate::library::load_decisions(&config.annotations_dir).unwrap_or_default();
    index
        .identities(&decisions)
        .map_err(|e| sanitize(&format!("cannot read the library's actors: {e}")))
}

/// The actor across the library of `index` that holds the briefing's actor `key`.
pub(super) fn identity_in(
    index: &crate::library::LibraryIndex,
    config: &Config,
    key: &str,
) -> Result<state::ActorClaims, String> {
    let decisions = crate::library::load_decisions(&config.annotations_dir).unwrap_or_default();
    let failed = |e: rusqlite::Error| sanitize(&format!("cannot read the actor: {e}"));
    let name = index
        .briefings()
        .map_err(failed)?
        .into_iter()
        .map(|b| (b.id, b.title))
        .collect::<crate::hash::HashMap<String, String>>();
    let identity = index
        .identity_of(key, &decisions)
        .map_err(failed)?
        .ok_or_else(|| sanitize(&format!("{key} is no longer in the library")))?;
    let claims = index.identity_claims(&identity).map_err(failed)?;
    let titles = identity
        .members
        .iter()
        .map(|m| {
            name.get(&m.briefing)
                .cloned()
                .unwrap_or_else(|| m.briefing.clone())
        })
        .collect();
    Ok(state::ActorClaims {
        identity,
        titles,
        claims,
    })
}

/// The library index of the configured briefings folder, brought up to date first.
fn open_library(config: &Config) -> Result<crate::library::LibraryIndex, String> {
    crate::library::LibraryIndex::open_synced(config, &config.briefings_dir)
        .map(|(index, _)| index)
        .map_err(|e| sanitize(&format!("cannot open the library index: {e}")))
}

/// Runs `query` against the library index of the configured briefings folder,
/// brought up to date first, as `briefing search` does. Errors are one line.
pub fn search_library(config: &Config, query: &str) -> Result<Vec<crate::library::query::Hit>, String> {
    search_in(&open_library(config)?, config, query)
}

/// Runs `query` against `index` as it is.
pub(super) fn search_in(
    index: &crate::library::LibraryIndex,
    config: &Config,
    query: &str,
) -> Result<Vec<crate::library::query::Hit>, String> {
    use crate::library::{decisions::load_decisions, query::Query};
    let parsed = Query::parse(query).map_err(|e| sanitize(&e))?;
    // Broken identity decisions are reported by the command line; the search goes on without them.
    let decisions = load_decisions(&config.annotations_dir).unwrap_or_default();
    index
        .search(&parsed, &decisions, state::SEARCH_LIMIT)
        .map_err(|e| sanitize(&format!("search failed: {e}")))
}

/// Every dated claim of the configured library in date order (only those involving
/// the actor named `actor`, across briefings), as `briefing timeline` lists them.
pub fn timeline_library(
    config: &Config,
    actor: Option<&str>,
) -> Result<Vec<crate::library::views::ClaimRow>, String> {
    timeline_in(&open_library(config)?, config, actor)
}

/// The dated claims of `index` as it is (see [`timeline_library`]).
pub(super) fn timeline_in(
    index: &crate::library::LibraryIndex,
    config: &Config,
    actor: Option<&str>,
) -> Result<Vec<crate::library::views::ClaimRow>, String> {
    use crate::library::{decisions::load_decisions, views::TimelineFilter};
    let failed = |e: rusqlite::Error| sanitize(&format!("cannot read the timeline: {e}"));
    let actor = match actor {
        None => None,
        Some(name) => {
            // Broken identity decisions are reported by the command line; matching by name goes on.
            let decisions = load_decisions(&config.annotations_dir).unwrap_or_default();
            match index.members_named(name, &decisions).map_err(failed)? {
                Some(members) => Some(members),
                None => return Err(sanitize(&format!("no actor named {name} in the library"))),
            }
        }
    };
    let filter = TimelineFilter {
        actor,
        ..TimelineFilter::default()
    };
    index.timeline(&filter).map_err(failed)
}
