//! Fetching one web page for `briefing import URL`: a single blocking GET over
//! `ureq` (rustls), with bounded redirects, time and size, the content type
//! checked before the body is read, and one plain sentence for each way it can
//! fail. Network only: what the page says is the importer's business.

use std::io::ErrorKind;
use std::time::Duration;

/// What a fetch may take. Tests shorten these; users can set only the total time
/// (`briefing import URL --timeout`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// To open the connection (DNS, TCP and TLS).
    pub connect: Duration,
    /// For everything: redirects, headers and the whole body.
    pub total: Duration,
    /// Bytes of body read at most; a longer page is refused, not cut.
    pub max_bytes: u64,
    /// Redirects followed at most.
    pub max_redirects: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            connect: Duration::from_secs(10),
            total: Duration::from_secs(30),
            max_bytes: 20 * 1024 * 1024,
            max_redirects: 5,
        }
    }
}

/// Sent with every request, so a site knows what is asking.
pub const USER_AGENT: &str = concat!(
    "briefing/",
    env!("CARGO_PKG_VERSION"),
    " (terminal reader for article briefings; one page at a user's request)"
);

/// What the server said the body is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    /// `text/html` or `application/xhtml+xml`.
    Html,
    /// `text/plain`: an article as text.
    Text,
    /// `text/markdown`.
    Markdown,
    /// No `Content-Type` at all: the importer decides from the bytes.
    Unknown,
}

/// A fetched page.
#[derive(Debug, Clone)]
pub struct Page {
    /// The address after redirects.
    pub url: String,
    pub kind: PageKind,
    /// The `charset` of the `Content-Type` header, if any.
    pub charset: Option<String>,
    pub bytes: Vec<u8>,
}

/// Why a page could not be fetched: each reads as the end of "cannot fetch URL: …".
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum FetchError {
    #[error("not a web address ({0})")]
    BadUrl(String),
    #[error("no server named {0} (the name does not resolve; check the address)")]
    Dns(String),
    #[error("{0} refused the connection (is the server running?)")]
    Refused(String),
    #[error("no connection to {host} within {}", span(*.after))]
    ConnectTimeout { host: String, after: Duration },
    #[error("no complete answer within {} (--timeout sets the limit)", span(*.0))]
    Timeout(Duration),
    #[error("the secure connection (TLS) failed: {0}")]
    Tls(String),
    #[error("the server answered {status}{}", at_url(.url))]
    Status { status: String, url: Option<String> },
    #[error("more than {0} redirects")]
    TooManyRedirects(u32),
    #[error(
        "not a web page: the server sent {0} (briefing imports text/html, application/xhtml+xml, text/plain and text/markdown)"
    )]
    NotHtml(String),
    #[error("the page is larger than {} (stopped reading there)", size(*.0))]
    TooBig(u64),
    #[error("{0}")]
    Other(String),
}

fn at_url(url: &Option<String>) -> String {
    url.as_ref().map(|u| format!(" for {u}")).unwrap_or_default()
}

/// A time limit as people say it: "30 s", "300 ms".
fn span(d: Duration) -> String {
    if d.subsec_millis() == 0 && d.as_secs() > 0 {
        format!("{} s", d.as_secs())
    } else {
        format!("{} ms", d.as_millis())
    }
}

/// A byte count as people say it: "20 MB", "64 KB", "100 bytes".
fn size(bytes: u64) -> String {
    const MB: u64 = 1024 * 1024;
    if bytes >= MB && bytes.is_multiple_of(MB) {
        format!("{} MB", bytes / MB)
    } else if bytes >= 1024 && bytes.is_multiple_of(1024) {
        format!("{} KB", bytes / 1024)
    } else {
        format!("{bytes} bytes")
    }
}

/// Whether a command-line argument is a web address rather than a file.
pub fn is_url(arg: &str) -> bool {
    let lower = arg.get(..8).unwrap_or(arg).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// An address as typed or pasted, with what a browser would encode encoded
/// (spaces, quotes, letters beyond ASCII: "…/wiki/Café" → "…/wiki/Caf%C3%A9").
fn encoded(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.trim().chars() {
        if c.is_ascii_graphic() && !matches!(c, '"' | '<' | '>' | '\\' | '^' | '`' | '{' | '|' | '}') {
            out.push(c);
        } else {
            let mut buf = [0; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

/// Whether two addresses are the same once written the standard way
/// (`HTTP://Example.org` is `http://example.org/`).
pub fn same_address(a: &str, b: &str) -> bool {
    let standard = |u: &str| {
        encoded(u)
            .parse::<ureq::http::Uri>()
            .map(|u| u.to_string().to_ascii_lowercase())
    };
    match (standard(a), standard(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// The scheme of an address this cannot fetch ("ftp" for `ftp://…`), to say so
/// instead of looking for a file of that name.
pub fn other_scheme(arg: &str) -> Option<&str> {
    let (scheme, _) = arg.split_once("://")?;
    let well_formed = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    (well_formed && !is_url(arg)).then_some(scheme)
}

/// Fetches `url` within `limits`.
pub fn fetch(url: &str, limits: &Limits) -> Result<Page, FetchError> {
    let url = &encoded(url);
    let uri: ureq::http::Uri = url
        .parse()
        .map_err(|e: ureq::http::uri::InvalidUri| FetchError::BadUrl(e.to_string()))?;
    // "host:port" when the address gives a port, so "refused" names what was tried.
    let name = uri.host().unwrap_or_default();
    let host = match uri.port_u16() {
        Some(port) => format!("{name}:{port}"),
        None => name.to_string(),
    };
    let https = uri.scheme_str() == Some("https");
    let agent = agent(limits);
    let mut response = agent
        .get(url)
        .call()
        .map_err(|e| classify(e, &host, https, limits))?;
    let final_url = ureq::ResponseExt::get_uri(&response).to_string();
    let status = response.status();
    if !status.is_success() {
        let reason = status.canonical_reason().unwrap_or("");
        return Err(FetchError::Status {
            status: format!("{} {reason}", status.as_u16()).trim_end().to_string(),
            url: (!same_address(&final_url, url)).then_some(final_url),
        });
    }
    let body = response.body_mut();
    let kind = page_kind(body.mime_type())?;
    let charset = body.charset().map(str::to_string);
    if body.content_length().is_some_and(|n| n > limits.max_bytes) {
        return Err(FetchError::TooBig(limits.max_bytes));
    }
    let bytes = body
        .with_config()
        .limit(limits.max_bytes)
        .read_to_vec()
        .map_err(|e| classify(e, &host, https, limits))?;
    Ok(Page {
        url: final_url,
        kind,
        charset,
        bytes,
    })
}

fn agent(limits: &Limits) -> ureq::Agent {
    ureq::Agent::config_builder()
        .timeout_connect(Some(limits.connect))
        .timeout_global(Some(limits.total))
        .max_redirects(limits.max_redirects)
        .user_agent(USER_AGENT)
        .accept("text/html,application/xhtml+xml;q=0.9,text/plain;q=0.5,*/*;q=0.1")
        // The status is reported by `fetch` itself, with its reason and the final URL.
        .http_status_as_error(false)
        .build()
        .new_agent()
}

/// The kind of page a `Content-Type` (without parameters) names.
fn page_kind(mime: Option<&str>) -> Result<PageKind, FetchError> {
    let Some(mime) = mime.map(|m| m.trim().to_ascii_lowercase()) else {
        return Ok(PageKind::Unknown);
    };
    match mime.as_str() {
        "" => Ok(PageKind::Unknown),
        "text/html" | "application/xhtml+xml" => Ok(PageKind::Html),
        "text/plain" => Ok(PageKind::Text),
        "text/markdown" | "text/x-markdown" => Ok(PageKind::Markdown),
        _ => Err(FetchError::NotHtml(mime)),
    }
}

/// One plain sentence for what went wrong in `ureq`.
fn classify(e: ureq::Error, host: &str, https: bool, limits: &Limits) -> FetchError {
    use ureq::Error as E;
    match e {
        E::HostNotFound => FetchError::Dns(without_port(host)),
        E::Timeout(ureq::Timeout::Connect | ureq::Timeout::Resolve) => FetchError::ConnectTimeout {
            host: host.to_string(),
            after: limits.connect,
        },
        E::Timeout(_) => FetchError::Timeout(limits.total),
        E::TooManyRedirects => FetchError::TooManyRedirects(limits.max_redirects),
        E::RedirectFailed => FetchError::Other("a redirect pointed nowhere usable".into()),
        E::BodyExceedsLimit(n) => FetchError::TooBig(n),
        E::BadUri(s) => FetchError::BadUrl(s),
        E::Tls(s) => FetchError::Tls(s.to_string()),
        E::Rustls(e) => FetchError::Tls(e.to_string()),
        E::ConnectionFailed => FetchError::Refused(host.to_string()),
        E::Io(io) => classify_io(&io, host, https, limits),
        other => FetchError::Other(other.to_string()),
    }
}

fn without_port(host: &str) -> String {
    match host.rsplit_once(':') {
        Some((name, port)) if port.bytes().all(|b| b.is_ascii_digit()) && !name.ends_with(':') => {
            name.to_string()
        }
        _ => host.to_string(),
    }
}

fn classify_io(io: &std::io::Error, host: &str, https: bool, limits: &Limits) -> FetchError {
    let text = io.to_string();
    match io.kind() {
        ErrorKind::ConnectionRefused => FetchError::Refused(host.to_string()),
        ErrorKind::TimedOut => FetchError::Timeout(limits.total),
        // rustls reports a failed handshake or certificate as invalid data.
        ErrorKind::InvalidData if https => FetchError::Tls(text),
        // getaddrinfo's failures have no kind of their own in std.
        _ if text.contains("lookup address") || text.contains("Name or service not known") => {
            FetchError::Dns(without_port(host))
        }
        ErrorKind::ConnectionReset | ErrorKind::ConnectionAborted | ErrorKind::UnexpectedEof => {
            FetchError::Other(format!("{host} closed the connection ({text})"))
        }
        _ => FetchError::Other(text),
    }
}

/// Fetches `url` and imports the page: HTML through the page extractor with the
/// server's charset, text and Markdown as files are. The address after redirects
/// is the `url` unless the page names a canonical one. Returns that address too.
pub fn import_url(
    url: &str,
    options: crate::import::Options,
    limits: &Limits,
) -> anyhow::Result<(crate::import::Imported, String)> {
    use crate::import::{html, import_bytes, import_html, import_str};
    let shown = crate::text::escape(url);
    let page = fetch(url, limits).map_err(|e| anyhow::anyhow!("cannot fetch {shown}: {e}"))?;
    let options = crate::import::Options {
        source_name: name_from_url(&page.url),
        markdown: page.kind == PageKind::Markdown,
        // The server's word, not the address's extension: `/story.html` may be text.
        html: page.kind == PageKind::Html,
        url: Some(page.url.clone()),
        ..options
    };
    let charset = page.charset.as_deref();
    let imported = match page.kind {
        PageKind::Html => import_html(&page.bytes, charset, Some(&page.url), &options),
        // Text in a declared charset other than UTF-8 is decoded as declared.
        PageKind::Text | PageKind::Markdown
            if charset.is_some_and(|c| {
                !matches!(c.to_ascii_lowercase().as_str(), "utf-8" | "utf8" | "us-ascii")
            }) =>
        {
            let text = html::charset::decode(&page.bytes, charset, &mut Vec::new());
            import_str(&text, &options)
        }
        // Without a content type the bytes decide (a page, else text).
        _ => import_bytes(&page.bytes, &options),
    };
    let imported = imported.map_err(|e| anyhow::anyhow!("cannot import {shown}: {e}"))?;
    Ok((imported, page.url))
}

/// Fetches and imports `url` in memory, for the reader: the briefing and its
/// TOML (written only if the reader saves it as a file).
pub fn import_in_memory(url: &str, limits: &Limits) -> anyhow::Result<(crate::load::LoadedBriefing, String)> {
    let (imported, _) = import_url(url, crate::import::Options::default(), limits)?;
    let index = crate::index::Index::build(&imported.briefing);
    let loaded = crate::load::LoadedBriefing {
        path: std::path::PathBuf::from(url),
        briefing: imported.briefing,
        index,
    };
    Ok((loaded, imported.toml))
}

/// A last-resort title from an address: its last path segment without the
/// extension ("ports-reopen" from ".../2025/ports-reopen.html"), else the host.
pub fn name_from_url(url: &str) -> Option<String> {
    let uri: ureq::http::Uri = url.parse().ok()?;
    let segment = uri
        .path()
        .rsplit('/')
        .find(|s| !s.is_empty())
        .map(|s| s.split('.').next().unwrap_or(s))
        .filter(|s| !s.is_empty());
    segment.or(uri.host()).map(decoded)
}

/// `%XX` escapes decoded ("a%20b" → "a b"); anything malformed stays as it is.
fn decoded(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_told_from_paths() {
        for url in ["http://x.org/a", "https://x.org", "HTTPS://X.ORG/", "Http://x"] {
            assert!(is_url(url), "{url}");
        }
        for path in ["article.html", "-", "http:/x", "./https://x", "ftp://x.org", "h"] {
            assert!(!is_url(path), "{path}");
        }
        assert_eq!(other_scheme("ftp://x.org/a"), Some("ftp"));
        assert_eq!(other_scheme("file:///tmp/a.html"), Some("file"));
        for arg in ["https://x.org", "notes/a://b.txt", "article.txt", "./x://y"] {
            assert_eq!(other_scheme(arg), None, "{arg}");
        }
    }

    #[test]
    fn content_types() {
        assert_eq!(page_kind(Some("text/html")), Ok(PageKind::Html));
        assert_eq!(page_kind(Some("Application/XHTML+XML")), Ok(PageKind::Html));
        assert_eq!(page_kind(Some("text/plain")), Ok(PageKind::Text));
        assert_eq!(page_kind(Some("text/markdown")), Ok(PageKind::Markdown));
        assert_eq!(page_kind(None), Ok(PageKind::Unknown));
        assert_eq!(
            page_kind(Some("application/pdf")),
            Err(FetchError::NotHtml("application/pdf".into()))
        );
    }

    #[test]
    fn errors_read_as_one_sentence() {
        let limits = Limits::default();
        let cases = [
            (ureq::Error::HostNotFound, "no server named example.invalid"),
            (
                ureq::Error::Timeout(ureq::Timeout::Connect),
                "no connection to example.invalid within 10 s",
            ),
            (
                ureq::Error::Timeout(ureq::Timeout::Global),
                "no complete answer within 30 s",
            ),
            (ureq::Error::TooManyRedirects, "more than 5 redirects"),
            (
                ureq::Error::BodyExceedsLimit(20 * 1024 * 1024),
                "larger than 20 MB",
            ),
            (
                ureq::Error::Io(std::io::Error::other(
                    "failed to lookup address information: Name or service not known",
                )),
                "no server named example.invalid",
            ),
            (
                ureq::Error::Io(std::io::Error::from(ErrorKind::ConnectionRefused)),
                "example.invalid refused the connection",
            ),
            (
                ureq::Error::Io(std::io::Error::new(
                    ErrorKind::InvalidData,
                    "invalid peer certificate",
                )),
                "the secure connection (TLS) failed: invalid peer certificate",
            ),
        ];
        for (error, expected) in cases {
            let message = classify(error, "example.invalid", true, &limits).to_string();
            assert!(message.contains(expected), "{message} lacks {expected}");
            assert!(!message.contains('\n'), "{message}");
        }
    }

    #[test]
    fn names_from_addresses() {
        let name = |u| name_from_url(u);
        assert_eq!(
            name("https://x.org/news/2025/ports-reopen.html").as_deref(),
            Some("ports-reopen")
        );
        assert_eq!(name("https://x.org/news/story/").as_deref(), Some("story"));
        assert_eq!(name("https://news.x.org/").as_deref(), Some("news.x.org"));
        assert_eq!(
            name("https://x.org/wiki/Caf%C3%A9%20culture").as_deref(),
            Some("Café culture")
        );
        assert_eq!(name("https://x.org/100%25%zz").as_deref(), Some("100%%zz"));
    }

    #[test]
    fn addresses_are_encoded_as_a_browser_would() {
        assert_eq!(encoded("https://x.org/a b"), "https://x.org/a%20b");
        assert_eq!(
            encoded(" https://x.org/wiki/Café "),
            "https://x.org/wiki/Caf%C3%A9"
        );
        assert_eq!(encoded("https://x.org/a?q=1&r=%20"), "https://x.org/a?q=1&r=%20");
        assert!(same_address("HTTP://X.org", "http://x.org/"));
        assert!(!same_address("http://x.org/a", "http://x.org/b"));
    }

    #[test]
    fn sizes_read_plainly() {
        assert_eq!(size(20 * 1024 * 1024), "20 MB");
        assert_eq!(size(64 * 1024), "64 KB");
        assert_eq!(size(1000), "1000 bytes");
    }
}
