//! Editing an article opened directly (`briefing article.txt`), which is
//! imported in memory: the first edit asks where to save it (a prompt
//! prefilled with a file in the briefings folder), refuses to replace an
//! existing file unless the user says so, writes the imported TOML atomically
//! (`edit::create`), then the reader goes on with that file and applies the edit.

use std::path::PathBuf;
use std::sync::Arc;

use super::State;
use super::annotate::{Confirm, Effect};
use super::edit::{Prompt, PromptFor};
use super::layer::Layer;
use crate::edit::Edit;
use crate::load::LoadedBriefing;
use crate::text::escape_path;

/// What the event loop did with `Effect::SaveAs`.
#[derive(Debug, Clone)]
pub struct SavedAs {
    pub effect: Effect,
    pub result: Result<SavedFile, SaveAsFailure>,
}

impl PartialEq for SavedAs {
    fn eq(&self, other: &Self) -> bool {
        self.effect == other.effect && self.result.as_ref().err() == other.result.as_ref().err()
    }
}

impl Eq for SavedAs {}

/// The article as written to its new file, loaded from the bytes written.
#[derive(Debug, Clone)]
pub struct SavedFile {
    pub loaded: LoadedBriefing,
    /// Its annotations (none yet, but the store is ready for them).
    pub store: Option<crate::annotations::AnnotationStore>,
    pub bytes: Arc<[u8]>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveAsFailure {
    /// Something is at that path already: ask before replacing it.
    Exists,
    /// Not written; why, in one line.
    Failed(String),
}

impl State {
    /// Whether the current briefing is an article imported in memory that an
    /// edit would first save to a file.
    pub fn unsaved_import(&self) -> bool {
        self.imported.get(self.current).is_some_and(Option::is_some)
    }

    /// The article read-only in memory, for refusals: its file's name or its address.
    pub(super) fn in_memory_article(&self) -> String {
        self.article_source
            .clone()
            .unwrap_or_else(|| "this article".to_string())
    }

    /// Where the save-as prompt proposes to write the current article: its id in
    /// the briefings folder.
    fn proposed_path(&self) -> String {
        let id = self.briefing().map_or("article", |b| b.id.as_str());
        let id = if id.is_empty() { "article" } else { id };
        let dir = &self.session.briefings_dir;
        dir.join(format!("{id}.toml")).display().to_string()
    }

    /// An edit of an article in memory: ask where to save it first.
    pub(super) fn ask_save_as(&mut self, edits: Vec<Edit>) {
        let text = self.proposed_path();
        self.ask_save_as_at(edits, text);
    }

    fn ask_save_as_at(&mut self, edits: Vec<Edit>, text: String) {
        self.push_layer(Layer::Prompt(Prompt {
            target: PromptFor::SaveAs(edits),
            text,
        }));
        self.info(
            "this article is only in memory: to edit it, save it as a briefing file first (Esc: don't)",
        );
    }

    /// Enter in the save-as prompt.
    pub(super) fn save_as_accepted(&mut self, path: String, edits: Vec<Edit>) {
        let path = path.trim();
        if path.is_empty() {
            return self
                .warn("type the path of the new briefing file, or Esc to leave the article in memory");
        }
        self.pop_layer();
        self.effect = Some(Effect::SaveAs {
            briefing: self.current,
            path: PathBuf::from(path),
            edits,
            overwrite: false,
        });
    }

    /// Yes to "replace the file that is there?".
    pub(super) fn overwrite_confirmed(&mut self, path: PathBuf, edits: Vec<Edit>) {
        self.effect = Some(Effect::SaveAs {
            briefing: self.current,
            path,
            edits,
            overwrite: true,
        });
    }

    /// No to "replace the file that is there?": another name, then.
    pub(super) fn overwrite_refused(&mut self, path: PathBuf, edits: Vec<Edit>) {
        self.ask_save_as_at(edits, path.display().to_string());
        self.info("not replaced: type another path, or Esc to leave the article in memory");
    }

    /// The loop's report on `Effect::SaveAs`: the reader goes on with the file,
    /// and the edit that asked for it is applied.
    pub(super) fn saved_as(&mut self, saved: SavedAs) {
        let Effect::SaveAs {
            briefing,
            path,
            edits,
            ..
        } = saved.effect
        else {
            return;
        };
        let file = match saved.result {
            Ok(file) => file,
            Err(SaveAsFailure::Exists) => {
                let question = format!("{} exists. Replace it with this article?", escape_path(&path));
                return self.push_layer(Layer::Confirm(Confirm::Overwrite {
                    path,
                    edits,
                    question,
                }));
            }
            Err(SaveAsFailure::Failed(why)) => {
                self.ask_save_as_at(edits, path.display().to_string());
                return self.warn(format!("not saved: {why}"));
            }
        };
        self.session.grow(self.briefings.len());
        if let Some(slot) = self.session.sources.get_mut(briefing) {
            *slot = Some(file.bytes.clone());
        }
        if let Some(flag) = self.read_only.get_mut(briefing) {
            *flag = false;
        }
        if let Some(toml) = self.imported.get_mut(briefing) {
            *toml = None;
        }
        if self.stores.len() <= briefing {
            self.stores.resize_with(briefing + 1, || None);
        }
        self.replace_briefing(briefing, file.loaded, file.store);
        self.info(format!("saved as {}", escape_path(&path)));
        self.save_edits(edits);
    }
}
