//! `briefing::fetch` with short limits against a server on 127.0.0.1: the
//! limits are exact (a body the size of the cap passes, one byte more does not),
//! and a page comes back with its final address, kind and charset.

mod common;

use std::sync::OnceLock;
use std::time::Duration;

use briefing::fetch::{FetchError, Limits, PageKind, fetch};
use common::http::{Reply, Server};

const CAP: usize = 4096;

fn site() -> &'static Server {
    static SITE: OnceLock<Server> = OnceLock::new();
    SITE.get_or_init(|| {
        Server::start(|path| match path {
            "/exact" => Reply::ok("text/html", vec![b'a'; CAP]),
            "/one-more" => Reply::ok("text/html", vec![b'a'; CAP + 1]),
            "/latin" => Reply::ok("text/html; charset=ISO-8859-1", b"<p>caf\xe9</p>".to_vec()),
            "/no-type" => Reply::Full {
                status: "200 OK",
                headers: Vec::new(),
                body: b"<p>hello</p>".to_vec(),
            },
            "/notes.md" => Reply::ok("text/markdown; charset=utf-8", "# Notes\n\nText.\n"),
            "/a" => Reply::redirect("302 Found", "/b"),
            "/b" => Reply::redirect("301 Moved Permanently", "/latin"),
            "/c" => Reply::redirect("302 Found", "/a"),
            "/endless" => Reply::Endless("text/html"),
            "/stall" => Reply::Stall,
            "/to-gone" => Reply::redirect("307 Temporary Redirect", "/gone"),
            "/gone" => Reply::Full {
                status: "410 Gone",
                headers: Vec::new(),
                body: Vec::new(),
            },
            _ => Reply::not_found(),
        })
    })
}

fn limits() -> Limits {
    Limits {
        connect: Duration::from_secs(2),
        total: Duration::from_secs(2),
        max_bytes: CAP as u64,
        max_redirects: 2,
    }
}

#[test]
fn the_size_cap_is_exact() {
    let page = fetch(&site().url("/exact"), &limits()).unwrap();
    assert_eq!(page.bytes.len(), CAP);
    assert_eq!(
        fetch(&site().url("/one-more"), &limits()).unwrap_err(),
        FetchError::TooBig(CAP as u64)
    );
    assert_eq!(
        fetch(&site().url("/endless"), &limits()).unwrap_err(),
        FetchError::TooBig(CAP as u64)
    );
}

#[test]
fn redirects_up_to_the_limit_give_the_final_address() {
    let page = fetch(&site().url("/a"), &limits()).unwrap();
    assert_eq!(page.url, site().url("/latin"));
    assert_eq!(page.kind, PageKind::Html);
    assert_eq!(page.charset.as_deref(), Some("ISO-8859-1"));
    assert_eq!(page.bytes, b"<p>caf\xe9</p>");
    assert_eq!(
        fetch(&site().url("/c"), &limits()).unwrap_err(),
        FetchError::TooManyRedirects(2)
    );
}

#[test]
fn the_kind_comes_from_the_content_type() {
    let page = fetch(&site().url("/no-type"), &limits()).unwrap();
    assert_eq!((page.kind, page.charset), (PageKind::Unknown, None));
    let page = fetch(&site().url("/notes.md"), &limits()).unwrap();
    assert_eq!(page.kind, PageKind::Markdown);
}

#[test]
fn the_total_time_is_a_limit() {
    let short = Limits {
        total: Duration::from_millis(300),
        ..limits()
    };
    let err = fetch(&site().url("/stall"), &short).unwrap_err();
    assert_eq!(err, FetchError::Timeout(Duration::from_millis(300)));
    assert!(
        err.to_string().starts_with("no complete answer within 300 ms"),
        "{err}"
    );
}

#[test]
fn a_status_names_the_final_address_when_redirected() {
    let err = fetch(&site().url("/gone"), &limits()).unwrap_err();
    assert_eq!(err.to_string(), "the server answered 410 Gone");
    let err = fetch(&site().url("/to-gone"), &limits()).unwrap_err();
    assert_eq!(
        err.to_string(),
        format!("the server answered 410 Gone for {}", site().url("/gone"))
    );
}

#[test]
fn what_is_not_an_address_is_said_so() {
    for url in ["http://", "http://exa mple.org/"] {
        let err = fetch(url, &limits()).unwrap_err();
        assert!(matches!(err, FetchError::BadUrl(_)), "{url}: {err:?}");
    }
}
