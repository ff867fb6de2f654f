//! Web pages: the article found in a saved or fetched HTML page, with the
//! page's own metadata, as Markdown for the text importer.
//!
//! [`charset`] decodes the bytes as the page or server declares; [`meta`] reads
//! title, site, date, authors and canonical address (JSON-LD, then OpenGraph,
//! then `<meta>`, then `<title>`); [`article`] finds the article with
//! dom_smoothie (a port of Mozilla's Readability) and writes it as Markdown.

pub mod article;
pub mod charset;
pub mod meta;

use dom_query::Document;

pub use meta::PageMeta;

use super::InputError;

/// A page's article and what the page says about it.
#[derive(Debug, Clone)]
pub struct Page {
    /// The article as Markdown: a `#` title line, `##` subheadings, paragraphs
    /// separated by blank lines, list items as `- ` lines.
    pub markdown: String,
    pub meta: PageMeta,
    /// What went wrong or was guessed on the way (a missing charset, no article found).
    pub notes: Vec<String>,
}

/// Whether bytes are an HTML page rather than text: a doctype, `<html>`, `<head>`
/// or `<body>` near the start, after any BOM, blank lines or comments.
pub fn looks_like_html(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(2048)];
    let text: String = head.iter().map(|&b| (b as char).to_ascii_lowercase()).collect();
    let t = text
        .trim_start_matches(['\u{ef}', '\u{bb}', '\u{bf}'])
        .trim_start();
    ["<!doctype html", "<html", "<?xml", "<head", "<!--"]
        .iter()
        .any(|p| t.starts_with(p))
        && ["<html", "<head", "<body", "<!doctype html"]
            .iter()
            .any(|p| t.contains(p))
}

/// The page without its `<noscript>` blocks ("JavaScript is disabled…", tracking
/// pixels). The parser reads them as markup, so text in one inside `<head>`
/// would open the body early and pass for the article.
fn without_noscript(html: &str) -> String {
    let lower = html.to_ascii_lowercase();
    let mut out = String::with_capacity(html.len());
    let mut at = 0;
    while let Some(start) = lower[at..].find("<noscript").map(|s| s + at) {
        let Some(end) = lower[start..].find("</noscript").map(|e| e + start) else {
            break;
        };
        out.push_str(&html[at..start]);
        at = lower[end..].find('>').map_or(html.len(), |g| end + g + 1);
    }
    out.push_str(&html[at..]);
    out
}

/// Finds the article in a web page. `declared_charset` is the charset the server
/// sent (the `Content-Type` header or its `charset` parameter); `source_url`, the
/// page's address, becomes its `url` unless the page names a canonical one.
pub fn extract(
    bytes: &[u8],
    declared_charset: Option<&str>,
    source_url: Option<&str>,
) -> Result<Page, InputError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(InputError::Empty);
    }
    let mut notes = Vec::new();
    let text = charset::decode(bytes, declared_charset, &mut notes);
    let doc = Document::from(without_noscript(&text));
    let mut meta = meta::read(&doc);
    if meta.url.is_none() {
        meta.url = source_url.map(str::to_string);
    }
    let blocks = article::extract(doc, meta.title.as_deref());
    if blocks.iter().all(|b| b.starts_with('#')) {
        return Err(InputError::NoText);
    }
    let mut markdown = String::with_capacity(text.len() / 4);
    if let Some(title) = &meta.title {
        markdown.push_str("# ");
        markdown.push_str(title);
        markdown.push_str("\n\n");
    }
    for b in &blocks {
        markdown.push_str(b);
        markdown.push_str("\n\n");
    }
    Ok(Page {
        markdown,
        meta,
        notes,
    })
}
