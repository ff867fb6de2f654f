//! What input means to the reader: actions, between the keys and the state.

/// The four panes that can take focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    Sections,
    Actors,
    Claims,
    Text,
}

impl Pane {
    pub const ALL: [Pane; 4] = [Pane::Sections, Pane::Actors, Pane::Claims, Pane::Text];

    pub fn title(self) -> &'static str {
        match self {
            Pane::Sections => "Sections",
            Pane::Actors => "Actors",
            Pane::Claims => "Claims",
            Pane::Text => "Text",
        }
    }

    pub fn next(self) -> Pane {
        match self {
            Pane::Sections => Pane::Actors,
            Pane::Actors => Pane::Claims,
            Pane::Claims => Pane::Text,
            Pane::Text => Pane::Sections,
        }
    }

    pub fn prev(self) -> Pane {
        match self {
            Pane::Sections => Pane::Text,
            Pane::Actors => Pane::Sections,
            Pane::Claims => Pane::Actors,
            Pane::Text => Pane::Claims,
        }
    }
}

macro_rules! commands {
    ($($variant:ident => $name:literal, $help:literal;)+) => {
        /// Everything a key can be bound to. The names are those of `[keys]` in config.toml.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Command { $($variant),+ }

        impl Command {
            pub const ALL: &'static [Command] = &[$(Command::$variant),+];
            pub fn name(self) -> &'static str {
                match self { $(Command::$variant => $name),+ }
            }
            pub fn help(self) -> &'static str {
                match self { $(Command::$variant => $help),+ }
            }
            pub fn from_name(name: &str) -> Option<Command> {
                match name { $($name => Some(Command::$variant),)+ _ => None }
            }
        }
    };
}

commands! {
    Quit => "quit", "quit the reader";
    Suspend => "suspend", "suspend to the shell (`fg` comes back)";
    Help => "help", "show or hide this help";
    FocusNext => "focus_next", "focus the next pane";
    FocusPrev => "focus_prev", "focus the previous pane";
    FocusSections => "focus_sections", "focus Sections";
    FocusActors => "focus_actors", "focus Actors";
    FocusClaims => "focus_claims", "focus Claims";
    FocusText => "focus_text", "focus Text";
    Down => "down", "move down / scroll down a line";
    Up => "up", "move up / scroll up a line";
    Top => "top", "go to the top";
    Bottom => "bottom", "go to the bottom";
    PageDown => "page_down", "page down";
    PageUp => "page_up", "page up";
    HalfPageDown => "half_page_down", "half a page down";
    HalfPageUp => "half_page_up", "half a page up";
    Follow => "follow", "follow: section → text, actor → its claims, claim → speaker";
    Back => "back", "go back in history";
    Forward => "forward", "go forward in history";
    Filter => "filter", "filter the list as you type (search in Text)";
    Clear => "clear", "clear the filter, search or selection; close overlays";
    NextMatch => "next_match", "next mention of the actor (next search match in Text)";
    PrevMatch => "prev_match", "previous mention of the actor (previous match in Text)";
    ToggleClaimFilter => "toggle_claim_filter", "claims: the selected actor's only / all";
    SortActors => "sort_actors", "actors: sort by kind, mentions or name";
    FollowRelated => "follow_related", "follow the claim related to the selected one";
    Picker => "picker", "switch briefing";
    Annotate => "annotate", "annotate the selected claim (credibility, note, tags)";
    AnnotationFilter => "annotation_filter", "claims: annotated / by credibility / by tag / all";
    Orphans => "orphans", "list orphaned annotations and re-attach them";
    Search => "search", "search every briefing of the library; Enter opens a hit";
    Timeline => "timeline", "dated claims of the library in date order; Enter opens one";
    LibraryActors => "library_actors", "every actor across the library; Enter lists its briefings and claims";
    Mark => "mark", "library actors: mark an actor to merge it with another";
    Merge => "merge", "library actors: merge the marked actor with this one";
    Split => "split", "library actors: split this briefing's actor out of the actor shown";
    GradeActor => "grade_actor", "grade the selected actor's reliability (A-F)";
    Details => "details", "the selected claim in full: text, speaker, id, annotation";
    DoubtFilter => "doubt_filter", "claims: only those whose speaker is in doubt / all";
    Select => "select", "select words in Text (the sentence being read) to add a claim";
    SelectRight => "select_right", "selection: move its end a word right";
    SelectLeft => "select_left", "selection: move its end a word left";
    SelectNextSentence => "select_next_sentence", "selection: move its end to the next sentence";
    SelectPrevSentence => "select_prev_sentence", "selection: move its end to the previous sentence";
    SelectOtherEnd => "select_other_end", "selection: move the other end (start / end)";
    AddClaim => "add_claim", "add a claim for the selected words: speaker, then kind";
    Edit => "edit", "correct the selected claim, actor or section heading (writes the file)";
    Undo => "undo", "undo this session's last edit of the briefing";
    Redo => "redo", "redo the edit last undone";
    EditorSave => "editor_save", "editor: save";
    EditorCancel => "editor_cancel", "editor: cancel (asks if something was typed)";
    EditorNextField => "editor_next_field", "editor: next field";
    EditorPrevField => "editor_prev_field", "editor: previous field";
    EditorDelete => "editor_delete", "editor: delete the annotation or grade";
}

impl Command {
    /// Commands that only work inside the annotation and grade editors. Their keys
    /// may be the same as other commands' (Tab moves between fields there).
    pub fn in_editor(self) -> bool {
        matches!(
            self,
            Command::EditorSave
                | Command::EditorCancel
                | Command::EditorNextField
                | Command::EditorPrevField
                | Command::EditorDelete
        )
    }
}

/// Input, translated: what `update` acts on. No I/O happens in between.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Command(Command),
    /// A character typed while a filter or search is being edited.
    Input(char),
    /// Text pasted while a filter or search is being edited (outside editing, ignored:
    /// pasted words must not run commands).
    Paste(String),
    /// Delete the last character of the filter being edited.
    InputBackspace,
    /// Keep the filter being edited and stop editing.
    InputAccept,
    /// Drop the filter being edited and stop editing.
    InputCancel,
    /// A key typed into an open editor that is not one of its commands.
    EditorKey(ratatui_textarea::Input),
    /// Text pasted into an open editor.
    EditorPaste(String),
    /// The answer to a yes/no question.
    Confirm(bool),
    /// What the event loop did with an [`Effect`](super::state::Effect).
    Done(Box<super::state::Outcome>),
    /// What the event loop found for `Effect::Search`.
    Found(Box<super::state::Found>),
    /// What the event loop wrote for `Effect::SaveEdit` or `Effect::Restore`.
    Edited(Box<super::state::Edited>),
    /// What the event loop wrote for `Effect::SaveAs`.
    SavedAs(Box<super::state::SavedAs>),
    /// What the event loop read for `Effect::Timeline`.
    Dated(Box<super::state::Dated>),
    /// The briefing file the event loop read for `Effect::Load`.
    Loaded(Box<super::state::Loaded>),
    /// The library worker's answer to query number `generation` (dropped if a
    /// later query was asked meanwhile).
    Answer {
        generation: u64,
        action: Box<Action>,
    },
    /// The library worker brought the index up to date after the first frame.
    Synced(Box<super::state::Synced>),
    /// What the event loop read or wrote for the library actors view.
    Identities(Box<super::state::Identities>),
    Resize {
        width: u16,
        height: u16,
    },
    Click {
        column: u16,
        row: u16,
    },
    Scroll {
        column: u16,
        row: u16,
        down: bool,
    },
    /// The mouse moved with the left button down (after a `Click`).
    Drag {
        column: u16,
        row: u16,
    },
}

impl From<Command> for Action {
    fn from(c: Command) -> Action {
        Action::Command(c)
    }
}
