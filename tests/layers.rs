//! The layering of docs/architecture.md, checked on the source: command-line
//! glue stays in `commands/`, `annotations` does not reach up into `export`, and
//! only `fetch` talks to the network.

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
