//! The docs name every key action and theme style, so they cannot drift from the code.

use briefing::ui::theme::Theme;

const CONFIG_DOC: &str = include_str!("../docs/config.md");
const KEYS: &str = include_str!("../src/ui/keys.toml");

#[test]
fn config_doc_lists_every_action() {
    let keys: toml::Table = toml::from_str(KEYS).unwrap();
    assert!(keys.len() > 20);
    for action in keys.keys() {
        assert!(
            CONFIG_DOC.contains(&format!("| `{action}` |")),
            "docs/config.md lacks the action `{action}`"
        );
    }
}

#[test]
fn config_doc_lists_every_theme_style() {
    for (name, _, _) in Theme::NAMES {
        assert!(
            CONFIG_DOC.contains(&format!("| `{name}` |")),
            "docs/config.md lacks the style `{name}`"
        );
    }
}

#[test]
fn readme_has_the_two_setup_commands() {
    let readme = include_str!("../README.md");
    assert!(readme.contains("cargo run --release"));
    assert!(readme.contains("cargo test"));
}
