//! `briefing import URL` through the real binary, against a server on 127.0.0.1:
//! a page, redirects, and each way a fetch fails — one line on stderr, exit 1,
//! nothing written.

mod common;

use std::path::Path;
use std::process::{Output, Stdio};
use std::sync::OnceLock;

use common::cli::{isolated, stderr, stdout};
use common::http::{Reply, Server, closed_port};
use common::{repo, seed_article};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(repo().join("tests/fixtures").join(name)).unwrap()
}

/// The test site, shared by every test of this file.
fn site() -> &'static Server {
    static SITE: OnceLock<Server> = OnceLock::new();
    SITE.get_or_init(|| Server::start(route))
}

fn route(path: &str) -> Reply {
    if let Some(n) = path.strip_prefix("/hop/").and_then(|n| n.parse::<u32>().ok()) {
        // /hop/N takes N redirects to reach the page, with each kind of redirect.
        let status = [
            "301 Moved Permanently",
            "302 Found",
            "307 Temporary Redirect",
            "308 Permanent Redirect",
        ];
        return match n {
            0 => Reply::ok("text/html; charset=utf-8", fixture("web-harbour-strike.html")),
            _ => Reply::redirect(status[n as usize % 4], &format!("/hop/{}", n - 1)),
        };
    }
    match path {
        "/news/dockworkers-strike.html" => {
            Reply::ok("text/html; charset=utf-8", fixture("web-harbour-strike.html"))
        }
        "/cafes.html" => Reply::ok(
            "text/html; charset=windows-1252",
            fixture("web-cafes-windows-1252.html"),
        ),
        "/article.txt" => Reply::ok(
            "text/plain; charset=utf-8",
            std::fs::read(seed_article()).unwrap(),
        ),
        "/old/article" => Reply::redirect("301 Moved Permanently", "/article.txt"),
        "/council" => Reply::redirect("302 Found", "/2024/06/council-vote.html"),
        "/2024/06/council-vote.html" => Reply::ok("text/html", fixture("web-council-vote.html")),
        // ISO-8859-2 declared only by the server: read as Windows-1252, "Łódź" would be "£ód¼".
        "/lodz.html" => Reply::ok("text/html; charset=ISO-8859-2", lodz_page()),
        "/lodz.txt" => Reply::ok(
            "text/plain; charset=iso-8859-2",
            b"Mills of \xa3\xf3d\xbc\n\nThe mayor of \xa3\xf3d\xbc, Anna Nowak, said that forty firms had applied.\n"
                .to_vec(),
        ),
        "/report.pdf" => Reply::ok("application/pdf", b"%PDF-1.7 not an article".to_vec()),
        "/endless" => Reply::Endless("text/html"),
        "/trickle" => Reply::Trickle,
        "/stall" => Reply::Stall,
        _ => Reply::not_found(),
    }
}

fn lodz_page() -> Vec<u8> {
    let mut page = b"<!DOCTYPE html><html><head><title>Fabryki w \xa3odzi wracaj\xb1</title>\
        <meta property=\"og:site_name\" content=\"Kurier \xa3\xf3dzki\"></head><body><article>\
        <h1>Fabryki w \xa3odzi wracaj\xb1</h1>"
        .to_vec();
    for _ in 0..4 {
        page.extend_from_slice(
            b"<p>Old textile mills in \xa3\xf3d\xbc are being turned into workshops again, \
            and the city says that more than forty firms have applied for space this year.</p>",
        );
    }
    page.extend_from_slice(b"</article></body></html>");
    page
}

/// The binary, run in `dir` with a config whose briefings folder is `library`.
fn briefing(dir: &Path, args: &[&str]) -> Output {
    let config = dir.join("config.toml");
    if !config.exists() {
        std::fs::write(&config, "briefings_dir = \"library\"\n").unwrap();
    }
    let mut cmd = isolated(dir);
    for proxy in [
        "ALL_PROXY",
        "all_proxy",
        "HTTPS_PROXY",
        "https_proxy",
        "HTTP_PROXY",
        "http_proxy",
    ] {
        cmd.env_remove(proxy);
    }
    cmd.env("BRIEFING_CONFIG", &config)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    cmd.output().unwrap()
}

/// Imports `url` into `out.toml` expecting failure: exit 1, exactly one line on
/// stderr (returned), no output file and nothing in the briefings folder.
fn fails(url: &str, extra: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let mut args = vec!["import", url, "-o", "out.toml"];
    args.extend(extra);
    let out = briefing(dir.path(), &args);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{url}: {err}");
    assert_eq!(err.lines().count(), 1, "{url}: one line, got {err:?}");
    assert!(
        err.starts_with(&format!("briefing: cannot fetch {url}: ")),
        "{err}"
    );
    assert_eq!(stdout(&out), "", "{url}");
    assert!(!dir.path().join("out.toml").exists(), "{url}: a file was written");
    assert!(!dir.path().join("library").exists(), "{url}");
    err.trim_end().to_string()
}

#[test]
fn a_page_is_fetched_imported_and_passes_the_check() {
    let dir = tempfile::tempdir().unwrap();
    let url = site().url("/news/dockworkers-strike.html");
    let out = briefing(dir.path(), &["import", &url, "-o", "x.toml"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).contains(&format!("from {url} into x.toml")),
        "{}",
        stdout(&out)
    );
    let check = briefing(dir.path(), &["check", "x.toml"]);
    assert!(check.status.success(), "{}{}", stdout(&check), stderr(&check));
    let toml = std::fs::read_to_string(dir.path().join("x.toml")).unwrap();
    assert!(toml.contains("Lindqvist"), "{toml}");
    for line in [
        "title = \"Dockworkers strike as port talks collapse\"",
        "publisher = \"The Coastal Ledger\"",
        "published = \"2025-03-11\"",
        // The page's canonical address wins over the one it was fetched from.
        "url = \"https://www.coastal-ledger.example/news/2025/03/dockworkers-strike\"",
    ] {
        assert!(toml.lines().any(|l| l == line), "{line} in\n{toml}");
    }
    for furniture in [
        "cookies",
        "Share on",
        "Morning Ledger",
        "Related stories",
        "seadog77",
        "Vermeer",
    ] {
        assert!(!toml.contains(furniture), "{furniture} in\n{toml}");
    }
    let agent = site()
        .requests()
        .into_iter()
        .find(|head| head.contains("/news/dockworkers-strike.html"))
        .unwrap()
        .to_ascii_lowercase();
    assert!(
        agent.contains(&format!("user-agent: briefing/{}", env!("CARGO_PKG_VERSION"))),
        "{agent}"
    );
}

#[test]
fn a_text_page_goes_to_the_text_importer_with_its_final_address() {
    let dir = tempfile::tempdir().unwrap();
    let url = site().url("/old/article");
    let out = briefing(dir.path(), &["import", &url, "-o", "x.toml", "--title", "Levers"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let final_url = site().url("/article.txt");
    assert!(
        stdout(&out).contains(&format!("from {url} → {final_url} into x.toml")),
        "{}",
        stdout(&out)
    );
    assert!(stdout(&out).contains("5 sections"), "{}", stdout(&out));
    let toml = std::fs::read_to_string(dir.path().join("x.toml")).unwrap();
    assert!(toml.contains(&format!("url = \"{final_url}\"")), "{toml}");
    assert!(briefing(dir.path(), &["check", "x.toml"]).status.success());
}

#[test]
fn without_a_canonical_address_the_final_one_is_the_url() {
    let dir = tempfile::tempdir().unwrap();
    let out = briefing(dir.path(), &["import", &site().url("/council"), "-o", "x.toml"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let toml = std::fs::read_to_string(dir.path().join("x.toml")).unwrap();
    let url = format!("url = \"{}\"", site().url("/2024/06/council-vote.html"));
    assert!(toml.lines().any(|l| l == url), "{url} in\n{toml}");
    assert!(toml.contains("publisher = \"Millbrook Evening Post\""), "{toml}");
    assert!(toml.contains("Natarajan"), "{toml}");
}

#[test]
fn the_charset_comes_from_the_server_or_the_page() {
    let dir = tempfile::tempdir().unwrap();
    let out = briefing(
        dir.path(),
        &["import", &site().url("/cafes.html"), "-o", "cafes.toml"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let toml = std::fs::read_to_string(dir.path().join("cafes.toml")).unwrap();
    assert!(
        toml.contains("title = \"Les cafés de Lyon relèvent leurs prix\""),
        "{toml}"
    );
    assert!(toml.contains("publisher = \"Le Courrier du Rhône\""), "{toml}");
    for words in ["René Thévenet", "2 €", "“Customers grumble", "Céline Šimek"] {
        assert!(toml.contains(words), "{words} in\n{toml}");
    }
    assert!(!toml.contains('\u{fffd}') && !toml.contains("Ã"), "{toml}");
    let out = briefing(
        dir.path(),
        &["import", &site().url("/lodz.html"), "-o", "lodz.toml"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let toml = std::fs::read_to_string(dir.path().join("lodz.toml")).unwrap();
    assert!(toml.contains("title = \"Fabryki w Łodzi wracają\""), "{toml}");
    assert!(toml.contains("Łódź"), "{toml}");
    let out = briefing(
        dir.path(),
        &["import", &site().url("/lodz.txt"), "-o", "lodz-text.toml"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let toml = std::fs::read_to_string(dir.path().join("lodz-text.toml")).unwrap();
    assert!(toml.contains("title = \"Mills of Łódź\""), "{toml}");
}

#[test]
fn five_redirects_are_followed_and_a_sixth_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let out = briefing(dir.path(), &["import", &site().url("/hop/5"), "-o", "x.toml"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let hops = format!("from {} → {} into", site().url("/hop/5"), site().url("/hop/0"));
    assert!(stdout(&out).contains(&hops), "{}", stdout(&out));
    let err = fails(&site().url("/hop/6"), &[]);
    assert!(err.ends_with("more than 5 redirects"), "{err}");
}

#[test]
fn a_missing_page_is_its_status() {
    let url = site().url("/no/such/page");
    let err = fails(&url, &[]);
    assert_eq!(
        err,
        format!("briefing: cannot fetch {url}: the server answered 404 Not Found")
    );
}

#[test]
fn what_is_not_a_page_is_refused_before_its_body() {
    let err = fails(&site().url("/report.pdf"), &[]);
    assert!(
        err.contains("not a web page: the server sent application/pdf"),
        "{err}"
    );
}

#[test]
fn an_endless_body_stops_at_the_cap() {
    let err = fails(&site().url("/endless"), &[]);
    assert!(
        err.ends_with("the page is larger than 20 MB (stopped reading there)"),
        "{err}"
    );
}

#[test]
fn a_slow_server_times_out() {
    for path in ["/trickle", "/stall"] {
        let err = fails(&site().url(path), &["--timeout", "1"]);
        assert!(
            err.ends_with("no complete answer within 1 s (--timeout sets the limit)"),
            "{path}: {err}"
        );
    }
}

#[test]
fn a_closed_port_is_refused() {
    let port = closed_port();
    let err = fails(&format!("http://127.0.0.1:{port}/page.html"), &[]);
    assert!(
        err.ends_with(&format!(
            "127.0.0.1:{port} refused the connection (is the server running?)"
        )),
        "{err}"
    );
}

#[test]
fn https_to_a_plain_server_is_a_tls_failure() {
    let url = format!("https://127.0.0.1:{}/news/dockworkers-strike.html", site().port());
    let err = fails(&url, &[]);
    assert!(err.contains("the secure connection (TLS) failed"), "{err}");
}

#[test]
fn a_failed_fetch_leaves_an_existing_file_alone_even_with_force() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("mine.toml"), "# my corrections\n").unwrap();
    let url = site().url("/gone");
    let out = briefing(dir.path(), &["import", &url, "-o", "mine.toml", "--force"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("mine.toml")).unwrap(),
        "# my corrections\n"
    );
}

#[test]
fn a_bad_timeout_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let url = site().url("/news/dockworkers-strike.html");
    let out = briefing(dir.path(), &["import", &url, "--timeout", "0"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}

#[test]
fn the_reader_opens_an_address_read_only() {
    use common::pty::{Session, temp_config};
    let dir = tempfile::tempdir().unwrap();
    let config = temp_config(dir.path());
    let url = site().url("/old/article");
    let mut s = Session::start_on(&config, dir.path(), Path::new(&url));
    s.wait_text(&format!("imported in memory from {url}"));
    s.wait_text("Zakharova");
    s.quit();
    assert!(!dir.path().join("annotations").exists(), "nothing written");
}

#[test]
fn the_reader_says_why_an_address_cannot_be_read() {
    use common::pty::{Session, temp_config};
    let dir = tempfile::tempdir().unwrap();
    let config = temp_config(dir.path());
    let url = site().url("/no/such/page");
    let mut s = Session::start_on(&config, dir.path(), Path::new(&url));
    s.wait_text(&format!(
        "briefing: cannot fetch {url}: the server answered 404 Not Found"
    ));
    assert_eq!(s.wait_exit("the reader ends").exit_code(), 1);
}

#[test]
fn other_schemes_are_named_not_looked_for_as_files() {
    let dir = tempfile::tempdir().unwrap();
    let out = briefing(
        dir.path(),
        &["import", "ftp://127.0.0.1/story.html", "-o", "x.toml"],
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        "briefing: cannot fetch ftp://127.0.0.1/story.html: only http:// and https:// addresses can be fetched, not ftp://\n"
    );
    assert!(!dir.path().join("x.toml").exists());
}
