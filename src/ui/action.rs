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
    ($($variant:ident => $name:literal, $context:ident, $help:literal;)+) => {
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
            /// Where the command's keys work (see [`KeyContext`]).
            pub fn context(self) -> KeyContext {
                match self { $(Command::$variant => KeyContext::$context),+ }
            }
            pub fn from_name(name: &str) -> Option<Command> {
                match name { $($name => Some(Command::$variant),)+ _ => None }
            }
        }
    };
}

commands! {
    Quit => "quit", Reader, "quit the reader";
    Suspend => "suspend", Reader, "suspend to the shell (`fg` comes back)";
    Help => "help", Reader, "show or hide this help";
    FocusNext => "focus_next", Reader, "focus the next pane";
    FocusPrev => "focus_prev", Reader, "focus the previous pane";
    FocusSections => "focus_sections", Reader, "focus Sections";
    FocusActors => "focus_actors", Reader, "focus Actors";
    FocusClaims => "focus_claims", Reader, "focus Claims";
    FocusText => "focus_text", Reader, "focus Text";
    Down => "down", Reader, "move down / scroll down a line";
    Up => "up", Reader, "move up / scroll up a line";
    Top => "top", Reader, "go to the top";
    Bottom => "bottom", Reader, "go to the bottom";
    PageDown => "page_down", Reader, "page down";
    PageUp => "page_up", Reader, "page up";
    HalfPageDown => "half_page_down", Reader, "half a page down";
    HalfPageUp => "half_page_up", Reader, "half a page up";
    Follow => "follow", Reader, "follow: section → text, actor → its claims, claim → speaker";
    Back => "back", Reader, "go back in history";
    Forward => "forward", Reader, "go forward in history";
    Filter => "filter", Reader, "filter the list as you type (search in Text)";
    Clear => "clear", Reader, "clear the filter, search or selection; close overlays";
    NextMatch => "next_match", Reader, "next mention of the actor (next search match in Text)";
    PrevMatch => "prev_match", Reader, "previous mention of the actor (previous match in Text)";
    ToggleClaimFilter => "toggle_claim_filter", Reader, "claims: the selected actor's only / all";
    SortActors => "sort_actors", Reader, "actors: sort by kind, mentions or name";
    FollowRelated => "follow_related", Reader, "follow the claim related to the selected one";
    Picker => "picker", Reader, "switch briefing";
    Annotate => "annotate", Reader, "annotate the selected claim (credibility, note, tags)";
    AnnotationFilter => "annotation_filter", Reader, "claims: annotated / by credibility / by tag / all";
    Orphans => "orphans", Reader, "list orphaned annotations and re-attach them";
    Search => "search", Reader, "search every briefing of the library; Enter opens a hit";
    Timeline => "timeline", Reader, "dated claims of the library in date order; Enter opens one";
    LibraryActors => "library_actors", Reader, "every actor across the library; Enter lists its briefings and claims";
    Mark => "mark", Reader, "library actors: mark an actor to merge it with another";
    Merge => "merge", Reader, "library actors: merge the marked actor with this one";
    Split => "split", Reader, "library actors: split this briefing's actor out of the actor shown";
    GradeActor => "grade_actor", Reader, "grade the selected actor's reliability (A-F)";
    Details => "details", Reader, "the selected claim in full: text, speaker, id, annotation";
    DoubtFilter => "doubt_filter", Reader, "claims: only those whose speaker is in doubt / all";
    Select => "select", Reader, "select words in Text (the sentence being read) to add a claim";
    SelectRight => "select_right", Reader, "selection: move its end a word right";
    SelectLeft => "select_left", Reader, "selection: move its end a word left";
    SelectNextSentence => "select_next_sentence", Reader, "selection: move its end to the next sentence";
    SelectPrevSentence => "select_prev_sentence", Reader, "selection: move its end to the previous sentence";
    SelectOtherEnd => "select_other_end", Reader, "selection: move the other end (start / end)";
    AddClaim => "add_claim", Reader, "add a claim for the selected words: speaker, then kind";
    Edit => "edit", Reader, "correct the selected claim, actor or section heading (writes the file)";
    Undo => "undo", Reader, "undo this session's last edit of the briefing";
    Redo => "redo", Reader, "redo the edit last undone";
    EditorSave => "editor_save", Editor, "editor: save";
    EditorCancel => "editor_cancel", Editor, "editor: cancel (asks if something was typed)";
    EditorNextField => "editor_next_field", Editor, "editor: next field";
    EditorPrevField => "editor_prev_field", Editor, "editor: previous field";
    EditorDelete => "editor_delete", Editor, "editor: delete the annotation or grade";
    ClaimSpeaker => "claim_speaker", ClaimMenu, "claim menu: the speaker (pick an actor)";
    ClaimKind => "claim_kind", ClaimMenu, "claim menu: the kind (quote, paraphrase, report)";
    ClaimDate => "claim_date", ClaimMenu, "claim menu: the date";
    ClaimVia => "claim_via", ClaimMenu, "claim menu: via whom it was reported";
    ClaimChecked => "claim_checked", ClaimMenu, "claim menu: checked (the speaker is no longer in doubt)";
    ClaimDelete => "claim_delete", ClaimMenu, "claim menu: delete the claim (asks first)";
    ActorName => "actor_name", ActorMenu, "actor menu: the name";
    ActorAliases => "actor_aliases", ActorMenu, "actor menu: the aliases";
    ActorKind => "actor_kind", ActorMenu, "actor menu: the kind";
    ActorRole => "actor_role", ActorMenu, "actor menu: the role";
    ActorMerge => "actor_merge", ActorMenu, "actor menu: merge into another actor";
    ActorDelete => "actor_delete", ActorMenu, "actor menu: delete the actor (asks first)";
    KindQuote => "kind_quote", ClaimKindMenu, "kind of claim: quote";
    KindParaphrase => "kind_paraphrase", ClaimKindMenu, "kind of claim: paraphrase";
    KindReport => "kind_report", ClaimKindMenu, "kind of claim: report";
    KindPerson => "kind_person", ActorKindMenu, "kind of actor: person";
    KindState => "kind_state", ActorKindMenu, "kind of actor: state";
    KindOrganisation => "kind_organisation", ActorKindMenu, "kind of actor: organisation";
    KindGroup => "kind_group", ActorKindMenu, "kind of actor: group";
    KindOther => "kind_other", ActorKindMenu, "kind of actor: other";
}

/// Where a command's keys work. Keys are unique within a context, so the
/// editors' and the edit menus' keys may be the same as the reader's (Tab moves
/// between fields in an editor; `s` picks the speaker in a claim's menu).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyContext {
    Reader,
    /// The annotation and grade editors.
    Editor,
    /// The menu of a claim (`e` on a claim).
    ClaimMenu,
    /// The menu of an actor (`e` on an actor).
    ActorMenu,
    /// The kinds of claim (from the claim menu, or for a claim being added).
    ClaimKindMenu,
    /// The kinds of actor (from the actor menu, or for a new actor).
    ActorKindMenu,
}

impl Command {
    /// Commands that only work inside the annotation and grade editors.
    pub fn in_editor(self) -> bool {
        self.context() == KeyContext::Editor
    }

    /// An item of an edit menu: chooses it while that menu is open.
    pub fn in_menu(self) -> bool {
        !matches!(self.context(), KeyContext::Reader | KeyContext::Editor)
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
