//! Bytes of a web page to text, honouring the charset the page or the server declares.

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

/// How far into the page a `<meta charset>` is looked for (browsers use 1024 bytes;
/// real pages put long scripts first, so a little more).
const PRESCAN: usize = 16 * 1024;

/// Decodes a page: a byte-order mark wins, then the charset the server declared
/// (`Content-Type: text/html; charset=…`), then `<meta charset>` or `http-equiv`,
/// then `<?xml encoding>`; without any, UTF-8 when the bytes are valid UTF-8, else
/// Windows-1252. ISO-8859-1 and ASCII labels decode as Windows-1252, as browsers do.
pub fn decode(bytes: &[u8], declared: Option<&str>, notes: &mut Vec<String>) -> String {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        return encoding.decode_without_bom_handling(&bytes[bom..]).0.into_owned();
    }
    let declared = declared
        .and_then(|d| Encoding::for_label(label_of(d).as_bytes()))
        .or_else(|| meta_charset(&bytes[..bytes.len().min(PRESCAN)]));
    let encoding = match declared {
        // A page that is ASCII-compatible cannot really be UTF-16 (the declaration is wrong).
        Some(e) if e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE => UTF_8,
        Some(e) => e,
        None if std::str::from_utf8(bytes).is_ok() => UTF_8,
        None => {
            notes.push("the page declares no character set and is not UTF-8: read as Windows-1252".into());
            WINDOWS_1252
        }
    };
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    if had_errors {
        notes.push(format!(
            "the page is not valid {}: undecodable bytes were replaced with �",
            encoding.name()
        ));
    }
    text.into_owned()
}

/// `text/html; charset="ISO-8859-1"` → `ISO-8859-1`; a bare label stays as it is.
fn label_of(declared: &str) -> String {
    let lower = declared.to_ascii_lowercase();
    let value = match lower.find("charset") {
        Some(at) => lower[at + "charset".len()..]
            .trim_start()
            .strip_prefix('=')
            .unwrap_or(""),
        None => &lower,
    };
    value
        .trim()
        .trim_matches(['"', '\''])
        .split([';', ' ', '"', '\''])
        .next()
        .unwrap_or("")
        .to_string()
}

/// The charset named by the first `<meta charset=…>`, `<meta http-equiv content="…; charset=…">`
/// or `<?xml … encoding="…"?>` in the page's head.
fn meta_charset(head: &[u8]) -> Option<&'static Encoding> {
    // Labels are ASCII: look at the bytes as Latin-1 so that any encoding can be scanned.
    let text: String = head.iter().map(|&b| b as char).collect();
    let lower = text.to_ascii_lowercase();
    if let Some(rest) = lower.strip_prefix("<?xml")
        && let Some(end) = rest.find("?>")
        && let Some(at) = rest[..end].find("encoding")
    {
        let value = rest[at + "encoding".len()..end]
            .trim_start()
            .strip_prefix('=')
            .unwrap_or("");
        if let Some(e) = Encoding::for_label(label_of(value).as_bytes()) {
            return Some(e);
        }
    }
    let head_end = lower.find("</head").unwrap_or(lower.len());
    let mut from = 0;
    while let Some(at) = lower[from..head_end].find("<meta") {
        let start = from + at;
        let end = lower[start..].find('>').map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        if let Some(c) = tag.find("charset") {
            let e = Encoding::for_label(label_of(&tag[c..]).as_bytes());
            if e.is_some() {
                return e;
            }
        }
        from = end.min(head_end);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(bytes: &[u8], declared: Option<&str>) -> String {
        decode(bytes, declared, &mut Vec::new())
    }

    #[test]
    fn the_meta_charset_is_honoured() {
        let page = b"<html><head><meta charset=\"windows-1252\"></head><body>caf\xe9 \x93quoted\x94</body>";
        assert!(dec(page, None).contains("café “quoted”"));
        let page = b"<head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\"></head>na\xefve";
        assert!(dec(page, None).ends_with("naïve"));
    }

    #[test]
    fn the_server_declaration_wins_over_the_page_and_a_bom_over_both() {
        let page = b"<meta charset=utf-8><p>\xe9t\xe9";
        assert!(dec(page, Some("text/html; charset=\"iso-8859-1\"")).ends_with("été"));
        let page = b"\xef\xbb\xbf<meta charset=windows-1252><p>\xc3\xa9";
        assert!(dec(page, Some("iso-8859-1")).ends_with("<p>é"));
    }

    #[test]
    fn undeclared_pages_are_utf8_when_valid_else_windows_1252() {
        assert!(dec("<p>Zürich".as_bytes(), None).ends_with("Zürich"));
        let mut notes = Vec::new();
        assert!(decode(b"<p>Z\xfcrich", None, &mut notes).ends_with("Zürich"));
        assert_eq!(notes.len(), 1);
    }

    #[test]
    fn an_xml_declaration_names_the_encoding() {
        let page = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\" ?><html><p>\xe0 la";
        assert!(dec(page, None).ends_with("à la"));
    }

    #[test]
    fn labels_come_out_of_content_types() {
        assert_eq!(label_of("text/html; charset=UTF-8"), "utf-8");
        assert_eq!(label_of("text/html;charset='latin1'; x=y"), "latin1");
        assert_eq!(label_of("windows-1252"), "windows-1252");
    }
}
