#[test]
fn dump() {
    let Ok(p) = std::env::var("DUMP_HTML") else { return };
    let bytes = std::fs::read(&p).unwrap();
    if std::env::var("RAW").is_ok() {
        let text = String::from_utf8_lossy(&bytes).to_string();
        let text = text.replace("<noscript>", "<!--").replace("</noscript>", "-->");
        let doc = dom_query::Document::from(text.as_str());
        println!(
            "body text len {} p.bodytext {} {:?}",
            doc.select("body").text().len(),
            doc.select("p.bodytext").length(),
            doc.select("p.bodytext")
                .nodes()
                .get(3)
                .map(|p| p.parent().map(|x| x.html().len()))
        );
        let mut r = dom_smoothie::Readability::with_document(doc, None, None).unwrap();
        match r.parse_with_policy(match std::env::var("POL").as_deref() {
            Ok("raw") => dom_smoothie::ParsePolicy::Raw,
            Ok("clean") => dom_smoothie::ParsePolicy::Clean,
            _ => dom_smoothie::ParsePolicy::Moderate,
        }) {
            Ok(a) => println!("CONTENT {}", a.content),
            Err(e) => println!("ERR {e}"),
        }
        return;
    }
    let page = briefing::import::html::extract(&bytes, None, None).unwrap();
    println!("{:#?}\n{}", page.meta, page.markdown);
}
