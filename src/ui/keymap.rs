//! Key bindings: the defaults from `keys.toml`, patched by `[keys]` in the user's
//! config. The help overlay and the status-bar hints are generated from here.

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::config::Config;
use crate::diagnostic::Diagnostic;

use super::action::{Command, KeyContext};

const DEFAULTS: &str = include_str!("keys.toml");

/// A key with its modifiers, normalised so that `G` and `shift-g` are the same key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

impl Key {
    pub fn new(code: KeyCode, mods: KeyModifiers) -> Key {
        let mut mods = mods & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        let code = match code {
            KeyCode::Tab if mods.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
            // Ctrl-letters arrive lowercase from most terminals, uppercase from some.
            KeyCode::Char(c) if mods.contains(KeyModifiers::CONTROL) => KeyCode::Char(c.to_ascii_lowercase()),
            other => other,
        };
        if matches!(code, KeyCode::Char(_) | KeyCode::BackTab) {
            // The character already says whether shift was held.
            mods.remove(KeyModifiers::SHIFT);
        }
        Key { code, mods }
    }

    pub fn from_event(event: &KeyEvent) -> Key {
        Key::new(event.code, event.modifiers)
    }

    /// Parses `q`, `G`, `ctrl-c`, `shift-tab`, `pagedown`, `alt-left`, `f5`.
    pub fn parse(spec: &str) -> Result<Key, String> {
        let bad =
            || format!("`{spec}` is not a key (examples: \"q\", \"G\", \"ctrl-d\", \"enter\", \"pagedown\")");
        if spec.chars().count() == 1 {
            let c = spec.chars().next().ok_or_else(bad)?;
            return Ok(Key::new(KeyCode::Char(c), KeyModifiers::NONE));
        }
        let mut mods = KeyModifiers::NONE;
        let mut rest = spec;
        loop {
            let lower = rest.to_ascii_lowercase();
            let (prefix, m) = if lower.starts_with("ctrl-") {
                ("ctrl-", KeyModifiers::CONTROL)
            } else if lower.starts_with("alt-") {
                ("alt-", KeyModifiers::ALT)
            } else if lower.starts_with("shift-") {
                ("shift-", KeyModifiers::SHIFT)
            } else {
                break;
            };
            if rest.len() == prefix.len() {
                break; // "ctrl-" alone, or "alt--"
            }
            mods |= m;
            rest = &rest[prefix.len()..];
        }
        let code = if rest.chars().count() == 1 {
            let c = rest.chars().next().ok_or_else(bad)?;
            if mods.contains(KeyModifiers::SHIFT) && c.is_ascii_alphabetic() {
                mods.remove(KeyModifiers::SHIFT);
                KeyCode::Char(c.to_ascii_uppercase())
            } else {
                KeyCode::Char(c)
            }
        } else {
            match rest.to_ascii_lowercase().as_str() {
                "enter" | "return" => KeyCode::Enter,
                "esc" | "escape" => KeyCode::Esc,
                "tab" => KeyCode::Tab,
                "backtab" => KeyCode::BackTab,
                "backspace" => KeyCode::Backspace,
                "delete" | "del" => KeyCode::Delete,
                "insert" | "ins" => KeyCode::Insert,
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                "pageup" | "pgup" => KeyCode::PageUp,
                "pagedown" | "pgdn" | "pgdown" => KeyCode::PageDown,
                "space" => KeyCode::Char(' '),
                "minus" => KeyCode::Char('-'),
                f if f.starts_with('f') => match f[1..].parse::<u8>() {
                    Ok(n @ 1..=12) => KeyCode::F(n),
                    _ => return Err(bad()),
                },
                _ => return Err(bad()),
            }
        };
        Ok(Key::new(code, mods))
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.mods.contains(KeyModifiers::CONTROL) {
            f.write_str("Ctrl-")?;
        }
        if self.mods.contains(KeyModifiers::ALT) {
            f.write_str("Alt-")?;
        }
        if self.mods.contains(KeyModifiers::SHIFT) {
            f.write_str("Shift-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Enter => f.write_str("Enter"),
            KeyCode::Esc => f.write_str("Esc"),
            KeyCode::Tab => f.write_str("Tab"),
            KeyCode::BackTab => f.write_str("Shift-Tab"),
            KeyCode::Backspace => f.write_str("Backspace"),
            KeyCode::Delete => f.write_str("Del"),
            KeyCode::Insert => f.write_str("Ins"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::Home => f.write_str("Home"),
            KeyCode::End => f.write_str("End"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::PageDown => f.write_str("PgDn"),
            KeyCode::F(n) => write!(f, "F{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

/// Which command each key runs, and the keys of each command (in binding order).
#[derive(Debug, Clone)]
pub struct Keymap {
    /// By context: the editors and the edit menus may reuse the reader's keys.
    by_key: HashMap<(KeyContext, Key), Command>,
    by_command: BTreeMap<Command, Vec<Key>>,
}

impl Default for Keymap {
    fn default() -> Self {
        Keymap::parse_defaults()
    }
}

impl Keymap {
    fn parse_defaults() -> Keymap {
        let table: BTreeMap<String, crate::config::KeyList> = toml::from_str(DEFAULTS).unwrap_or_default();
        let mut by_command = BTreeMap::new();
        for (name, keys) in &table {
            if let Some(command) = Command::from_name(name) {
                let keys: Vec<Key> = keys.keys().iter().filter_map(|k| Key::parse(k).ok()).collect();
                by_command.insert(command, keys);
            }
        }
        Keymap::from_commands(by_command)
    }

    fn from_commands(by_command: BTreeMap<Command, Vec<Key>>) -> Keymap {
        let mut by_key = HashMap::new();
        for (command, keys) in &by_command {
            for key in keys {
                by_key.insert((command.context(), *key), *command);
            }
        }
        Keymap { by_key, by_command }
    }

    /// The defaults patched by the config's `[keys]`. A user binding replaces the
    /// command's default keys and takes its keys away from other commands' defaults.
    /// Unknown commands, bad keys and keys bound twice are reported with their place.
    pub fn from_config(config: &Config) -> Result<Keymap, Vec<Diagnostic>> {
        let mut by_command = Keymap::parse_defaults().by_command;
        let mut errors = Vec::new();
        // Keys are unique within a context (the reader, the editors, each edit menu).
        let mut user: HashMap<(KeyContext, Key), Command> = HashMap::new();
        let mut patched: Vec<(Command, Vec<Key>)> = Vec::new();
        for setting in &config.keys {
            let Some(command) = Command::from_name(&setting.name) else {
                let names: Vec<&str> = Command::ALL.iter().map(|c| c.name()).collect();
                errors.push(config.diagnostic(
                    &setting.span,
                    format!(
                        "unknown action `{}` in [keys]; actions are: {}",
                        setting.name,
                        names.join(", ")
                    ),
                ));
                continue;
            };
            let mut keys = Vec::new();
            for spec in setting.value.keys() {
                match Key::parse(spec) {
                    Ok(key) => {
                        if let Some(other) = user.insert((command.context(), key), command)
                            && other != command
                        {
                            errors.push(config.diagnostic(
                                &setting.span,
                                format!(
                                    "key `{spec}` is bound to both `{}` and `{}`",
                                    other.name(),
                                    command.name()
                                ),
                            ));
                        }
                        keys.push(key);
                    }
                    Err(message) => errors.push(
                        config.diagnostic(&setting.span, format!("[keys] {}: {message}", setting.name)),
                    ),
                }
            }
            patched.push((command, keys));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        for (command, keys) in by_command.iter_mut() {
            keys.retain(|k| !user.contains_key(&(command.context(), *k)));
        }
        for (command, keys) in patched {
            by_command.insert(command, keys);
        }
        Ok(Keymap::from_commands(by_command))
    }

    /// The reader's command of a key.
    pub fn command(&self, key: Key) -> Option<Command> {
        self.in_context(KeyContext::Reader, key)
    }

    /// The editor command of a key, while an editor is open.
    pub fn editor_command(&self, key: Key) -> Option<Command> {
        self.in_context(KeyContext::Editor, key)
    }

    /// The command of a key where `context`'s keys apply.
    pub fn in_context(&self, context: KeyContext, key: Key) -> Option<Command> {
        self.by_key.get(&(context, key)).copied()
    }

    pub fn keys(&self, command: Command) -> &[Key] {
        self.by_command.get(&command).map_or(&[], Vec::as_slice)
    }

    /// The first key of a command, for hints ("" if unbound).
    pub fn first(&self, command: Command) -> String {
        self.keys(command)
            .first()
            .map(ToString::to_string)
            .unwrap_or_default()
    }

    /// All keys of a command, for the help ("unbound" if none).
    pub fn describe(&self, command: Command) -> String {
        let keys = self.keys(command);
        if keys.is_empty() {
            "unbound".to_string()
        } else {
            keys.iter().map(ToString::to_string).collect::<Vec<_>>().join(" ")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn every_command_has_a_default_key() {
        let map = Keymap::default();
        for &c in Command::ALL {
            assert!(!map.keys(c).is_empty(), "{} has no default key", c.name());
        }
        assert_eq!(map.command(Key::parse("G").unwrap()), Some(Command::Bottom));
        assert_eq!(
            map.command(Key::new(KeyCode::Char('G'), KeyModifiers::SHIFT)),
            Some(Command::Bottom)
        );
        assert_eq!(
            map.command(Key::new(KeyCode::Char('c'), KeyModifiers::CONTROL)),
            Some(Command::Quit)
        );
        assert_eq!(
            map.command(Key::new(KeyCode::Tab, KeyModifiers::SHIFT)),
            Some(Command::FocusPrev)
        );
    }

    #[test]
    fn editor_keys_live_beside_the_readers() {
        let map = Keymap::default();
        let tab = Key::parse("tab").unwrap();
        assert_eq!(map.command(tab), Some(Command::FocusNext));
        assert_eq!(map.editor_command(tab), Some(Command::EditorNextField));
        assert_eq!(
            map.command(Key::parse("ctrl-d").unwrap()),
            Some(Command::HalfPageDown)
        );
        assert_eq!(
            map.editor_command(Key::parse("ctrl-d").unwrap()),
            Some(Command::EditorDelete)
        );
        assert_eq!(map.command(Key::parse("ctrl-s").unwrap()), None);
        // Rebinding an editor key leaves the reader's binding of that key alone.
        let map = Keymap::from_config(&config("[keys]\neditor_save = \"tab\"\n")).unwrap();
        assert_eq!(map.command(tab), Some(Command::FocusNext));
        assert_eq!(map.editor_command(tab), Some(Command::EditorSave));
        assert_eq!(map.describe(Command::EditorNextField), "unbound");
    }

    #[test]
    fn each_edit_menu_has_its_own_keys() {
        use crate::ui::action::KeyContext;
        let map = Keymap::default();
        let s = Key::parse("s").unwrap();
        assert_eq!(map.command(s), Some(Command::SortActors));
        assert_eq!(
            map.in_context(KeyContext::ClaimMenu, s),
            Some(Command::ClaimSpeaker)
        );
        assert_eq!(
            map.in_context(KeyContext::ActorKindMenu, s),
            Some(Command::KindState)
        );
        assert_eq!(map.in_context(KeyContext::ActorMenu, s), None);
        // Taking a key within one menu leaves the reader and the other menus alone.
        let map = Keymap::from_config(&config("[keys]\nclaim_delete = \"s\"\n")).unwrap();
        assert_eq!(
            map.in_context(KeyContext::ClaimMenu, s),
            Some(Command::ClaimDelete)
        );
        assert_eq!(map.describe(Command::ClaimSpeaker), "unbound");
        assert_eq!(map.command(s), Some(Command::SortActors));
        assert_eq!(
            map.in_context(KeyContext::ActorKindMenu, s),
            Some(Command::KindState)
        );
        assert_eq!(map.describe(Command::ActorDelete), "x");
    }

    #[test]
    fn a_key_bound_twice_in_one_menu_is_reported_but_not_across_menus() {
        let errors =
            Keymap::from_config(&config("[keys]\nkind_quote = \"1\"\nkind_report = \"1\"\n")).unwrap_err();
        assert_eq!(errors.len(), 1);
        let headline = errors[0].headline();
        assert!(headline.starts_with("c.toml:3:1"), "{headline}");
        assert!(
            headline.contains("key `1` is bound to both `kind_quote` and `kind_report`"),
            "{headline}"
        );
        // The same key in two menus, and as a reader key, is fine.
        let map = Keymap::from_config(&config("[keys]\nkind_quote = \"1\"\nkind_person = \"1\"\n")).unwrap();
        assert_eq!(map.describe(Command::KindQuote), "1");
        assert_eq!(map.describe(Command::KindPerson), "1");
        assert_eq!(
            map.command(Key::parse("1").unwrap()),
            Some(Command::FocusSections)
        );
    }

    #[test]
    fn keys_parse_and_display() {
        assert_eq!(Key::parse("ctrl-d").unwrap().to_string(), "Ctrl-d");
        assert_eq!(Key::parse("shift-g").unwrap(), Key::parse("G").unwrap());
        assert_eq!(Key::parse("pagedown").unwrap().to_string(), "PgDn");
        assert_eq!(Key::parse("f5").unwrap().code, KeyCode::F(5));
        assert!(Key::parse("ctrl-").is_err());
        assert!(Key::parse("hyper-x").is_err());
        assert!(Key::parse("f13").is_err());
    }

    fn config(src: &str) -> Config {
        Config::parse(Path::new("c.toml"), src.into(), Path::new("/d")).unwrap()
    }

    #[test]
    fn user_keys_replace_defaults_and_steal_keys() {
        let map = Keymap::from_config(&config("[keys]\nquit = \"x\"\nhelp = [\"h\", \"q\"]\n")).unwrap();
        assert_eq!(map.command(Key::parse("x").unwrap()), Some(Command::Quit));
        assert_eq!(map.command(Key::parse("q").unwrap()), Some(Command::Help));
        assert_eq!(map.command(Key::parse("ctrl-c").unwrap()), None);
        assert_eq!(map.describe(Command::Help), "h q");
    }

    #[test]
    fn bad_keys_and_actions_are_reported_with_their_place() {
        let errors = Keymap::from_config(&config("[keys]\nquit = \"x\"\nfly = \"f\"\nhelp = \"hyper-h\"\n"))
            .unwrap_err();
        assert_eq!(errors.len(), 2);
        let all: Vec<String> = errors.iter().map(|d| d.headline()).collect();
        assert!(
            all.iter()
                .any(|h| h.starts_with("c.toml:3:1") && h.contains("unknown action `fly`")),
            "{all:?}"
        );
        assert!(
            all.iter()
                .any(|h| h.starts_with("c.toml:4:1") && h.contains("hyper-h")),
            "{all:?}"
        );
        let errors = Keymap::from_config(&config("[keys]\nquit = \"x\"\nhelp = \"x\"\n")).unwrap_err();
        assert!(errors[0].headline().contains("bound to both"));
    }
}
