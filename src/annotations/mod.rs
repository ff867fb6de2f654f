//! Local annotations on claims, stored in sidecar files beside (never in) briefings.
//!
//! The reader and the CLI go through [`AnnotationStore`]: open it for a loaded
//! briefing (it never fails; problems with the sidecar come back as diagnostics),
//! look annotations up by claim index (cheap: an in-memory map, fine per frame),
//! and change them with [`AnnotationStore::save`], [`AnnotationStore::delete`],
//! [`AnnotationStore::reattach`] and [`AnnotationStore::set_reliability`]. Each
//! change locks the sidecar, re-reads it, merges (newest `modified` wins per
//! annotation id) and writes it atomically; the store then holds what is on disk,
//! changes by other processes included.
//!
//! The format and the guarantees are described in `docs/annotations.md`.

pub mod anchor;
pub mod model;
pub mod report;
pub mod sidecar;
pub mod store;

use std::path::{Path, PathBuf};

use jiff::{SignedDuration, Timestamp};
use uuid::Uuid;

pub use anchor::{AnchorState, Found};
pub use model::{ActorGrade, Anchor, Annotation, Credibility, Draft, Grade, Reliability};
pub use sidecar::Sidecar;
pub use store::{SetAside, SidecarFiles, StoreError};

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::load::LoadedBriefing;

/// An annotation with where it sits in the current briefing.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    pub annotation: Annotation,
    pub state: AnchorState,
    /// Claim index it is attached to now; `None` for an orphan.
    pub claim: Option<usize>,
    /// Where its quote was found, when it was looked for (moved annotations, and
    /// orphans whose quote is still in the text outside any claim).
    pub found: Option<Found>,
}

/// What the reader's filter can ask for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Filter {
    /// Claims with at least one annotation.
    Annotated,
    /// Claims whose annotation has this credibility.
    Credibility(Credibility),
    /// Claims whose annotation carries this tag.
    Tag(String),
    /// Claims whose annotation is in this state (e.g. stale ones to review).
    State(AnchorState),
}

/// A change that went through, with the sidecar that had to be set aside first, if any.
#[derive(Debug, Clone)]
pub struct Saved<T> {
    pub value: T,
    /// An unreadable sidecar found when saving, moved out of the way (never
    /// overwritten). Show [`SetAside::message`] to the user.
    pub set_aside: Option<SetAside>,
}

/// A partial change to the annotation of a claim (the CLI changes one field at a time).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Patch {
    pub credibility: Option<Option<Credibility>>,
    pub note: Option<String>,
    pub tags: Option<Vec<String>>,
}

impl From<Draft> for Patch {
    fn from(d: Draft) -> Patch {
        Patch {
            credibility: Some(d.credibility),
            note: Some(d.note),
            tags: Some(d.tags),
        }
    }
}

impl From<&Annotation> for Draft {
    /// The editor's starting point for an existing annotation.
    fn from(a: &Annotation) -> Draft {
        Draft {
            credibility: a.credibility,
            note: a.note.clone(),
            tags: a.tags.clone(),
        }
    }
}

/// The annotations of one briefing, anchored in its current text.
#[derive(Debug, Clone)]
pub struct AnnotationStore {
    files: SidecarFiles,
    sidecar: Sidecar,
    placed: Vec<Placed>,
    /// Claim index to indices into `placed`, most recently modified first.
    by_claim: Vec<Vec<usize>>,
    /// Claim index to its combined grade.
    grades: Vec<Grade>,
    errors: Vec<Diagnostic>,
    warnings: Vec<Diagnostic>,
    stamp: Option<(std::time::SystemTime, u64, u64)>,
    quotes: anchor::QuoteCache,
    /// False for a sidecar whose briefing is not loaded (everything is orphaned).
    attached: bool,
}

impl AnnotationStore {
    /// Reads the annotations of `loaded` from `dir` (the config's `annotations_dir`)
    /// and anchors them. Never fails: a missing sidecar is empty, and problems
    /// with an unreadable one are in [`errors`](Self::errors).
    pub fn open(dir: &Path, loaded: &LoadedBriefing) -> AnnotationStore {
        let mut store = Self::empty(SidecarFiles::new(dir, &loaded.briefing.id), true);
        store.reload(loaded);
        store
    }

    /// [`open`](Self::open) in the configured annotations folder.
    pub fn for_config(config: &Config, loaded: &LoadedBriefing) -> AnnotationStore {
        Self::open(&config.annotations_dir, loaded)
    }

    /// Reads the sidecar of a briefing that is not loaded (or no longer exists):
    /// every annotation is orphaned. For exports; read-only in spirit.
    pub fn open_detached(dir: &Path, briefing_id: &str) -> AnnotationStore {
        let mut store = Self::empty(SidecarFiles::new(dir, briefing_id), false);
        let read = store::read(&store.files);
        store.stamp = store::file_stamp(&store.files.path());
        store.errors = read.parsed.errors;
        store.warnings = read.parsed.warnings;
        store.sidecar = read.parsed.sidecar;
        store.place(None);
        store
    }

    fn empty(files: SidecarFiles, attached: bool) -> AnnotationStore {
        AnnotationStore {
            sidecar: Sidecar::new(&files.briefing),
            files,
            placed: Vec::new(),
            by_claim: Vec::new(),
            grades: Vec::new(),
            errors: Vec::new(),
            warnings: Vec::new(),
            stamp: None,
            quotes: anchor::QuoteCache::default(),
            attached,
        }
    }

    /// Re-reads the sidecar (after the briefing was reloaded, or when
    /// [`changed_on_disk`](Self::changed_on_disk)).
    /// After actor `from` was merged into `into`: its grade follows (see
    /// [`store::move_grade`]); the store is re-read either way.
    pub fn move_grade(
        &mut self,
        loaded: &LoadedBriefing,
        from: &str,
        into: &str,
    ) -> Result<store::GradeMove, StoreError> {
        let moved = store::move_grade(&self.files, from, into);
        self.reload(loaded);
        moved
    }

    pub fn reload(&mut self, loaded: &LoadedBriefing) {
        let read = store::read(&self.files);
        self.stamp = store::file_stamp(&self.files.path());
        self.errors = read.parsed.errors;
        self.warnings = read.parsed.warnings;
        self.sidecar = read.parsed.sidecar;
        self.place(Some(loaded));
    }

    /// Whether another process changed the sidecar since it was last read or
    /// written here (one `stat`; cheap enough to call now and then, not per frame).
    pub fn changed_on_disk(&self) -> bool {
        store::file_stamp(&self.files.path()) != self.stamp
    }

    /// Anchors every annotation and rebuilds the lookups.
    fn place(&mut self, loaded: Option<&LoadedBriefing>) {
        let claims = loaded.map_or(0, |l| l.briefing.claims.len());
        let mut resolver = loaded.map(|l| self.quotes.resolver(l));
        self.placed = self
            .sidecar
            .annotations
            .iter()
            .map(|a| {
                let r = match resolver.as_mut() {
                    Some(r) => r.resolve(a),
                    None => anchor::Resolution {
                        state: AnchorState::Orphaned,
                        claim: None,
                        found: None,
                    },
                };
                Placed {
                    annotation: a.clone(),
                    state: r.state,
                    claim: r.claim,
                    found: r.found,
                }
            })
            .collect();
        self.by_claim = vec![Vec::new(); claims];
        for (i, p) in self.placed.iter().enumerate() {
            if let Some(c) = p.claim {
                self.by_claim[c].push(i);
            }
        }
        for list in &mut self.by_claim {
            list.sort_by_key(|&i| {
                std::cmp::Reverse((self.placed[i].annotation.modified, self.placed[i].annotation.id))
            });
        }
        self.grades = (0..claims)
            .map(|c| Grade {
                reliability: loaded
                    .and_then(|l| l.index.claim_speaker[c])
                    .and_then(|actor| loaded.map(|l| l.briefing.actors[actor].id.as_str()))
                    .and_then(|id| self.reliability(id))
                    .map(|g| g.reliability),
                credibility: self.for_claim(c).and_then(|p| p.annotation.credibility),
            })
            .collect();
    }

    /// The sidecar file (it may not exist yet).
    pub fn path(&self) -> PathBuf {
        self.files.path()
    }

    pub fn files(&self) -> &SidecarFiles {
        &self.files
    }

    /// Problems that made parts of the sidecar unreadable. Those parts are not
    /// shown; the file will be set aside (renamed, never overwritten) on the next save.
    pub fn errors(&self) -> &[Diagnostic] {
        &self.errors
    }

    /// Things worth telling that lose nothing (unknown fields kept as they are).
    pub fn warnings(&self) -> &[Diagnostic] {
        &self.warnings
    }

    /// Every annotation, in the order of the file (by id, i.e. by creation).
    pub fn annotations(&self) -> &[Placed] {
        &self.placed
    }

    pub fn get(&self, id: Uuid) -> Option<&Placed> {
        self.placed.iter().find(|p| p.annotation.id == id)
    }

    /// The annotation shown for a claim: the most recently modified one attached to it.
    pub fn for_claim(&self, claim: usize) -> Option<&Placed> {
        self.by_claim.get(claim)?.first().map(|&i| &self.placed[i])
    }

    /// All annotations attached to a claim (several when a moved or re-attached
    /// one joined an existing one), most recently modified first.
    pub fn all_for_claim(&self, claim: usize) -> impl Iterator<Item = &Placed> {
        self.by_claim
            .get(claim)
            .into_iter()
            .flatten()
            .map(|&i| &self.placed[i])
    }

    pub fn is_annotated(&self, claim: usize) -> bool {
        self.by_claim.get(claim).is_some_and(|l| !l.is_empty())
    }

    /// Annotations whose claim could not be found; listed, never deleted.
    pub fn orphans(&self) -> impl Iterator<Item = &Placed> {
        self.placed.iter().filter(|p| p.claim.is_none())
    }

    /// The combined grade of a claim (`B2`): its speaker's reliability and its
    /// annotation's credibility. Empty (`Grade::is_empty`) when neither is set.
    pub fn grade(&self, claim: usize) -> Grade {
        self.grades.get(claim).copied().unwrap_or_default()
    }

    /// The reliability grade given to an actor, by actor id.
    pub fn reliability(&self, actor_id: &str) -> Option<&ActorGrade> {
        self.sidecar.actors.iter().find(|a| a.actor == actor_id)
    }

    /// All actor grades, by actor id.
    pub fn actor_grades(&self) -> &[ActorGrade] {
        &self.sidecar.actors
    }

    /// Every tag in use with how many annotations carry it, by name.
    pub fn tags(&self) -> Vec<(String, usize)> {
        let mut counts = std::collections::BTreeMap::<&str, usize>::new();
        for p in &self.placed {
            for t in &p.annotation.tags {
                *counts.entry(t.as_str()).or_default() += 1;
            }
        }
        counts.into_iter().map(|(t, n)| (t.to_string(), n)).collect()
    }

    /// Whether a claim passes the filter (any of its annotations may match).
    pub fn matches(&self, claim: usize, filter: &Filter) -> bool {
        let mut all = self.all_for_claim(claim);
        match filter {
            Filter::Annotated => self.is_annotated(claim),
            Filter::Credibility(c) => all.any(|p| p.annotation.credibility == Some(*c)),
            Filter::Tag(t) => all.any(|p| p.annotation.tags.iter().any(|x| x == t)),
            Filter::State(s) => all.any(|p| p.state == *s),
        }
    }

    /// The claims of `claims` that pass the filter, order kept.
    pub fn filter(&self, claims: &[usize], filter: &Filter) -> Vec<usize> {
        claims
            .iter()
            .copied()
            .filter(|&c| self.matches(c, filter))
            .collect()
    }

    /// Runs a transaction and adopts its result.
    fn commit<T>(
        &mut self,
        loaded: &LoadedBriefing,
        change: impl FnOnce(&mut Sidecar, &mut anchor::QuoteCache) -> Option<T>,
    ) -> Result<Saved<Option<T>>, StoreError> {
        if !self.attached {
            return Err(StoreError::Invalid(format!(
                "the annotations in {} belong to a briefing that is not loaded",
                self.path().display()
            )));
        }
        let mut value = None;
        let quotes = &mut self.quotes;
        let written = store::transact(&self.files, |sidecar| {
            value = change(sidecar, quotes);
            value.is_some()
        })?;
        self.stamp = store::file_stamp(&self.files.path());
        self.errors.clear();
        self.warnings = written.warnings;
        self.sidecar = written.sidecar;
        self.place(Some(loaded));
        Ok(Saved {
            value,
            set_aside: written.set_aside,
        })
    }

    /// Saves what the editor holds for a claim. `editing` is the annotation the
    /// editor was opened on (`store.for_claim(claim)`'s id), `None` for a new one;
    /// with `None` an annotation another process made on the claim meanwhile is
    /// updated rather than doubled. Saving re-anchors the annotation to the
    /// claim's current text (it is no longer stale or moved). Returns its id.
    pub fn save(
        &mut self,
        loaded: &LoadedBriefing,
        claim: usize,
        editing: Option<Uuid>,
        draft: Draft,
    ) -> Result<Saved<Uuid>, StoreError> {
        self.apply(loaded, claim, editing, draft.into())
    }

    /// Changes only the given fields of a claim's annotation, creating it if
    /// there is none (what `briefing annotate` does). See [`save`](Self::save).
    pub fn apply(
        &mut self,
        loaded: &LoadedBriefing,
        claim: usize,
        editing: Option<Uuid>,
        patch: Patch,
    ) -> Result<Saved<Uuid>, StoreError> {
        check_claim(loaded, claim)?;
        let saved = self.commit(loaded, |sidecar, quotes| {
            let target = editing.or_else(|| newest_on_claim(loaded, quotes, sidecar, claim));
            let now = Timestamp::now();
            let existing = target.and_then(|id| sidecar.annotation(id)).cloned();
            let mut a = existing.unwrap_or_else(|| Annotation {
                id: target.unwrap_or_else(Uuid::now_v7),
                claim: String::new(),
                credibility: None,
                note: String::new(),
                tags: Vec::new(),
                created: now,
                modified: now,
                anchor: Anchor::default(),
                extra: toml::Table::new(),
            });
            if let Some(c) = patch.credibility {
                a.credibility = c;
            }
            if let Some(n) = patch.note {
                a.note = crate::text::sanitize(&n);
            }
            if let Some(t) = patch.tags {
                a.tags = model::normalize_tags(t.iter().map(String::as_str));
            }
            a.modified = later_than(now, a.modified);
            a.claim = loaded.briefing.claims[claim].id.clone();
            a.anchor = anchor::anchor_for(loaded, claim);
            let id = a.id;
            sidecar.merge_annotation(a);
            Some(id)
        })?;
        flatten(saved)
    }

    /// Puts a whole annotation in as it is (merged by id: a newer version on disk
    /// wins). For imports and tests; the reader uses [`save`](Self::save).
    /// Returns whether it went in.
    pub fn put(
        &mut self,
        loaded: &LoadedBriefing,
        annotation: Annotation,
    ) -> Result<Saved<bool>, StoreError> {
        let saved = self.commit(loaded, |sidecar, _| Some(sidecar.merge_annotation(annotation)))?;
        flatten(saved)
    }

    /// Deletes an annotation by id. Returns whether it was there.
    pub fn delete(&mut self, loaded: &LoadedBriefing, id: Uuid) -> Result<Saved<bool>, StoreError> {
        let saved = self.commit(loaded, |sidecar, _| {
            let before = sidecar.annotations.len();
            sidecar.annotations.retain(|a| a.id != id);
            (sidecar.annotations.len() != before).then_some(true)
        })?;
        Ok(Saved {
            value: saved.value.unwrap_or(false),
            set_aside: saved.set_aside,
        })
    }

    /// Deletes every annotation attached to a claim (as anchored in the file on
    /// disk). Returns how many went.
    pub fn delete_claim(
        &mut self,
        loaded: &LoadedBriefing,
        claim: usize,
    ) -> Result<Saved<usize>, StoreError> {
        check_claim(loaded, claim)?;
        let saved = self.commit(loaded, |sidecar, quotes| {
            let before = sidecar.annotations.len();
            let mut resolver = quotes.resolver(loaded);
            sidecar
                .annotations
                .retain(|a| resolver.resolve(a).claim != Some(claim));
            let gone = before - sidecar.annotations.len();
            (gone > 0).then_some(gone)
        })?;
        Ok(Saved {
            value: saved.value.unwrap_or(0),
            set_aside: saved.set_aside,
        })
    }

    /// Attaches an annotation (typically an orphan) to a claim: its claim id,
    /// quote and hash become the claim's current ones.
    pub fn reattach(
        &mut self,
        loaded: &LoadedBriefing,
        id: Uuid,
        claim: usize,
    ) -> Result<Saved<()>, StoreError> {
        check_claim(loaded, claim)?;
        let saved = self.commit(loaded, |sidecar, _| {
            let a = sidecar.annotations.iter_mut().find(|a| a.id == id)?;
            a.claim = loaded.briefing.claims[claim].id.clone();
            a.anchor = anchor::anchor_for(loaded, claim);
            a.modified = later_than(Timestamp::now(), a.modified);
            Some(())
        })?;
        match saved.value {
            Some(()) => Ok(Saved {
                value: (),
                set_aside: saved.set_aside,
            }),
            None => Err(StoreError::Invalid(format!(
                "no annotation {id} in {}",
                self.path().display()
            ))),
        }
    }

    /// Sets (or with `None` removes) the source-reliability grade of an actor
    /// (an index into `loaded.briefing.actors`).
    pub fn set_reliability(
        &mut self,
        loaded: &LoadedBriefing,
        actor: usize,
        grade: Option<(Reliability, String)>,
    ) -> Result<Saved<()>, StoreError> {
        let Some(actor_id) = loaded.briefing.actors.get(actor).map(|a| a.id.clone()) else {
            return Err(StoreError::Invalid(format!("no actor number {actor}")));
        };
        let saved = self.commit(loaded, |sidecar, _| {
            match grade {
                Some((reliability, note)) => {
                    let previous = sidecar
                        .actors
                        .iter()
                        .find(|a| a.actor == actor_id)
                        .map(|a| (a.modified, a.extra.clone()));
                    let now = Timestamp::now();
                    sidecar.merge_actor(ActorGrade {
                        actor: actor_id,
                        reliability,
                        note: crate::text::sanitize(&note),
                        modified: previous.as_ref().map_or(now, |(m, _)| later_than(now, *m)),
                        extra: previous.map(|(_, e)| e).unwrap_or_default(),
                    });
                }
                None => sidecar.actors.retain(|a| a.actor != actor_id),
            }
            Some(())
        })?;
        Ok(Saved {
            value: (),
            set_aside: saved.set_aside,
        })
    }
}

fn check_claim(loaded: &LoadedBriefing, claim: usize) -> Result<(), StoreError> {
    if claim < loaded.briefing.claims.len() {
        Ok(())
    } else {
        Err(StoreError::Invalid(format!(
            "no claim number {claim} in briefing `{}`",
            loaded.briefing.id
        )))
    }
}

fn flatten<T>(saved: Saved<Option<T>>) -> Result<Saved<T>, StoreError> {
    match saved.value {
        Some(value) => Ok(Saved {
            value,
            set_aside: saved.set_aside,
        }),
        None => Err(StoreError::Invalid("nothing was saved".into())),
    }
}

/// The newest annotation attached to a claim in a sidecar as read from disk.
fn newest_on_claim(
    loaded: &LoadedBriefing,
    quotes: &mut anchor::QuoteCache,
    sidecar: &Sidecar,
    claim: usize,
) -> Option<Uuid> {
    let mut resolver = quotes.resolver(loaded);
    sidecar
        .annotations
        .iter()
        .filter(|a| resolver.resolve(a).claim == Some(claim))
        .max_by_key(|a| (a.modified, a.id))
        .map(|a| a.id)
}

/// `now`, or just after `previous` if the clock says otherwise, so an edit always
/// wins the merge over the version it replaces.
fn later_than(now: Timestamp, previous: Timestamp) -> Timestamp {
    if now > previous {
        now
    } else {
        previous
            .checked_add(SignedDuration::from_micros(1))
            .unwrap_or(previous)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bundled() -> LoadedBriefing {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("briefings/russia-venezuela-levers.toml");
        crate::load::load_file(&path).expect("the bundled briefing loads")
    }

    #[test]
    fn grades_filters_and_tags_for_the_reader() {
        let dir = tempfile::tempdir().unwrap();
        let loaded = bundled();
        let mut store = AnnotationStore::open(dir.path(), &loaded);
        assert!(store.errors().is_empty() && store.annotations().is_empty());
        let galeotti = loaded.index.claim("galeotti-nothing-much").unwrap();
        let speaker = loaded.index.claim_speaker[galeotti].unwrap();
        // The speaker's other claims show the letter alone.
        let same_speaker: Vec<usize> = (0..loaded.briefing.claims.len())
            .filter(|&c| c != galeotti && loaded.index.claim_speaker[c] == Some(speaker))
            .collect();

        store
            .save(
                &loaded,
                galeotti,
                None,
                Draft {
                    credibility: Some(Credibility::ProbablyTrue),
                    note: "n".into(),
                    tags: Draft::parse_tags("military, oil"),
                },
            )
            .unwrap();
        assert_eq!(store.grade(galeotti).to_string(), "-2");
        store
            .set_reliability(&loaded, speaker, Some((Reliability::B, "analyst".into())))
            .unwrap();
        assert_eq!(store.grade(galeotti).to_string(), "B2");
        for &c in &same_speaker {
            assert_eq!(store.grade(c).to_string(), "B-");
        }
        let other = loaded.index.claim("trump-no").unwrap();
        assert!(store.grade(other).is_empty());

        let all = loaded.index.claims_in_reading_order();
        assert_eq!(store.filter(&all, &Filter::Annotated), vec![galeotti]);
        assert_eq!(
            store.filter(&all, &Filter::Credibility(Credibility::ProbablyTrue)),
            vec![galeotti]
        );
        assert!(
            store
                .filter(&all, &Filter::Credibility(Credibility::Doubtful))
                .is_empty()
        );
        assert_eq!(store.filter(&all, &Filter::Tag("oil".into())), vec![galeotti]);
        assert_eq!(
            store.tags(),
            vec![("military".to_string(), 1), ("oil".to_string(), 1)]
        );
        assert!(!store.changed_on_disk());

        // Another process's change is noticed, and picked up by a reload.
        let mut other_process = AnnotationStore::open(dir.path(), &loaded);
        other_process
            .save(&loaded, other, None, Draft::default())
            .unwrap();
        assert!(store.changed_on_disk());
        store.reload(&loaded);
        assert!(store.is_annotated(other));

        // Removing the grade and deleting the annotation.
        store.set_reliability(&loaded, speaker, None).unwrap();
        assert_eq!(store.grade(galeotti).to_string(), "-2");
        let id = store.for_claim(galeotti).unwrap().annotation.id;
        assert!(store.delete(&loaded, id).unwrap().value);
        assert!(!store.is_annotated(galeotti));
        assert!(!store.delete(&loaded, id).unwrap().value);
    }

    #[test]
    fn a_detached_store_refuses_writes() {
        let dir = tempfile::tempdir().unwrap();
        let loaded = bundled();
        let mut store = AnnotationStore::open_detached(dir.path(), "gone");
        assert!(store.save(&loaded, 0, None, Draft::default()).is_err());
        assert!(!dir.path().join("gone.toml").exists());
    }
}
