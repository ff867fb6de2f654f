//! Ids derived from names and words, as the importer writes them and as an
//! edit that adds a claim derives them: the same text gives the same id.

use std::collections::HashSet;

use super::ActorKind;

/// Words left out of a claim's id.
const ID_STOPWORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "of", "to", "in", "on", "at", "for", "is", "was", "that", "said", "says",
    "say", "told", "wrote", "it", "its", "be", "by", "with", "as", "this", "i",
];

/// A claim's speaker, as far as its id needs it.
#[derive(Debug, Clone, Copy)]
pub struct IdSpeaker<'a> {
    pub name: &'a str,
    pub kind: ActorKind,
    pub aliases: &'a [String],
}

/// The id a claim would get before it is made unique: the speaker's surname (a
/// person) or shortened name, then the first four telling words of `text`
/// (not the speaker's own name, stopwords or numbers). May be empty.
pub fn claim_id(speaker: Option<IdSpeaker<'_>>, text: &str) -> String {
    let speaker_word = speaker.map(|a| match a.kind {
        ActorKind::Person => slug(a.name.rsplit(' ').next().unwrap_or(a.name), 20),
        _ => slug(a.name.trim_start_matches("The ").trim_start_matches("the "), 24),
    });
    let speaker_words: HashSet<String> = speaker
        .map(|a| {
            std::iter::once(a.name)
                .chain(a.aliases.iter().map(String::as_str))
                .flat_map(str::split_whitespace)
                .map(|w| slug(w, 30))
                .collect()
        })
        .unwrap_or_default();
    let is_word_char = |c: char| c.is_alphanumeric() || c == '_' || c == '\u{00AD}';
    let words: Vec<String> = text
        .split(|c: char| !is_word_char(c) && !matches!(c, '\'' | '’'))
        .map(|w| {
            if w.bytes().all(|b| b.is_ascii_alphanumeric()) {
                w.to_ascii_lowercase()
            } else {
                slug(w, 20)
            }
        })
        .filter(|w| !w.is_empty() && !ID_STOPWORDS.contains(&w.as_str()) && !speaker_words.contains(w))
        .filter(|w| !w.chars().all(|c| c.is_ascii_digit()))
        .take(4)
        .collect();
    let mut parts: Vec<String> = speaker_word.into_iter().collect();
    parts.extend(words);
    slug(&parts.join("-"), 48)
}

/// `base` (or `fallback` when empty) made unique against `taken` by adding
/// `-2`, `-3`, … as the importer does.
pub fn unique_id(base: &str, fallback: &str, taken: impl Fn(&str) -> bool) -> String {
    let base = if base.is_empty() { fallback } else { base };
    if !taken(base) {
        return base.to_string();
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !taken(id))
        .unwrap_or_else(|| base.to_string())
}

/// A stable id from a name: lowercase ASCII letters, digits and `-`.
pub fn slug(s: &str, max_len: usize) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if matches!(
            c,
            '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '’' | '‘'
        ) {
            continue;
        }
        let mapped = ascii_of(c);
        for m in mapped.chars() {
            if m.is_ascii_alphanumeric() {
                out.push(m.to_ascii_lowercase());
            } else if !out.ends_with('-') && !out.is_empty() && m != '\'' {
                out.push('-');
            }
        }
    }
    let mut out = out.trim_matches('-').to_string();
    if out.len() > max_len {
        let cut = out[..max_len]
            .rfind('-')
            .filter(|&i| i > max_len / 2)
            .unwrap_or(max_len);
        out.truncate(cut);
        out = out.trim_matches('-').to_string();
    }
    out
}

fn ascii_of(c: char) -> String {
    if c.is_ascii() {
        return c.to_string();
    }
    let s = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'Ā' | 'Ă' | 'Ą' => "a",
        'æ' | 'Æ' => "ae",
        'ç' | 'ć' | 'č' | 'Ç' | 'Ć' | 'Č' => "c",
        'ď' | 'đ' | 'Ď' | 'Đ' | 'ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' | 'È' | 'É' | 'Ê' | 'Ë' | 'Ē' | 'Ę' | 'Ě' => {
            "e"
        }
        'ğ' | 'Ğ' => "g",
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'ı' | 'Ì' | 'Í' | 'Î' | 'Ï' | 'Ī' | 'İ' => "i",
        'ł' | 'Ł' | 'ľ' | 'Ľ' => "l",
        'ñ' | 'ń' | 'ň' | 'Ñ' | 'Ń' | 'Ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'Ō' | 'Ő' => {
            "o"
        }
        'œ' | 'Œ' => "oe",
        'ř' | 'Ř' => "r",
        'ś' | 'š' | 'ş' | 'ș' | 'Ś' | 'Š' | 'Ş' | 'Ș' => "s",
        'ß' => "ss",
        'ť' | 'ţ' | 'ț' | 'Ť' | 'Ţ' | 'Ț' => "t",
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ū' | 'Ů' | 'Ű' => {
            "u"
        }
        'ý' | 'ÿ' | 'Ý' => "y",
        'ź' | 'ż' | 'ž' | 'Ź' | 'Ż' | 'Ž' => "z",
        'þ' | 'Þ' => "th",
        _ => "-",
    };
    s.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_claim_id_is_the_speaker_and_four_telling_words() {
        let aliases = vec!["Ruiz".to_string()];
        let ruiz = IdSpeaker {
            name: "Ana Ruiz",
            kind: ActorKind::Person,
            aliases: &aliases,
        };
        assert_eq!(
            claim_id(Some(ruiz), "Ruiz said that we will build the bridge in 2026."),
            "ruiz-we-will-build-bridge"
        );
        assert_eq!(claim_id(None, "The 3 bridges"), "bridges");
        let bank = IdSpeaker {
            name: "The World Bank",
            kind: ActorKind::Organisation,
            aliases: &[],
        };
        assert_eq!(claim_id(Some(bank), "No."), "world-bank-no");
    }

    #[test]
    fn unique_ids_count_up_from_two() {
        let taken = ["no", "no-2"];
        assert_eq!(unique_id("no", "claim", |id| taken.contains(&id)), "no-3");
        assert_eq!(unique_id("", "claim", |_| false), "claim");
        assert_eq!(unique_id("yes", "claim", |id| taken.contains(&id)), "yes");
    }
}
