//! Web pages through the real binary: `briefing import page.html -o x.toml`, then
//! `briefing check x.toml`; a page on standard input; and the reader opening a
//! saved page read-only, imported in memory, in a pseudo-terminal.

mod common;

use std::path::{Path, PathBuf};

use common::cli::{in_dir as briefing, stderr, stdout};
use common::pty::{Session, temp_config};

fn page(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/html")
        .join(name)
}

#[test]
fn a_saved_page_imports_and_passes_the_check() {
    let dir = tempfile::tempdir().unwrap();
    let source = page("harbour-strike.html");
    let out = briefing(
        dir.path(),
        &["import", source.to_str().unwrap(), "-o", "x.toml"],
        None,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let said = stdout(&out);
    assert!(
        said.contains("Imported “Dock workers walk out as Port Almera talks collapse”"),
        "{said}"
    );
    assert!(
        said.contains("3 sections: (lead) · Ships turned away · What happens next"),
        "{said}"
    );
    assert!(!said.contains("publisher not found"), "{said}");

    let check = briefing(dir.path(), &["check", "x.toml"], None);
    assert!(check.status.success(), "{}{}", stdout(&check), stderr(&check));
    let toml = std::fs::read_to_string(dir.path().join("x.toml")).unwrap();
    assert!(
        toml.contains("publisher = \"The Coastal Ledger\"\npublished = \"2025-03-14\""),
        "{toml}"
    );
}

#[test]
fn a_page_on_standard_input_is_recognised_by_its_content() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = std::fs::read(page("windows-1252.html")).unwrap();
    let out = briefing(dir.path(), &["import", "-", "-o", "x.toml"], Some(&bytes));
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains("Imported “Cafés on the quay fight the new terrace fee” from standard input"),
        "{}",
        stdout(&out)
    );
    let toml = std::fs::read_to_string(dir.path().join("x.toml")).unwrap();
    assert!(toml.contains("Renée Lefèvre"), "{toml}");
    assert!(briefing(dir.path(), &["check", "x.toml"], None).status.success());
}

#[test]
fn the_reader_opens_a_saved_page_read_only() {
    let dir = tempfile::tempdir().unwrap();
    let config = temp_config(dir.path());
    let mut s = Session::start_on(&config, dir.path(), &page("harbour-strike.html"));
    s.wait_text("imported in memory from");
    // The header: the page's title, publisher and date.
    s.wait_text("Dock workers walk out as Port Almera talks collapse — The Coastal Ledger · 2025-03-14");
    s.wait_text("Ships turned away");
    s.wait_text("Lena Okafor");
    s.quit();
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name())
        .collect();
    assert!(
        left.iter().all(|n| n != "annotations"),
        "nothing written: {left:?}"
    );
}
