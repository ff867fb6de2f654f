//! The layering of docs/architecture.md, checked on the source: every module
//! uses only the layers below it (and the few one-way uses within a layer
//! listed here), command-line glue stays in `commands/`, `main.rs` is thin,
//! `annotations` does not reach up into `export`, and only `fetch` talks to
//! the network.

use std::path::Path;

fn sources(dir: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut stack = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join(dir)];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push((
                    path.display().to_string(),
                    std::fs::read_to_string(&path).unwrap(),
                ));
            }
        }
    }
    assert!(!out.is_empty(), "no sources in {dir}");
    out
}

#[test]
fn clap_arguments_are_read_only_in_commands() {
    for dir in [
        "src/annotations",
        "src/edit",
        "src/import",
        "src/load.rs",
        "src/export.rs",
        "src/model.rs",
    ] {
        let files = if dir.ends_with(".rs") {
            let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
            vec![(dir.to_string(), std::fs::read_to_string(path).unwrap())]
        } else {
            sources(dir)
        };
        for (path, text) in files {
            assert!(!text.contains("crate::cli"), "{path} uses the clap declarations");
            assert!(!text.contains("eprintln!"), "{path} prints to stderr itself");
        }
    }
}

#[test]
fn annotations_do_not_use_export() {
    for (path, text) in sources("src/annotations") {
        assert!(
            !text.contains("crate::export"),
            "{path} uses export, which uses annotations"
        );
    }
}

#[test]
fn each_command_has_its_file() {
    for name in [
        "list",
        "show",
        "check",
        "import",
        "annotate",
        "annotations",
        "search",
        "actors",
        "timeline",
        "index",
        "edit",
    ] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("src/commands/{name}.rs"));
        assert!(path.is_file(), "{} is missing", path.display());
    }
}

#[test]
fn edit_stays_below_the_reader_and_the_commands() {
    for (path, text) in sources("src/edit") {
        for upper in [
            "crate::ui",
            "crate::commands",
            "crate::library",
            "crate::annotations",
            "crate::export",
        ] {
            assert!(!text.contains(upper), "{path} uses {upper}");
        }
    }
    let atomic =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/atomic.rs")).unwrap();
    let uses: Vec<&str> = atomic.lines().filter(|l| l.contains("crate::")).collect();
    assert!(
        uses.is_empty(),
        "src/atomic.rs is the bottom layer of file writing: {uses:?}"
    );
}

#[test]
fn the_network_is_only_in_fetch() {
    for (path, text) in sources("src") {
        if !path.ends_with("src/fetch.rs") {
            assert!(
                !text.contains("ureq"),
                "{path} uses the HTTP client; fetching belongs in src/fetch.rs"
            );
        }
    }
    let fetch = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/fetch.rs")).unwrap();
    for upper in [
        "crate::ui",
        "crate::commands",
        "crate::cli",
        "crate::library",
        "crate::annotations",
        "eprintln!",
        "println!",
    ] {
        assert!(!fetch.contains(upper), "src/fetch.rs uses {upper}");
    }
}

/// The layers of docs/architecture.md, from the bottom. A module may use the
/// modules of lower layers; within a layer, only the edges listed in
/// `SAME_LAYER`.
const LAYERS: &[&[&str]] = &[
    &["model", "hash"],
    &["text"],
    &["diagnostic"],
    &["index"],
    &["load"],
    &["atomic", "config"],
    &["fetch", "export", "annotations", "import", "edit"],
    &["library"],
    &["ui", "commands", "cli"],
    &["app"],
];

/// Uses between modules of one layer, each one way only: the Markdown export
/// puts a claim's annotations under it; `import URL` fetches, then imports;
/// the commands read the clap declarations.
const SAME_LAYER: &[(&str, &str)] = &[
    ("export", "annotations"),
    ("fetch", "import"),
    ("commands", "cli"),
];

/// The source without comments and without its `#[cfg(test)] mod tests { … }`
/// (tests may build fixtures with any layer), wherever in the file it stands.
fn code_of(text: &str) -> String {
    let mut text = text.to_string();
    while let Some(at) = text.find("#[cfg(test)]\nmod tests {") {
        let open = at + text[at..].find('{').unwrap();
        let end = block_end(&text, open).expect("a test module whose braces close");
        text.replace_range(at..end, "");
    }
    text.lines()
        .map(|l| match l.find("//") {
            Some(at) => &l[..at],
            None => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The byte after the `}` closing the `{` at `open`, skipping braces in
/// string and character literals.
fn block_end(text: &str, open: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut depth = 0;
    let mut i = open;
    while i < bytes.len() {
        match bytes[i] {
            b'{' => depth += 1,
            b'}' => {
                depth -= 1;
                if depth == 0 {
                    return Some(i + 1);
                }
            }
            b'\'' if bytes.get(i + 2) == Some(&b'\'') => i += 2,
            b'"' => {
                // A raw string ends at `"` plus as many `#` as it opened with.
                let hashes = text[..i].chars().rev().take_while(|&c| c == '#').count();
                let raw = text[..i - hashes].ends_with('r');
                let close = format!("\"{}", "#".repeat(hashes));
                i += 1;
                while i < bytes.len() {
                    if !raw && bytes[i] == b'\\' {
                        i += 2;
                        continue;
                    }
                    if bytes[i..].starts_with(close.as_bytes()) {
                        i += close.len() - 1;
                        break;
                    }
                    i += 1;
                }
            }
            _ => {}
        }
        i += 1;
    }
    None
}

/// The top-level modules a piece of code names: `crate::x`, each name of
/// `crate::{x, y::z}`, and `super::x` where `super` climbs out to the crate
/// (`depth` is how deep the file's module is: 1 for `src/x.rs` or
/// `src/x/mod.rs`).
fn modules_used(code: &str, depth: usize) -> std::collections::BTreeSet<String> {
    let word = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    let mut used = std::collections::BTreeSet::new();
    for (at, _) in code.match_indices("crate::") {
        let rest = &code[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            // The names at the group's own level.
            let mut nesting = 0;
            let mut item = String::new();
            for c in group.chars() {
                match c {
                    '{' => nesting += 1,
                    '}' if nesting == 0 => break,
                    '}' => nesting -= 1,
                    ',' if nesting == 0 => {
                        used.insert(word(item.trim()));
                        item.clear();
                        continue;
                    }
                    _ => {}
                }
                if nesting == 0 {
                    item.push(c);
                }
            }
            used.insert(word(item.trim()));
        } else {
            used.insert(word(rest));
        }
    }
    for (at, _) in code.match_indices("super::") {
        // Only the first `super::` of a run.
        if code[..at].ends_with("super::") {
            continue;
        }
        let mut rest = &code[at..];
        let mut climbs = 0;
        while let Some(r) = rest.strip_prefix("super::") {
            climbs += 1;
            rest = r;
        }
        if climbs >= depth {
            used.insert(word(rest));
        }
    }
    used.remove("");
    used
}

/// Every source file of the library with its top-level module and depth.
fn library_files() -> Vec<(String, String, usize, String)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = Vec::new();
    for (path, text) in sources("src") {
        let rel = Path::new(&path).strip_prefix(&src).unwrap().with_extension("");
        let mut parts: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        if parts == ["lib"] || parts == ["main"] || parts.last().is_some_and(|p| p == "tests") {
            continue;
        }
        if parts.last().is_some_and(|p| p == "mod") {
            parts.pop();
        }
        out.push((path, parts[0].clone(), parts.len(), text));
    }
    out
}

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|layer| layer.contains(&module))
}

#[test]
fn every_module_uses_only_layers_below_it() {
    let mut problems = Vec::new();
    for (path, module, depth, text) in library_files() {
        let Some(own) = layer_of(&module) else {
            problems.push(format!("{path}: module `{module}` is in no layer of LAYERS"));
            continue;
        };
        for used in modules_used(&code_of(&text), depth) {
            let Some(theirs) = layer_of(&used) else {
                continue; // an item of the crate root, or not a module
            };
            let allowed = theirs < own
                || used == module
                || (theirs == own && SAME_LAYER.contains(&(module.as_str(), used.as_str())));
            if !allowed {
                problems.push(format!("{path}: `{module}` uses `{used}`"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_layer_table_is_acyclic_and_complete() {
    for (from, to) in SAME_LAYER {
        assert_eq!(layer_of(from), layer_of(to), "{from} and {to}");
        assert!(
            !SAME_LAYER.contains(&(to, from)),
            "{from} and {to} would use each other"
        );
    }
    let lib = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lib.rs")).unwrap();
    let declared: Vec<&str> = lib
        .lines()
        .filter_map(|l| l.strip_prefix("pub mod ")?.strip_suffix(';'))
        .collect();
    assert!(declared.len() > 10, "{declared:?}");
    for module in &declared {
        assert!(layer_of(module).is_some(), "`{module}` is in no layer");
    }
    for module in LAYERS.iter().copied().flatten() {
        assert!(declared.contains(module), "`{module}` is not a module");
    }
}

/// The scanner itself: grouped and nested imports, `super` out of the crate.
#[test]
fn the_scanner_finds_every_form_of_use() {
    let code = "use crate::{load::X, model::{a, b}, text};\nuse crate::index::Y;\nuse super::super::edit::Z;\nfn f() { super::g(); crate::config::h() }";
    let names = |depth| modules_used(code, depth).into_iter().collect::<Vec<_>>();
    assert_eq!(names(2), ["config", "edit", "index", "load", "model", "text"]);
    assert_eq!(
        names(1),
        ["config", "edit", "g", "index", "load", "model", "text"]
    );
    let code = code_of(
        "use crate::ui; // crate::commands\n#[cfg(test)]\nmod tests { use crate::app; fn f() { let _ = (\"}\", r#\"}\"#, '}'); } }\nuse crate::library;",
    );
    assert_eq!(
        modules_used(&code, 1).into_iter().collect::<Vec<_>>(),
        ["library", "ui"],
        "tests are left out, the code after them is not"
    );
}

/// Command-line glue lives in `commands/` (and `app`, `cli`, `main.rs`):
/// no other module names clap or the argument structs.
#[test]
fn only_the_command_line_modules_know_clap() {
    for (path, module, _, text) in library_files() {
        if ["cli", "commands", "app"].contains(&module.as_str()) {
            continue;
        }
        let code = code_of(&text);
        assert!(!code.contains("clap"), "{path} uses clap");
        assert!(!code.contains("crate::cli"), "{path} uses the clap declarations");
    }
}

/// `main.rs` parses the command line and hands over to `app`.
#[test]
fn main_is_thin() {
    let main = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/main.rs")).unwrap();
    let code = code_of(&main);
    assert!(code.lines().count() <= 15, "src/main.rs grew:\n{main}");
    for (at, _) in code.match_indices("briefing::") {
        let rest = &code[at + "briefing::".len()..];
        assert!(
            rest.starts_with("app::") || rest.starts_with("cli::"),
            "src/main.rs reaches past app and cli: {}",
            rest.lines().next().unwrap_or("")
        );
    }
}
