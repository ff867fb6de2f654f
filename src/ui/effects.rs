//! The I/O `update` asks for (an [`Effect`](state::Effect)), performed by the
//! event loop: annotation sidecars, edits of briefing files, an article saved
//! from memory; what came of it goes back to `update` as an action.

use super::LibrarySource;
use super::action::Action;
use super::state::{self, State};
use super::worker;
use crate::annotations::AnnotationStore;
use crate::load::LoadedBriefing;
use crate::text::sanitize;

/// Performs the I/O `update` asked for and returns what happened as an action
/// for `update`; library queries are the worker's (see [`perform_with`]).
pub fn perform(state: &State, effect: state::Effect) -> Option<Action> {
    use state::Effect;
    match effect {
        Effect::Store { briefing, change } => perform_store(state, briefing, change),
        Effect::SaveEdit { .. } | Effect::Restore { .. } => Some(perform_edit(state, effect)),
        Effect::SaveAs { .. } => {
            let result = save_as(state, &effect);
            Some(Action::SavedAs(Box::new(state::SavedAs { effect, result })))
        }
        Effect::Search { .. }
        | Effect::Timeline { .. }
        | Effect::Identities
        | Effect::Identity { .. }
        | Effect::Decide(_)
        | Effect::Load { .. } => None,
    }
}

/// Changes (or re-reads) a copy of briefing `briefing`'s annotation store. Changes
/// re-read the sidecar under its lock, so another process's edits are merged.
fn perform_store(state: &State, briefing: usize, change: state::StoreChange) -> Option<Action> {
    use state::StoreChange;
    let (Some(loaded), Some(Some(store))) = (state.loaded_at(briefing), state.stores.get(briefing)) else {
        return None;
    };
    let mut store = store.clone();
    let result = match &change {
        StoreChange::SaveAnnotation {
            claim,
            editing,
            draft,
        } => store
            .save(loaded, *claim, *editing, draft.clone())
            .map(|s| s.set_aside),
        StoreChange::DeleteAnnotation { id } => store.delete(loaded, *id).map(|s| s.set_aside),
        StoreChange::Reattach { id, claim } => store.reattach(loaded, *id, *claim).map(|s| s.set_aside),
        StoreChange::SetReliability { actor, grade } => store
            .set_reliability(loaded, *actor, grade.clone())
            .map(|s| s.set_aside),
        StoreChange::Reload => {
            store.reload(loaded);
            Ok(None)
        }
    };
    let result = result
        .map(|aside| aside.map(|a| sanitize(&a.message())))
        .map_err(|e| sanitize(&e.to_string()));
    Some(Action::Done(Box::new(state::Outcome {
        briefing,
        change,
        store,
        result,
    })))
}

/// Writes an edit (or puts a version back, for undo and redo) through
/// `edit::save` / `edit::restore`, then reloads the briefing from the bytes
/// written and places its annotations on it.
fn perform_edit(state: &State, effect: state::Effect) -> Action {
    let result = write_edit(state, &effect);
    Action::Edited(Box::new(state::Edited { effect, result }))
}

fn write_edit(state: &State, effect: &state::Effect) -> Result<state::EditDone, String> {
    use state::Effect;
    let failed = |e: crate::edit::EditError| edit_failure(effect, &e);
    let briefing = effect.briefing().unwrap_or(usize::MAX);
    let loaded = state
        .loaded_at(briefing)
        .ok_or_else(|| "the briefing is no longer loaded".to_string())?;
    let max = state.session.max_bytes;
    let saved = match effect {
        Effect::SaveEdit { base, edits, .. } => {
            let base = match base {
                Some(b) => b.to_vec(),
                None => base_as_loaded(loaded, max),
            };
            crate::edit::save(&loaded.path, &base, edits, max).map_err(failed)?
        }
        Effect::Restore { expect, bytes, .. } => {
            crate::edit::restore(&loaded.path, expect, bytes, max).map_err(failed)?
        }
        _ => return Err("not an edit".into()),
    };
    let reloaded = crate::load::load_bytes(&loaded.path, saved.bytes.clone()).map_err(|d| {
        let lines: Vec<String> = d.iter().take(3).map(ToString::to_string).collect();
        sanitize(&format!(
            "written, but it does not load again: {}",
            lines.join("; ")
        ))
    })?;
    let (mut note, mut grades) = (None, Vec::new());
    let store = state.stores.get(briefing).cloned().flatten().map(|mut s| {
        s.reload(&reloaded);
        let pairs: Vec<(String, String)> = match effect {
            Effect::SaveEdit { edits, .. } => edits.iter().filter_map(merged_pair).collect(),
            Effect::Restore { grades, .. } => grades.clone(),
            _ => Vec::new(),
        };
        (note, grades) = move_grades(&mut s, &reloaded, &pairs);
        s
    });
    Ok(state::EditDone {
        note,
        grades,
        loaded: reloaded,
        store,
        before: saved.previous.into(),
        after: saved.bytes.into(),
        reapplied: saved.reapplied,
        unchanged: saved.unchanged,
    })
}

/// The (from, into) of a merge.
fn merged_pair(edit: &crate::edit::Edit) -> Option<(String, String)> {
    match edit {
        crate::edit::Edit::Actor {
            id,
            change: crate::edit::ActorEdit::MergeInto(into),
        } => Some((id.clone(), into.clone())),
        _ => None,
    }
}

/// A merged actor's source grade follows it (as `briefing edit` does; back
/// again on undo): what to say about it, and the grades that moved.
fn move_grades(
    store: &mut AnnotationStore,
    loaded: &LoadedBriefing,
    pairs: &[(String, String)],
) -> (Option<String>, Vec<(String, String)>) {
    use crate::annotations::store::GradeMove;
    let (mut notes, mut moved) = (Vec::new(), Vec::new());
    for (from, into) in pairs {
        match store.move_grade(loaded, from, into) {
            Ok(GradeMove::Nothing) => {}
            Ok(GradeMove::Moved) => {
                notes.push(format!("the source grade moved from `{from}` to `{into}`"));
                moved.push((from.clone(), into.clone()));
            }
            Ok(GradeMove::BothKept) => notes.push(format!(
                "both had a source grade: `{into}` keeps its own, `{from}`'s stays in the sidecar under the old id"
            )),
            Err(e) => notes.push(format!("the source grade could not be moved: {e}")),
        }
    }
    let note = (!notes.is_empty()).then(|| sanitize(&crate::text::escape(&notes.join("; "))));
    (note, moved)
}

/// Why an edit was not written, in one line for the status bar: the loader's
/// first message with its line rather than the whole report.
fn edit_failure(effect: &state::Effect, e: &crate::edit::EditError) -> String {
    use crate::edit::EditError;
    let text = match e {
        EditError::Invalid(d) => match d.first() {
            Some(first) => format!(
                "{} (line {}{}); nothing was written",
                first.message,
                first.line,
                match d.len() {
                    1 => String::new(),
                    n => format!(", and {} more problems", n - 1),
                }
            ),
            None => e.to_string(),
        },
        EditError::Conflict { path, .. } if matches!(effect, state::Effect::Restore { .. }) => format!(
            "{} was changed by another program since this edit, so it was left as it is",
            crate::text::escape_path(path)
        ),
        EditError::Conflict { reason, .. } => format!(
            "the file changed on disk since it was read, and the edit does not apply to the new version ({}); nothing was written",
            reason.lines().next().unwrap_or_default()
        ),
        e => e.to_string(),
    };
    sanitize(&text).replace('\n', " · ")
}

/// Writes an article imported in memory to its new file (`edit::create`), and
/// reads it back as the briefing the reader goes on with.
fn save_as(state: &State, effect: &state::Effect) -> Result<state::SavedFile, state::SaveAsFailure> {
    use state::SaveAsFailure::{Exists, Failed};
    let state::Effect::SaveAs {
        briefing,
        path,
        overwrite,
        ..
    } = effect
    else {
        return Err(Failed("not a save".into()));
    };
    let toml = state
        .imported
        .get(*briefing)
        .cloned()
        .flatten()
        .ok_or_else(|| Failed("the article is not in memory any more".into()))?;
    let bytes = crate::edit::create(path, &toml, *overwrite).map_err(|e| match e {
        crate::edit::EditError::Exists { .. } => Exists,
        e => Failed(sanitize(&e.to_string()).replace('\n', " · ")),
    })?;
    let loaded = crate::load::load_bytes(path, bytes.clone())
        .map_err(|_| Failed("written, but it does not load again (`briefing check` explains)".into()))?;
    let store = state
        .session
        .annotations_dir
        .as_ref()
        .map(|dir| AnnotationStore::open(dir, &loaded));
    Ok(state::SavedFile {
        loaded,
        store,
        bytes: bytes.into(),
    })
}

/// The file as the reader loaded it, for the first edit of a briefing: the file
/// now, if it still says what the reader shows; otherwise nothing (so `save`
/// sees the change and re-applies the edit to the new version, or refuses).
fn base_as_loaded(loaded: &LoadedBriefing, max: u64) -> Vec<u8> {
    let Ok(bytes) = crate::load::read_limited(&loaded.path, max) else {
        return Vec::new();
    };
    match crate::load::load_bytes(&loaded.path, bytes.clone()) {
        Ok(now) if now.briefing == loaded.briefing => bytes,
        _ => Vec::new(),
    }
}

/// Performs `effect`: library queries through `library`, the rest by [`perform`].
pub fn perform_with(state: &State, effect: state::Effect, library: &dyn LibrarySource) -> Option<Action> {
    match effect {
        state::Effect::Load { briefing, path } => {
            let result = library
                .load(&path)
                .map(|(loaded, store)| (Box::new(loaded), store));
            Some(Action::Loaded(Box::new(state::Loaded { briefing, result })))
        }
        effect if worker::is_query(&effect) => worker::query(library, effect),
        effect => perform(state, effect),
    }
}
