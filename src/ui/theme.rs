//! Named styles. Defaults use modifiers and the 16 ANSI colours so they read on
//! dark and light terminals; `[theme]` in config.toml overrides them
//! ("bold magenta", "black on yellow", "underlined", "#ff8800"); with `NO_COLOR`
//! set only the modifiers remain.

use ratatui::style::{Color, Modifier, Style};

use crate::config::Config;
use crate::diagnostic::Diagnostic;

macro_rules! theme {
    ($($field:ident = $default:literal, $help:literal;)+) => {
        /// Every style the reader draws with.
        #[derive(Debug, Clone, PartialEq, Eq)]
        pub struct Theme { $(pub $field: Style),+ }

        impl Theme {
            /// Style names, defaults and what they colour, for the docs and the checks.
            pub const NAMES: &'static [(&'static str, &'static str, &'static str)] =
                &[$((stringify!($field), $default, $help)),+];

            fn field(&mut self, name: &str) -> Option<&mut Style> {
                match name { $(stringify!($field) => Some(&mut self.$field),)+ _ => None }
            }

            fn defaults() -> Theme {
                Theme { $($field: parse_style($default).unwrap_or_default()),+ }
            }

            fn styles_mut(&mut self) -> Vec<&mut Style> {
                vec![$(&mut self.$field),+]
            }
        }
    };
}

theme! {
    title = "bold reversed", "the title bar";
    status = "", "the status bar";
    key = "bold cyan", "key names in hints";
    message = "bold", "status messages";
    error = "bold red", "error messages";
    border = "dim", "pane borders";
    border_focused = "bold cyan", "the focused pane's border and title";
    selected = "reversed", "the selected row of the focused list";
    selected_unfocused = "bold underlined", "the selected row of other lists";
    mark = "bold magenta", "marks on rows linked to the selection";
    dim = "dim", "secondary text: kinds, dates, counts";
    heading = "bold", "section headings in the text";
    mention = "cyan", "actor mentions in the text";
    mention_selected = "bold magenta", "mentions of the selected actor";
    mention_current = "bold magenta reversed", "the mention reached with n / N";
    claim = "underlined", "claim spans in the text";
    claim_selected = "bold underlined", "the selected claim in the text";
    gutter = "bold magenta", "the bar beside the selected claim";
    search = "black on yellow", "search matches";
    search_current = "bold reversed", "the current search match";
    selection = "reversed", "words selected in the text (v), to add a claim";
    input = "bold", "the filter being typed";
    annotation = "bold yellow", "annotation marks, grades and notes";
    doubt = "bold red", "the mark of a claim whose speaker is in doubt, and the reason";
    field_focused = "bold reversed", "the editor field being edited";
}

impl Default for Theme {
    fn default() -> Self {
        Theme::defaults()
    }
}

impl Theme {
    /// The defaults patched by `[theme]`; bad names or styles are reported with their place.
    pub fn from_config(config: &Config, no_color: bool) -> Result<Theme, Vec<Diagnostic>> {
        let mut theme = Theme::defaults();
        let mut errors = Vec::new();
        for setting in &config.theme {
            let parsed = parse_style(&setting.value);
            match (theme.field(&setting.name), parsed) {
                (None, _) => {
                    let names: Vec<&str> = Theme::NAMES.iter().map(|n| n.0).collect();
                    errors.push(config.diagnostic(
                        &setting.span,
                        format!(
                            "unknown style `{}` in [theme]; styles are: {}",
                            setting.name,
                            names.join(", ")
                        ),
                    ));
                }
                (Some(_), Err(message)) => {
                    errors.push(
                        config.diagnostic(&setting.span, format!("[theme] {}: {message}", setting.name)),
                    );
                }
                (Some(style), Ok(parsed)) => *style = parsed,
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        if no_color {
            theme = theme.without_colours();
        }
        Ok(theme)
    }

    /// The same styles with every colour removed (for `NO_COLOR`).
    pub fn without_colours(mut self) -> Theme {
        for style in self.styles_mut() {
            style.fg = None;
            style.bg = None;
            style.underline_color = None;
        }
        self
    }
}

/// Whether the environment asks for no colour (`NO_COLOR` set and not empty).
pub fn no_color_requested() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// Parses "[modifiers] [colour] [on colour]": `bold magenta`, `black on yellow`, `reversed`.
pub fn parse_style(spec: &str) -> Result<Style, String> {
    let mut style = Style::default();
    let mut background = false;
    for word in spec.split_whitespace() {
        let lower = word.to_ascii_lowercase();
        if lower == "on" {
            background = true;
            continue;
        }
        let modifier = match lower.as_str() {
            "bold" => Some(Modifier::BOLD),
            "dim" => Some(Modifier::DIM),
            "italic" => Some(Modifier::ITALIC),
            "underline" | "underlined" => Some(Modifier::UNDERLINED),
            "reverse" | "reversed" => Some(Modifier::REVERSED),
            "crossed" | "crossed-out" | "strikethrough" => Some(Modifier::CROSSED_OUT),
            "blink" => Some(Modifier::SLOW_BLINK),
            _ => None,
        };
        if let Some(m) = modifier {
            style = style.add_modifier(m);
            continue;
        }
        let colour = parse_colour(&lower).ok_or_else(|| {
            format!(
                "`{word}` is not a modifier (bold, dim, italic, underlined, reversed) or colour \
                 (black, red, green, yellow, blue, magenta, cyan, gray, the light- variants, white, \
                 default, 0-255, #rrggbb)"
            )
        })?;
        if background {
            style = style.bg(colour);
        } else {
            style = style.fg(colour);
        }
    }
    Ok(style)
}

fn parse_colour(word: &str) -> Option<Color> {
    let word = word.replace(['-', '_'], "");
    Some(match word.as_str() {
        "default" | "reset" => Color::Reset,
        "black" => Color::Black,
        "red" => Color::Red,
        "green" => Color::Green,
        "yellow" => Color::Yellow,
        "blue" => Color::Blue,
        "magenta" => Color::Magenta,
        "cyan" => Color::Cyan,
        "gray" | "grey" => Color::Gray,
        "darkgray" | "darkgrey" | "brightblack" => Color::DarkGray,
        "lightred" | "brightred" => Color::LightRed,
        "lightgreen" | "brightgreen" => Color::LightGreen,
        "lightyellow" | "brightyellow" => Color::LightYellow,
        "lightblue" | "brightblue" => Color::LightBlue,
        "lightmagenta" | "brightmagenta" => Color::LightMagenta,
        "lightcyan" | "brightcyan" => Color::LightCyan,
        "white" | "brightwhite" => Color::White,
        hex if hex.starts_with('#') && hex.len() == 7 => {
            let n = u32::from_str_radix(&hex[1..], 16).ok()?;
            Color::Rgb((n >> 16) as u8, (n >> 8) as u8, n as u8)
        }
        n => Color::Indexed(n.parse().ok()?),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn styles_parse() {
        assert_eq!(
            parse_style("bold black on yellow").unwrap(),
            Style::default()
                .add_modifier(Modifier::BOLD)
                .fg(Color::Black)
                .bg(Color::Yellow)
        );
        assert_eq!(parse_style("#ff8000").unwrap().fg, Some(Color::Rgb(255, 128, 0)));
        assert_eq!(parse_style("light-red").unwrap().fg, Some(Color::LightRed));
        assert!(parse_style("sparkly").is_err());
        for (name, default, _) in Theme::NAMES {
            assert!(parse_style(default).is_ok(), "default of {name}");
        }
    }

    #[test]
    fn theme_overrides_are_checked() {
        let cfg = |src: &str| Config::parse(Path::new("c.toml"), src.into(), Path::new("/d")).unwrap();
        let theme = Theme::from_config(&cfg("[theme]\nheading = \"bold blue\"\n"), false).unwrap();
        assert_eq!(theme.heading.fg, Some(Color::Blue));
        let errors =
            Theme::from_config(&cfg("[theme]\nheding = \"bold\"\nmention = \"glow\"\n"), false).unwrap_err();
        assert_eq!(errors.len(), 2);
        assert!(
            errors[0].headline().starts_with("c.toml:2:1"),
            "{}",
            errors[0].headline()
        );
    }

    #[test]
    fn no_color_keeps_only_modifiers() {
        let theme = Theme::default().without_colours();
        assert_eq!(theme.search.bg, None);
        assert!(theme.mention_current.add_modifier.contains(Modifier::REVERSED));
        assert_eq!(theme.mention.fg, None);
    }
}
