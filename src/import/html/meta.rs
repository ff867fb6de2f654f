//! What a page says about its article: title, site, date, authors and address.
//!
//! Each field is taken from the first source that has it, in this order:
//! JSON-LD (`NewsArticle` and the other article types, also inside `@graph`
//! and arrays), OpenGraph, other `<meta>` tags (and microdata), then `<title>`.

use dom_query::Document;
use serde_json::Value;

use crate::import::dates;
use crate::import::gazetteer::WordList;
use crate::model::PartialDate;

/// The page's own account of the article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageMeta {
    pub title: Option<String>,
    /// The site name, as the briefing's publisher.
    pub publisher: Option<String>,
    pub published: Option<PartialDate>,
    pub authors: Vec<String>,
    /// The canonical address.
    pub url: Option<String>,
}

/// One source's findings, before they are merged in order.
#[derive(Debug, Default)]
struct Found {
    title: Option<String>,
    publisher: Option<String>,
    published: Option<String>,
    authors: Vec<String>,
    url: Option<String>,
}

/// Reads the metadata of a parsed page.
pub fn read(doc: &Document) -> PageMeta {
    let tab = title_tag(doc);
    let tab_title = tab.title.clone();
    let sources = [json_ld(doc), open_graph(doc), meta_tags(doc), tab];
    let mut meta = PageMeta::default();
    let mut raw_title = None;
    for f in sources {
        raw_title = raw_title.or(f.title.filter(|t| !t.is_empty()));
        meta.publisher = meta.publisher.or(f.publisher.filter(|p| is_site_name(p)));
        if meta.published.is_none() {
            meta.published = f.published.as_deref().and_then(dates::parse_standalone);
        }
        if meta.authors.is_empty() {
            meta.authors = f.authors;
        }
        meta.url = meta.url.or(f.url.filter(|u| is_web_address(u)));
    }
    let strip = |t: &str| strip_site(t, meta.publisher.as_deref(), meta.url.as_deref());
    let mut title = raw_title.map(|t| strip(&t));
    // The headline printed on the page wins over a social-media variant when the
    // browser's title agrees with it ("Coronavirus: …" in both, "… virus outbreak" in JSON-LD).
    if let Some(tab) = tab_title.as_deref().map(strip)
        && printed_headlines(doc).iter().any(|h| fold_eq(h, &tab))
    {
        title = Some(tab);
    }
    if meta.publisher.is_none() {
        meta.publisher = tab_title
            .as_deref()
            .and_then(|t| site_after_title(t, title.as_deref()?));
    }
    // A site named as the author ("By BBC News") is no byline.
    let publisher = meta.publisher.clone();
    meta.authors
        .retain(|a| publisher.as_deref().is_none_or(|p| !fold_eq(a, p)));
    meta.authors.dedup();
    meta.title = title;
    meta
}

/// The page's `<h1>` headlines.
fn printed_headlines(doc: &Document) -> Vec<String> {
    doc.try_select("h1")
        .map(|h| h.nodes().iter().take(5).map(|n| clean(&n.text())).collect())
        .unwrap_or_default()
}

fn fold_eq(a: &str, b: &str) -> bool {
    let f = |s: &str| crate::text::fold(s).to_lowercase();
    f(a) == f(b)
}

/// A site's name is short, unlike the headline some pages put in `application-name`.
fn is_site_name(p: &str) -> bool {
    !p.is_empty() && p.split_whitespace().count() <= 6 && !is_web_address(p)
}

/// "Headline - Trinidad Guardian" whose headline is the title: the site is the rest.
fn site_after_title(tab: &str, title: &str) -> Option<String> {
    let tab = clean(tab);
    let rest = tab.strip_prefix(title)?;
    let site = [" | ", " - ", " – ", " — ", " · "]
        .iter()
        .find_map(|sep| rest.strip_prefix(sep))?
        .trim();
    is_site_name(site).then(|| site.to_string())
}

/// Whitespace collapsed; character references decoded (JSON-LD strings keep `&#8217;` as it is).
fn clean(s: &str) -> String {
    let collapsed = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if collapsed.contains('&') && collapsed.contains(';') {
        Document::fragment(collapsed.as_str()).root().text().to_string()
    } else {
        collapsed
    }
}

fn is_web_address(u: &str) -> bool {
    (u.starts_with("https://") || u.starts_with("http://")) && !u.contains(char::is_whitespace)
}

// ---- JSON-LD ----------------------------------------------------------------

/// Article types, best first: a `NewsArticle` beats a `BlogPosting`.
static ARTICLE_TYPES: WordList = WordList::data(include_str!("../words/jsonld-article-types.txt"));

fn json_ld(doc: &Document) -> Found {
    let nodes = json_ld_nodes(doc);
    let Some(article) = best_article(&nodes) else {
        return Found::default();
    };
    let text = |key: &str| article.get(key).and_then(Value::as_str).map(clean);
    // Names of the people or organisations under `key`, one or many, by value or by reference.
    let names = |key: &str| -> Vec<String> {
        let Some(v) = article.get(key) else {
            return Vec::new();
        };
        one_or_many(v)
            .into_iter()
            .filter_map(|v| name_of(&resolve(v, &nodes)))
            .collect()
    };
    Found {
        title: text("headline").or_else(|| text("name")),
        publisher: names("publisher").into_iter().next(),
        published: text("datePublished").or_else(|| text("dateCreated")),
        authors: names("author"),
        url: text("url").or_else(|| {
            article.get("mainEntityOfPage").and_then(|m| {
                m.as_str()
                    .map(str::to_string)
                    .or_else(|| m.get("@id").and_then(Value::as_str).map(str::to_string))
            })
        }),
    }
}

/// Every object in the page's JSON-LD scripts.
fn json_ld_nodes(doc: &Document) -> Vec<Value> {
    let mut nodes: Vec<Value> = Vec::new();
    if let Some(scripts) = doc.try_select(r#"script[type="application/ld+json"]"#) {
        for s in scripts.iter() {
            if let Some(v) = parse_json(&s.text()) {
                flatten(v, &mut nodes, 0);
            }
        }
    }
    nodes
}

/// The node of the best article type (the first such node among equals).
fn best_article(nodes: &[Value]) -> Option<&Value> {
    let rank = |v: &Value| {
        types(v)
            .iter()
            .filter_map(|t| ARTICLE_TYPES.iter().position(|a| a == t))
            .min()
    };
    nodes
        .iter()
        .filter_map(|n| Some((rank(n)?, n)))
        .min_by_key(|(r, _)| *r)
        .map(|(_, n)| n)
}

/// `{"@id": "#publisher"}` points at another node of the graph: that node, if there is one.
fn resolve(v: &Value, nodes: &[Value]) -> Value {
    match v.get("@id").and_then(Value::as_str) {
        Some(id) if v.as_object().is_some_and(|o| o.len() == 1) => nodes
            .iter()
            .find(|n| n.get("@id").and_then(Value::as_str) == Some(id))
            .cloned()
            .unwrap_or_else(|| v.clone()),
        _ => v.clone(),
    }
}

/// Pages wrap JSON-LD in comments or CDATA and sometimes leave a trailing comma or two objects.
fn parse_json(raw: &str) -> Option<Value> {
    let t = raw.trim();
    let t = t.strip_prefix("<!--").unwrap_or(t).trim();
    let t = t.strip_suffix("-->").unwrap_or(t).trim();
    let t = t.strip_prefix("//<![CDATA[").unwrap_or(t).trim();
    let t = t.strip_suffix("//]]>").unwrap_or(t).trim();
    let t = t.trim_end_matches(';');
    serde_json::from_str(t).ok()
}

/// Every object in a JSON-LD value: arrays, `@graph`, and objects nested in properties.
fn flatten(v: Value, out: &mut Vec<Value>, depth: usize) {
    if depth > 6 {
        return;
    }
    match v {
        Value::Array(items) => items.into_iter().for_each(|i| flatten(i, out, depth + 1)),
        Value::Object(mut map) => {
            if let Some(graph) = map.remove("@graph") {
                flatten(graph, out, depth + 1);
            }
            // A `WebPage` may hold the article as its `mainEntity`.
            if let Some(main) = map
                .get("mainEntity")
                .filter(|m| m.is_object() && m.get("@type").is_some())
            {
                flatten(main.clone(), out, depth + 1);
            }
            out.push(Value::Object(map));
        }
        _ => {}
    }
}

fn types(v: &Value) -> Vec<&str> {
    match v.get("@type") {
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

fn one_or_many(v: &Value) -> Vec<&Value> {
    match v {
        Value::Array(a) => a.iter().collect(),
        other => vec![other],
    }
}

/// A person's or organisation's name: a string, or an object's `name`.
fn name_of(v: &Value) -> Option<String> {
    let name = match v {
        Value::String(s) => clean(s),
        Value::Object(_) => clean(v.get("name").and_then(Value::as_str)?),
        _ => return None,
    };
    (!name.is_empty() && !is_web_address(&name)).then_some(name)
}

// ---- OpenGraph, <meta>, <title> ---------------------------------------------

/// The `content` of the first `<meta>` whose `property`, `name` or `itemprop` is one of `keys`.
fn meta_content(doc: &Document, keys: &[&str]) -> Option<String> {
    let tags = doc.try_select("meta[content]")?;
    keys.iter().find_map(|key| {
        tags.iter().find_map(|m| {
            let named = ["property", "name", "itemprop"]
                .iter()
                .any(|a| m.attr(a).is_some_and(|v| v.eq_ignore_ascii_case(key)));
            let content = clean(&m.attr("content")?);
            (named && !content.is_empty()).then_some(content)
        })
    })
}

fn open_graph(doc: &Document) -> Found {
    Found {
        title: meta_content(doc, &["og:title"]),
        publisher: meta_content(doc, &["og:site_name"]),
        published: meta_content(doc, &["article:published_time", "og:article:published_time"]),
        authors: meta_content(doc, &["article:author", "og:article:author"])
            .filter(|a| !is_web_address(a))
            .into_iter()
            .collect(),
        url: meta_content(doc, &["og:url"]),
    }
}

fn meta_tags(doc: &Document) -> Found {
    let canonical = doc
        .try_select(r#"link[rel="canonical"]"#)
        .and_then(|l| l.attr("href"))
        .map(|h| h.trim().to_string());
    let author = meta_content(
        doc,
        &["author", "byl", "parsely-author", "sailthru.author", "dc.creator"],
    )
    .map(|a| a.trim_start_matches("By ").trim_start_matches("by ").to_string())
    .filter(|a| !is_web_address(a));
    Found {
        title: meta_content(
            doc,
            &["twitter:title", "title", "dc.title", "headline", "sailthru.title"],
        ),
        publisher: meta_content(
            doc,
            &[
                "application-name",
                "publisher",
                "dc.publisher",
                "cre",
                "twitter:site",
            ],
        )
        .map(|p| p.trim_start_matches('@').to_string()),
        published: meta_content(
            doc,
            &[
                "article:published_time",
                "datePublished",
                "date",
                "pubdate",
                "publishdate",
                "publish-date",
                "dc.date",
                "dc.date.issued",
                "dcterms.created",
                "sailthru.date",
                "parsely-pub-date",
                "ptime",
            ],
        ),
        authors: author.into_iter().collect(),
        url: canonical,
    }
}

fn title_tag(doc: &Document) -> Found {
    Found {
        // The first: an inline `<svg>` may hold a `<title>` of its own.
        title: doc
            .try_select("head title")
            .or_else(|| doc.try_select("title"))
            .and_then(|t| t.nodes().first().map(|n| clean(&n.text()))),
        ..Found::default()
    }
}

/// "Headline | Site", "Headline - Site News", "Site: Headline" → "Headline", when the
/// other part names the site (its publisher or domain) or is a short tag after a long headline.
pub fn strip_site(title: &str, publisher: Option<&str>, url: Option<&str>) -> String {
    let title = clean(title);
    let squash = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let domain = url
        .and_then(|u| u.split("//").nth(1))
        .and_then(|h| h.split('/').next())
        .map(|h| {
            squash(
                h.trim_start_matches("www.")
                    .rsplit_once('.')
                    .map_or(h, |(name, _)| name),
            )
        });
    let names_site = |part: &str| {
        let p = squash(part);
        !p.is_empty()
            && (publisher.is_some_and(|s| {
                let s = squash(s);
                !s.is_empty() && (p == s || p.starts_with(&s) || s.starts_with(&p))
            }) || domain
                .as_ref()
                .is_some_and(|d| !d.is_empty() && (p == *d || p.contains(d.as_str()))))
    };
    for sep in [" | ", " - ", " – ", " — ", " · ", " :: ", " » "] {
        if let Some((head, tail)) = title.rsplit_once(sep)
            && head.split_whitespace().count() >= 3
            && (names_site(tail) || (sep == " | " && tail.split_whitespace().count() <= 3))
        {
            return strip_site(head, publisher, url);
        }
        if let Some((head, tail)) = title.split_once(sep)
            && tail.split_whitespace().count() >= 3
            && names_site(head)
        {
            return strip_site(tail, publisher, url);
        }
    }
    title
}
