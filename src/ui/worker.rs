//! The library worker: library queries (search, timeline) and the sync after the
//! first frame run on their own thread against one open index, so the reader keeps
//! answering keys meanwhile. Answers go back through the event loop's input
//! channel; each query carries the state's number for it, so a stale answer is
//! dropped by `update` (see `state::shelf`).

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::sync::mpsc;

use crate::annotations::AnnotationStore;
use crate::config::Config;
use crate::library::LibraryIndex;
use crate::library::query::Hit;
use crate::library::views::ClaimRow;
use crate::load::LoadedBriefing;
use crate::text::sanitize;

use super::LibrarySource;
use super::action::Action;
use super::input::Input;
use super::state::{Effect, Identities, Listed, Synced, SyncedList};

/// The library index of one briefings folder, opened once and brought up to date
/// before each query.
pub struct IndexedLibrary {
    config: Config,
    folder: PathBuf,
    index: RefCell<Option<LibraryIndex>>,
    /// The list the reader shows, to tell whether a sync changed it.
    shown: Vec<Listed>,
}

impl IndexedLibrary {
    /// The library of `folder`, its index already open (or opened on first use).
    pub fn new(config: &Config, folder: &Path, index: Option<LibraryIndex>, shown: Vec<Listed>) -> Self {
        IndexedLibrary {
            config: config.clone(),
            folder: folder.to_path_buf(),
            index: RefCell::new(index),
            shown,
        }
    }

    /// Runs `f` on the index, synced first (opened first if need be). Errors are one line.
    fn with_index<T>(&self, f: impl FnOnce(&LibraryIndex) -> Result<T, String>) -> Result<T, String> {
        self.with_index_synced(true, f)
    }

    fn with_index_synced<T>(
        &self,
        sync: bool,
        f: impl FnOnce(&LibraryIndex) -> Result<T, String>,
    ) -> Result<T, String> {
        let mut slot = self.index.borrow_mut();
        let index = match slot.as_mut() {
            Some(index) => index,
            None => {
                let opened = LibraryIndex::open_unsynced(&self.config, &self.folder).map_err(unavailable)?;
                slot.insert(opened)
            }
        };
        if sync {
            index
                .sync(&self.folder, &self.config.annotations_dir)
                .map_err(unavailable)?;
        }
        f(index)
    }

    /// Brings the index up to date and lists the library again.
    pub fn sync(&mut self) -> Synced {
        self.list(true)
    }

    /// Lists the library from the index (brought up to date first if `sync`).
    pub fn list(&mut self, sync: bool) -> Synced {
        let result = self.with_index_synced(sync, |index| {
            let failed = |e: rusqlite::Error| sanitize(&format!("cannot read the library index: {e}"));
            let list: Vec<Listed> = index
                .briefings()
                .map_err(failed)?
                .into_iter()
                .map(|b| Listed {
                    id: b.id,
                    title: b.title,
                    publisher: b.publisher,
                    published: b.published,
                    path: PathBuf::from(b.path),
                })
                .collect();
            let skipped = index.skipped().map_err(failed)?;
            Ok((list, skipped, index.notice.clone()))
        });
        Synced {
            result: result.map(|(list, skipped, notice)| {
                let changed = list != self.shown;
                if changed {
                    self.shown = list.clone();
                }
                SyncedList {
                    list,
                    skipped,
                    changed,
                    notice,
                }
            }),
        }
    }
}

fn unavailable(e: crate::library::IndexError) -> String {
    sanitize(&format!("cannot open the library index: {e}"))
}

impl LibrarySource for IndexedLibrary {
    fn search(&self, query: &str) -> Result<Vec<Hit>, String> {
        self.with_index(|index| super::source::search_in(index, &self.config, query))
    }

    fn timeline(&self, actor: Option<&str>) -> Result<Vec<ClaimRow>, String> {
        self.with_index(|index| super::source::timeline_in(index, &self.config, actor))
    }

    fn load(&self, path: &Path) -> Result<(LoadedBriefing, Option<AnnotationStore>), String> {
        self.config.load(path)
    }

    fn identities(&self) -> Result<Vec<crate::library::views::Identity>, String> {
        self.with_index(|index| super::source::identities_in(index, &self.config))
    }

    fn identity(&self, key: &str) -> Result<super::state::ActorClaims, String> {
        self.with_index(|index| super::source::identity_in(index, &self.config, key))
    }

    fn decide(&self, decision: &super::state::Decision) -> Result<(), String> {
        super::source::decide(&self.config, decision)
    }
}

enum Job {
    Query {
        generation: u64,
        effect: Effect,
    },
    /// The whole list from the index as it is (the reader started from its first row).
    List,
    Sync,
}

/// The handle the event loop keeps; the thread ends when it is dropped.
pub struct Worker {
    jobs: mpsc::Sender<Job>,
}

impl Worker {
    /// Starts the thread; its answers arrive on `answers` as `Input::Answer`.
    pub fn start(mut library: IndexedLibrary, answers: mpsc::Sender<Input>) -> std::io::Result<Worker> {
        let (jobs, receive) = mpsc::channel::<Job>();
        std::thread::Builder::new()
            .name("library".into())
            .spawn(move || {
                for job in receive {
                    let action = match job {
                        Job::List => Action::Synced(Box::new(library.list(false))),
                        Job::Sync => Action::Synced(Box::new(library.sync())),
                        Job::Query { generation, effect } => {
                            let Some(action) = query(&library, effect) else {
                                continue;
                            };
                            Action::Answer {
                                generation,
                                action: Box::new(action),
                            }
                        }
                    };
                    if answers.send(Input::Answer(action)).is_err() {
                        break;
                    }
                }
            })?;
        Ok(Worker { jobs })
    }

    /// Asks for a library query; false if `effect` is not one (the loop performs it).
    pub fn ask(&self, generation: u64, effect: &Effect) -> bool {
        if !is_query(effect) {
            return false;
        }
        let job = Job::Query {
            generation,
            effect: effect.clone(),
        };
        // A worker that is gone answers nothing: the view says it is still waiting.
        let _ = self.jobs.send(job);
        true
    }

    /// Asks for the whole list, and then (if `sync`) for the index to be brought
    /// up to date (after the first frame).
    pub fn list(&self, sync: bool) {
        let _ = self.jobs.send(Job::List);
        if sync {
            let _ = self.jobs.send(Job::Sync);
        }
    }
}

/// Whether the worker runs `effect` rather than the event loop.
pub fn is_query(effect: &Effect) -> bool {
    super::state::query_kind(effect).is_some()
}

/// Runs one library query; `None` for an effect that is not one.
pub fn query(library: &dyn LibrarySource, effect: Effect) -> Option<Action> {
    match effect {
        Effect::Search { query } => {
            let hits = library.search(&query);
            Some(Action::Found(Box::new(super::state::Found { query, hits })))
        }
        Effect::Timeline { actor } => {
            let rows = library.timeline(actor.as_deref());
            Some(Action::Dated(Box::new(super::state::Dated { rows })))
        }
        Effect::Identities => Some(identities(Identities::Listed(library.identities()))),
        Effect::Identity { key } => {
            let result = library.identity(&key);
            Some(identities(Identities::Detail { key, result }))
        }
        Effect::Decide(decision) => {
            let done = library.decide(&decision).map(|()| decision.done());
            Some(identities(Identities::Decided(done)))
        }
        _ => None,
    }
}

fn identities(answer: Identities) -> Action {
    Action::Identities(Box::new(answer))
}
