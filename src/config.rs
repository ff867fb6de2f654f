//! The config file: where briefings and annotations live, mouse, theme and keys.
//!
//! Lookup order: `--config PATH`, then `$BRIEFING_CONFIG`, then `./config.toml`,
//! then the XDG config folder (`~/.config/briefing/config.toml`), then built-in defaults.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::diagnostic::Diagnostic;
use crate::load::decode;

pub const ENV_VAR: &str = "BRIEFING_CONFIG";
pub const FILE_NAME: &str = "config.toml";

/// A key binding value: one key or a list of them.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum KeyList {
    One(String),
    Many(Vec<String>),
}

impl KeyList {
    pub fn keys(&self) -> Vec<&str> {
        match self {
            KeyList::One(k) => vec![k.as_str()],
            KeyList::Many(ks) => ks.iter().map(String::as_str).collect(),
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    briefings_dir: Option<PathBuf>,
    annotations_dir: Option<PathBuf>,
    index_path: Option<PathBuf>,
    mouse: Option<bool>,
    readonly: Option<bool>,
    max_file_mb: Option<Spanned<u64>>,
    #[serde(default)]
    theme: BTreeMap<Spanned<String>, Spanned<String>>,
    #[serde(default)]
    keys: BTreeMap<Spanned<String>, Spanned<KeyList>>,
}

/// A setting in the config file, with where it was written (for error messages).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Setting<T> {
    pub name: String,
    pub value: T,
    /// Byte range of the key in the config file.
    pub span: Range<usize>,
}

#[derive(Debug, Clone)]
pub struct Config {
    /// The file this came from; `None` for built-in defaults.
    pub path: Option<PathBuf>,
    source: String,
    pub briefings_dir: PathBuf,
    pub annotations_dir: PathBuf,
    /// The library index (a cache); `None`: one per briefings folder in the XDG cache folder.
    pub index_path: Option<PathBuf>,
    pub mouse: bool,
    /// `readonly = true` (or `--readonly`): briefings are never edited.
    pub readonly: bool,
    /// The largest briefing file read, in bytes (`max_file_mb`).
    pub max_file_bytes: u64,
    /// `[theme]`: style name to colour/style spec, interpreted by the reader.
    pub theme: Vec<Setting<String>>,
    /// `[keys]`: action name to keys, interpreted by the reader's keymap.
    pub keys: Vec<Setting<KeyList>>,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("config file {path} (from {origin}) cannot be read: {reason}")]
    Unreadable {
        path: PathBuf,
        origin: &'static str,
        reason: String,
    },
    #[error("{}", .0.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))]
    Invalid(Vec<Diagnostic>),
}

/// Where to look for a config file; split out so the lookup order can be tested
/// without touching the process environment.
#[derive(Debug, Clone, Default)]
pub struct Lookup {
    pub explicit: Option<PathBuf>,
    pub env: Option<PathBuf>,
    pub cwd: PathBuf,
    pub xdg_config_dir: Option<PathBuf>,
    pub xdg_data_dir: Option<PathBuf>,
}

impl Lookup {
    /// The real places: the flag, the environment, the working folder, XDG folders.
    pub fn from_environment(explicit: Option<PathBuf>) -> Lookup {
        let strategy = etcetera::choose_base_strategy().ok();
        Lookup {
            explicit,
            env: std::env::var_os(ENV_VAR)
                .filter(|v| !v.is_empty())
                .map(PathBuf::from),
            cwd: std::env::current_dir().unwrap_or_else(|_| PathBuf::from(".")),
            xdg_config_dir: strategy
                .as_ref()
                .map(|s| etcetera::BaseStrategy::config_dir(s).join("briefing")),
            xdg_data_dir: strategy
                .as_ref()
                .map(|s| etcetera::BaseStrategy::data_dir(s).join("briefing")),
        }
    }

    /// The file to read, and which rule picked it; `None` means built-in defaults.
    pub fn choose(&self) -> Option<(PathBuf, &'static str)> {
        if let Some(p) = &self.explicit {
            return Some((p.clone(), "--config"));
        }
        if let Some(p) = &self.env {
            return Some((p.clone(), ENV_VAR));
        }
        let local = self.cwd.join(FILE_NAME);
        if local.is_file() {
            return Some((local, "the current folder"));
        }
        let xdg = self.xdg_config_dir.as_ref()?.join(FILE_NAME);
        xdg.is_file().then_some((xdg, "the XDG config folder"))
    }

    fn data_dir(&self) -> PathBuf {
        self.xdg_data_dir
            .clone()
            .unwrap_or_else(|| self.cwd.join(".briefing"))
    }

    pub fn load(&self) -> Result<Config, ConfigError> {
        match self.choose() {
            None => Ok(Config::defaults(&self.data_dir())),
            Some((path, origin)) => {
                let bytes = std::fs::read(&path).map_err(|e| ConfigError::Unreadable {
                    path: path.clone(),
                    origin,
                    reason: e.to_string(),
                })?;
                let source = decode(&path, &bytes).map_err(ConfigError::Invalid)?;
                Config::parse(&path, source, &self.data_dir()).map_err(ConfigError::Invalid)
            }
        }
    }
}

impl Config {
    pub fn defaults(data_dir: &Path) -> Config {
        Config {
            path: None,
            source: String::new(),
            briefings_dir: data_dir.join("briefings"),
            annotations_dir: data_dir.join("annotations"),
            index_path: None,
            mouse: true,
            readonly: false,
            max_file_bytes: crate::load::DEFAULT_MAX_BYTES,
            theme: Vec::new(),
            keys: Vec::new(),
        }
    }

    /// Parses a config file; relative paths resolve against the file's folder.
    pub fn parse(path: &Path, source: String, data_dir: &Path) -> Result<Config, Vec<Diagnostic>> {
        let raw: RawConfig = toml::from_str(&source).map_err(|e| {
            vec![Diagnostic::at_span(
                path,
                &source,
                e.span(),
                e.message().trim_end().replace('\n', " "),
            )]
        })?;
        let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let resolve = |p: PathBuf| expand_home(&base, p);
        let defaults = Config::defaults(data_dir);
        let max_file_bytes = match raw.max_file_mb {
            None => defaults.max_file_bytes,
            Some(mb) if (1..=1 << 20).contains(mb.get_ref()) => mb.get_ref() * 1024 * 1024,
            Some(mb) => {
                return Err(vec![Diagnostic::at(
                    path,
                    &source,
                    mb.span().start,
                    "`max_file_mb` must be a whole number of megabytes from 1 to 1048576",
                )]);
            }
        };
        Ok(Config {
            path: Some(path.to_path_buf()),
            briefings_dir: raw.briefings_dir.map(resolve).unwrap_or(defaults.briefings_dir),
            annotations_dir: raw
                .annotations_dir
                .map(resolve)
                .unwrap_or(defaults.annotations_dir),
            index_path: raw.index_path.map(resolve),
            mouse: raw.mouse.unwrap_or(true),
            readonly: raw.readonly.unwrap_or(false),
            max_file_bytes,
            theme: settings(raw.theme),
            keys: settings(raw.keys),
            source,
        })
    }

    /// A diagnostic pointing at a setting of this config file (for the reader's
    /// checks of `[theme]` and `[keys]`).
    pub fn diagnostic(&self, span: &Range<usize>, message: impl Into<String>) -> Diagnostic {
        let path = self.path.clone().unwrap_or_else(|| PathBuf::from(FILE_NAME));
        Diagnostic::at(&path, &self.source, span.start, message)
    }
}

fn settings<T>(map: BTreeMap<Spanned<String>, Spanned<T>>) -> Vec<Setting<T>> {
    map.into_iter()
        .map(|(k, v)| Setting {
            span: k.span(),
            name: k.into_inner(),
            value: v.into_inner(),
        })
        .collect()
}

fn expand_home(base: &Path, path: PathBuf) -> PathBuf {
    if let Ok(rest) = path.strip_prefix("~")
        && let Some(home) = etcetera::home_dir().ok()
    {
        return home.join(rest);
    }
    if path.is_absolute() { path } else { base.join(path) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_resolve_against_the_config_folder() {
        let cfg = Config::parse(
            Path::new("/etc/b/config.toml"),
            "briefings_dir = \"briefings\"\nannotations_dir = \"/var/notes\"\nmouse = false\n".into(),
            Path::new("/data"),
        )
        .unwrap();
        assert_eq!(cfg.briefings_dir, PathBuf::from("/etc/b/briefings"));
        assert_eq!(cfg.annotations_dir, PathBuf::from("/var/notes"));
        assert!(!cfg.mouse);
    }

    #[test]
    fn defaults_use_the_data_folder() {
        let cfg = Config::parse(
            Path::new("/x/config.toml"),
            String::new(),
            Path::new("/data/briefing"),
        )
        .unwrap();
        assert_eq!(cfg.briefings_dir, PathBuf::from("/data/briefing/briefings"));
        assert_eq!(cfg.annotations_dir, PathBuf::from("/data/briefing/annotations"));
        assert!(cfg.mouse);
    }

    #[test]
    fn unknown_keys_name_the_key_file_line_and_column() {
        let err = Config::parse(
            Path::new("c.toml"),
            "mouse = true\nbriefing_dir = \"x\"\n".into(),
            Path::new("/d"),
        )
        .unwrap_err();
        assert_eq!(err.len(), 1);
        let headline = err[0].headline();
        assert!(
            headline.starts_with("c.toml:2:1: unknown field `briefing_dir`"),
            "{headline}"
        );
    }

    #[test]
    fn keys_and_theme_keep_their_spans() {
        let src = "[keys]\nquit = [\"q\", \"ctrl-c\"]\nhelp = \"?\"\n[theme]\naccent = \"cyan\"\n";
        let cfg = Config::parse(Path::new("c.toml"), src.into(), Path::new("/d")).unwrap();
        assert_eq!(cfg.keys.len(), 2);
        let quit = cfg.keys.iter().find(|k| k.name == "quit").unwrap();
        assert_eq!(quit.value.keys(), vec!["q", "ctrl-c"]);
        assert_eq!(cfg.diagnostic(&quit.span, "x").line, 2);
        assert_eq!(cfg.theme[0].value, "cyan");
    }
}
