//! The article of a page: boilerplate removed, Readability (dom_smoothie) to find
//! the main content, then that content written as Markdown the importer reads:
//! `##` subheadings, one paragraph a block, list items as `- ` lines, block
//! quotes in quotation marks; captions, promos and link lists left out.

use dom_query::{Document, NodeRef};
use dom_smoothie::{Config, Readability};

use crate::import::gazetteer::WordList;
use crate::text::fold;

/// Page parts removed before the article is looked for.
static DROP_SELECTORS: WordList = WordList::data(include_str!("../words/html-drop.txt"));
/// Short paragraphs that are promos, not article text.
static PROMOS: WordList = WordList::data(include_str!("../words/html-promo.txt"));
/// Headings over lists of links or notes ("Related", "Footnotes").
static LINK_LIST_HEADINGS: WordList = WordList::data(include_str!("../words/html-link-lists.txt"));
/// Elements whose content is never article text.
static SKIPPED_ELEMENTS: WordList = WordList::data(include_str!("../words/html-skip.txt"));
/// Elements inside a paragraph: their text runs on.
static INLINE_ELEMENTS: WordList = WordList::data(include_str!("../words/html-inline.txt"));
/// Class words of embedded posts (tweets and the like) set as block quotes.
static EMBED_CLASSES: WordList = WordList::data(include_str!("../words/html-embed-classes.txt"));

/// Body text beyond which Readability is not run (bytes).
const HUGE_TEXT: usize = 400_000;
/// A heading with more words than this is a standfirst set as a heading.
const MAX_HEADING_WORDS: usize = 16;
/// Promos and link paragraphs are short; article paragraphs that mention a newsletter are not dropped.
const SHORT_PARAGRAPH_WORDS: usize = 30;

/// Removes boilerplate from a parsed page, finds its article and writes it as Markdown blocks.
pub fn extract(doc: Document, title: Option<&str>) -> Vec<String> {
    remove_boilerplate(&doc);
    // Readability's work grows faster than the page: past a few hundred kilobytes of
    // text (no news article is that long) the block holding the paragraphs is taken.
    if doc.try_select("body").is_some_and(|b| b.text().len() > HUGE_TEXT) {
        let content = covering_container(&doc).unwrap_or_default();
        return write(&content, title);
    }
    let densest = densest_container(&doc);
    let cfg = Config {
        max_elements_to_parse: 0,
        ..Config::default()
    };
    let found = Readability::with_document(doc, None, Some(cfg))
        .and_then(|mut r| r.parse())
        .ok()
        .map(|a| (a.content.to_string(), a.text_content.len()));
    // Readability can fail, or settle on a scrap, where the paragraphs plainly sit together.
    let content = match (found, densest) {
        (Some((html, len)), Some((_, dense_len))) if len * 2 >= dense_len => html,
        (_, Some((html, _))) => html,
        (Some((html, _)), None) => html,
        (None, None) => String::new(),
    };
    write(&content, title)
}

/// The article's HTML as Markdown blocks, tidied.
fn write(content: &str, title: Option<&str>) -> Vec<String> {
    let fragment = Document::fragment(content);
    let mut writer = Writer::default();
    writer.walk(&fragment.root());
    writer.flush();
    tidy(writer.blocks, title)
}

/// The innermost element that holds nearly all (80%) of the page's paragraph text.
fn covering_container(doc: &Document) -> Option<String> {
    let paragraphs = doc.try_select("p")?;
    let mut text_under: crate::hash::HashMap<dom_query::NodeId, usize> = Default::default();
    let mut total = 0;
    for p in paragraphs.nodes() {
        let len = p.text().trim().len();
        total += len;
        for a in p.ancestors_it(None) {
            *text_under.entry(a.id).or_default() += len;
        }
    }
    // Every ancestor of the innermost one holds at least as much: the least wins.
    let (&id, _) = text_under
        .iter()
        .filter(|&(_, len)| len * 5 >= total * 4)
        .min_by_key(|&(id, len)| (*len, std::cmp::Reverse(*id)))?;
    let node = paragraphs
        .nodes()
        .iter()
        .find_map(|p| p.ancestors_it(None).find(|a| a.id == id))?;
    Some(node.html().to_string())
}

/// The element whose own paragraphs hold the most text, with that much text: the
/// article's body on nearly every page.
fn densest_container(doc: &Document) -> Option<(String, usize)> {
    let paragraphs = doc.try_select("p")?;
    let mut text_by_parent: crate::hash::HashMap<dom_query::NodeId, usize> = Default::default();
    for p in paragraphs.nodes() {
        if let Some(parent) = p.parent() {
            *text_by_parent.entry(parent.id).or_default() += p.text().trim().len();
        }
    }
    let (&id, &len) = text_by_parent
        .iter()
        .max_by_key(|&(id, len)| (*len, std::cmp::Reverse(*id)))?;
    let node = paragraphs
        .nodes()
        .iter()
        .find_map(|p| p.parent().filter(|parent| parent.id == id))?;
    Some((node.html().to_string(), len))
}

/// Removes every part matched by a selector of `html-drop.txt`, unless it holds the
/// headline, the marked article body or most of the page's text (a page whose
/// article wrapper is called "share-story" keeps its article).
fn remove_boilerplate(doc: &Document) {
    if let Some(headings) = doc.try_select("h2, h3, h4") {
        for h in headings.nodes() {
            let list = h.next_element_sibling().filter(|n| n.is("ul, ol"));
            if let Some(list) = list.filter(|_| heads_link_list(h)) {
                list.remove_from_parent();
                h.remove_from_parent();
            } else if titles_media(h) {
                h.remove_from_parent();
            }
        }
    }
    let body_len = doc.try_select("body").map_or(0, |b| b.text().len());
    // One pass over the page for all the selectors together.
    let all = DROP_SELECTORS.join(", ");
    let (Some(found), Ok(article)) = (
        doc.try_select(&all),
        dom_query::Matcher::new("h1, [itemprop=articleBody], article"),
    ) else {
        return;
    };
    for node in found.nodes() {
        let holds_article =
            node.is_match(&article) || !node.find(&["h1"]).is_empty() || node.text().len() * 2 > body_len;
        if !holds_article {
            node.remove_from_parent();
        }
    }
}

/// Collects Markdown blocks while walking the article's DOM.
#[derive(Default)]
struct Writer {
    blocks: Vec<String>,
    line: String,
}

impl Writer {
    fn text(&mut self, t: &str) {
        self.line.push_str(t);
    }

    /// Ends the paragraph being collected.
    fn flush(&mut self) {
        let text = collapse(&self.line);
        self.line.clear();
        if !text.is_empty() {
            self.blocks.push(text);
        }
    }

    fn walk(&mut self, node: &NodeRef) {
        for child in node.children_it(false) {
            if child.is_text() {
                self.text(&child.text());
            } else if child.is_element() {
                self.element(&child);
            }
        }
    }

    fn element(&mut self, node: &NodeRef) {
        let name = node
            .node_name()
            .map(|n| n.to_ascii_lowercase())
            .unwrap_or_default();
        match name.as_str() {
            skipped if SKIPPED_ELEMENTS.contains(skipped) => {}
            "br" => self.flush(),
            "h2" | "h3" | "h4" => {
                self.flush();
                let text = collapse(&node.text());
                if text.split_whitespace().count() <= MAX_HEADING_WORDS {
                    self.blocks.push(format!("## {text}"));
                } else {
                    self.blocks.push(text);
                }
            }
            "li" => {
                self.flush();
                for item in sub_blocks(node) {
                    self.blocks.push(format!("- {}", item.trim_start_matches("- ")));
                }
            }
            "blockquote" => {
                self.flush();
                if !is_embed(node) {
                    let quotes = sub_blocks(node).into_iter().map(|p| format!("> {}", quoted(&p)));
                    self.blocks.extend(quotes);
                }
            }
            "p" if is_bold_only(node) => {
                self.flush();
                self.blocks.push(format!("**{}**", collapse(&node.text())));
            }
            "p" if is_link_only(node) => self.flush(),
            "a" | "sup" if is_footnote_mark(node) => {}
            inline if INLINE_ELEMENTS.contains(inline) => self.walk(node),
            _ => {
                self.flush();
                self.walk(node);
                self.flush();
            }
        }
    }
}

/// The blocks inside one element, written on their own.
fn sub_blocks(node: &NodeRef) -> Vec<String> {
    let mut w = Writer::default();
    w.walk(node);
    w.flush();
    w.blocks
}

/// A footnote reference ("points¹" linking to `#fn-1`): not words of the text.
fn is_footnote_mark(node: &NodeRef) -> bool {
    let text = node.text();
    let mark = text.trim();
    let link = if node.is("a") {
        Some(*node)
    } else {
        node.find(&["a"]).into_iter().next()
    };
    !mark.is_empty()
        && mark.chars().count() <= 3
        && mark
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '*' | '†' | '‡' | '[' | ']'))
        && link
            .and_then(|a| a.attr("href"))
            .is_some_and(|h| h.starts_with('#'))
}

/// Embedded posts (tweets, Instagram) are block quotes too, but not the article's words.
fn is_embed(node: &NodeRef) -> bool {
    node.class().is_some_and(|c| {
        let c = c.to_ascii_lowercase();
        EMBED_CLASSES.iter().any(|k| c.contains(k))
    })
}

/// "Related", "Footnotes": a heading over a list of links or notes.
fn heads_link_list(heading: &NodeRef) -> bool {
    let text = fold(&collapse(&heading.text())).to_lowercase();
    LINK_LIST_HEADINGS.contains(text.trim_end_matches(':'))
}

/// A heading over a video, gallery or other embed, not over text.
fn titles_media(node: &NodeRef) -> bool {
    const MEDIA: &str = "iframe, video, audio, figure, picture, img, amp-img, embed, object";
    let Some(next) = node.next_element_sibling() else {
        return false;
    };
    next.is(MEDIA) || (next.text().trim().is_empty() && next.descendants_it().any(|d| d.is(MEDIA)))
}

/// A paragraph entirely in bold: a subheading for the importer to judge.
fn is_bold_only(node: &NodeRef) -> bool {
    let text = collapse(&node.text());
    let bold: String = node
        .element_children()
        .iter()
        .filter(|c| c.is("strong, b"))
        .map(|c| c.text().to_string())
        .collect();
    !text.is_empty()
        && collapse(&bold) == text
        && text.split_whitespace().count() <= MAX_HEADING_WORDS
        && !text.ends_with(['.', ':', ','])
}

/// A short paragraph that is nothing but a link: a related story, not the article.
fn is_link_only(node: &NodeRef) -> bool {
    let text = collapse(&node.text());
    let links: String = node
        .find(&["a"])
        .iter()
        .map(|a| a.text().to_string())
        .collect::<Vec<_>>()
        .join(" ");
    !text.is_empty()
        && text.split_whitespace().count() <= SHORT_PARAGRAPH_WORDS
        && collapse(&links).len() * 10 >= text.len() * 9
}

/// A block quote's paragraph in quotation marks, unless it has them already.
fn quoted(p: &str) -> String {
    let t = p.trim_start_matches("- ");
    if t.starts_with(['“', '"', '‘', '«', '„']) {
        t.to_string()
    } else {
        format!("“{t}”")
    }
}

/// Whitespace collapsed (no-break spaces kept, as the text importer expects them).
fn collapse(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() && c != '\u{a0}')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
        .trim_matches('\u{a0}')
        .to_string()
}

/// Drops promos, the repeated headline and repeated paragraphs (pull quotes), and
/// headings left with no text under them.
fn tidy(blocks: Vec<String>, title: Option<&str>) -> Vec<String> {
    let mut tidy = Tidy {
        title: title.map(|t| fold(t).to_lowercase()),
        out: Vec::with_capacity(blocks.len()),
        seen: Default::default(),
        so_far: String::new(),
        in_link_list: false,
    };
    for (i, b) in blocks.iter().enumerate() {
        tidy.add(b, blocks.get(i + 1));
    }
    tidy.finish()
}

/// The blocks kept so far, and what they said.
struct Tidy {
    /// The headline, folded: repeated in the body, it goes.
    title: Option<String>,
    out: Vec<String>,
    /// Paragraphs kept (folded), so that a repeat goes.
    seen: crate::hash::HashSet<String>,
    /// The article's words so far, folded, for pull quotes to be found in.
    so_far: String,
    /// Under a heading such as "Related" or "Footnotes": its list, not the article.
    in_link_list: bool,
}

impl Tidy {
    fn add(&mut self, b: &str, next: Option<&String>) {
        let plain = fold(b.trim_start_matches("## ").trim_matches('*')).to_lowercase();
        if self.in_link_list(b, &plain) || self.is_noise(b, &plain, next) {
            return;
        }
        self.so_far.push_str(&plain);
        self.so_far.push('\n');
        // A heading right after a heading had no text of its own.
        if b.starts_with("## ") && self.out.last().is_some_and(|l| l.starts_with("## ")) {
            self.out.pop();
        }
        self.out.push(b.to_string());
    }

    /// Whether `b` heads a list of links or notes, or is in one.
    fn in_link_list(&mut self, b: &str, plain: &str) -> bool {
        let heading = b.starts_with("## ") || (b.starts_with("**") && b.ends_with("**"));
        if heading && LINK_LIST_HEADINGS.contains(plain.trim_end_matches(':')) {
            self.in_link_list = true;
            return true;
        }
        self.in_link_list &= b.starts_with("- ") || b.split_whitespace().count() <= 12;
        self.in_link_list
    }

    /// A byline, a promo, the headline again, a paragraph again, or a pull quote.
    fn is_noise(&mut self, b: &str, plain: &str, next: Option<&String>) -> bool {
        let byline = is_email(b) || (is_shouted_name(b) && next.is_some_and(|n| is_email(n)));
        if byline || is_promo(plain) || self.title.as_deref() == Some(plain) {
            return true;
        }
        if plain.split_whitespace().count() > 3 && !self.seen.insert(plain.to_string()) {
            return true;
        }
        // A pull quote repeats words of the article: the block quote goes.
        b.strip_prefix("> ").is_some_and(|quote| {
            let inner = fold(quote.trim_matches(['“', '”', '"'])).to_lowercase();
            self.so_far.contains(&inner)
        })
    }

    /// The blocks kept, without a heading left last with nothing under it.
    fn finish(mut self) -> Vec<String> {
        if self.out.last().is_some_and(|l| l.starts_with("## ")) {
            self.out.pop();
        }
        self.out
    }
}

/// A paragraph that is only an e-mail address: the reporter's, under the byline.
fn is_email(block: &str) -> bool {
    let t = block.trim();
    !t.contains(' ') && t.contains('@') && t.contains('.')
}

/// "PETER CHRISTOPHER": a byline in capitals.
fn is_shouted_name(block: &str) -> bool {
    let words = block.split_whitespace().count();
    (2..=4).contains(&words)
        && block.chars().any(char::is_alphabetic)
        && block.chars().all(|c| !c.is_lowercase() && !c.is_ascii_digit())
}

fn is_promo(lower: &str) -> bool {
    let short = lower.split_whitespace().count() <= SHORT_PARAGRAPH_WORDS;
    short
        && PROMOS.iter().any(|p| match p.strip_prefix('*') {
            Some(anywhere) => lower.contains(anywhere),
            None => lower.starts_with(p) && !lower[p.len()..].starts_with(char::is_alphanumeric),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_drop_selector_parses() {
        let doc = Document::from("<p>x</p>");
        for s in DROP_SELECTORS.iter() {
            assert!(dom_query::Matcher::new(s).is_ok(), "bad selector {s}");
            let _ = doc.try_select(s);
        }
    }

    #[test]
    fn promos_are_short_paragraphs_that_open_with_a_prompt() {
        assert!(is_promo("read more: the council's plan"));
        assert!(is_promo("get the best stories in your inbox every morning"));
        assert!(!is_promo("readers said the plan was late"));
        assert!(!is_promo("more than 200 people came"));
    }
}
