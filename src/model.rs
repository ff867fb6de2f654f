//! The briefing model: plain data, no I/O. Field names follow `docs/format.md`.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

pub mod ids;

/// One article broken into sections, actors and claims.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Briefing {
    pub id: String,
    pub title: String,
    pub publisher: String,
    pub published: Option<PartialDate>,
    pub url: Option<String>,
    pub summary: Option<String>,
    /// Provenance line ("originally published by ...").
    pub note: Option<String>,
    pub actors: Vec<Actor>,
    pub sections: Vec<Section>,
    pub claims: Vec<Claim>,
}

impl Briefing {
    /// "Publisher · 2025-11": who published it and when, as the exports and
    /// reports print it under the title.
    pub fn byline(&self) -> String {
        match self.published {
            Some(d) => format!("{} · {d}", self.publisher),
            None => self.publisher.clone(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub id: String,
    pub name: String,
    pub kind: ActorKind,
    pub role: Option<String>,
    /// Surface forms the text uses besides `name` ("Moscow", "Kremlin" for Russia).
    pub aliases: Vec<String>,
}

impl Actor {
    /// The name followed by every alias: all the forms a mention can take.
    pub fn surface_forms(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str()).chain(self.aliases.iter().map(String::as_str))
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub id: String,
    /// `None` for the lead.
    pub heading: Option<String>,
    /// Paragraphs separated by blank lines.
    pub text: String,
}

impl Section {
    pub fn paragraphs(&self) -> impl Iterator<Item = &str> {
        self.text.split("\n\n").map(str::trim).filter(|p| !p.is_empty())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim {
    pub id: String,
    /// Section id.
    pub section: String,
    /// Actor id; `None` when the source is unnamed ("officials said").
    pub speaker: Option<String>,
    /// Actor ids the claim is about.
    pub about: Vec<String>,
    pub kind: ClaimKind,
    /// For a quote, the exact words; otherwise what is claimed.
    pub text: String,
    /// For a paraphrase or report: the fragment of the section where it is made.
    pub anchor: Option<String>,
    pub date: Option<PartialDate>,
    /// Channel: "CBS interview", "e-mailed comment to RFE/RL".
    pub via: Option<String>,
    pub related: Vec<Related>,
    /// Why the speaker is uncertain ("speaker carried over from the previous
    /// paragraph"); `None` when the text ties the words to the speaker.
    pub doubt: Option<String>,
}

impl Claim {
    /// The words to look for in the section text: the quote itself, or the anchor.
    pub fn locator(&self) -> &str {
        match (&self.kind, &self.anchor) {
            (ClaimKind::Quote, _) | (_, None) => &self.text,
            (_, Some(anchor)) => anchor,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Related {
    pub claim: String,
    pub relation: Relation,
}

macro_rules! keyword_enum {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $word:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "lowercase")]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $word),+ }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

keyword_enum!(
    /// What sort of actor: the reader groups and sorts by it.
    ActorKind { Person => "person", State => "state", Organisation => "organisation", Group => "group", Other => "other" }
);
keyword_enum!(
    ClaimKind { Quote => "quote", Paraphrase => "paraphrase", Report => "report" }
);
keyword_enum!(
    Relation { Contradicts => "contradicts", Supports => "supports", Repeats => "repeats" }
);

/// A date as precise as the source gives it: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    pub year: u16,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

/// A date that does not parse: the wrong form, or a month or day that does not exist.
/// The message quotes the text as given; whoever prints it escapes it
/// (`Diagnostic`, `app`), as the model sits below the text hygiene.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BadDate {
    #[error("`{}` is not a date of the form YYYY, YYYY-MM or YYYY-MM-DD", .0)]
    Form(String),
    #[error("`{}` has no month {}: months run from 01 to 12", .0, .1)]
    Month(String, u8),
    #[error("`{}` is not a day that exists: {} has {} days", .0, month_name(*.1, *.2), days_in_month(*.1, *.2))]
    Day(String, u16, u8),
}

fn month_name(year: u16, month: u8) -> String {
    const NAMES: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    format!("{} {year}", NAMES[usize::from(month.clamp(1, 12)) - 1])
}

impl FromStr for PartialDate {
    type Err = BadDate;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || BadDate::Form(s.to_string());
        let mut parts = s.split('-');
        let number = |part: Option<&str>, digits: usize| -> Result<Option<u16>, BadDate> {
            match part {
                None => Ok(None),
                Some(p) if p.len() == digits && p.bytes().all(|b| b.is_ascii_digit()) => {
                    p.parse().map(Some).map_err(|_| bad())
                }
                Some(_) => Err(bad()),
            }
        };
        let year = number(parts.next(), 4)?.ok_or_else(bad)?;
        let month = number(parts.next(), 2)?;
        let day = number(parts.next(), 2)?;
        if parts.next().is_some() {
            return Err(bad());
        }
        if let Some(m) = month
            && !(1..=12).contains(&m)
        {
            return Err(BadDate::Month(s.to_string(), m as u8));
        }
        if let (Some(m), Some(d)) = (month, day)
            && (d == 0 || d > days_in_month(year, m as u8) as u16)
        {
            return Err(BadDate::Day(s.to_string(), year, m as u8));
        }
        Ok(PartialDate {
            year,
            month: month.map(|m| m as u8),
            day: day.map(|d| d as u8),
        })
    }
}

/// Days in `month` (1-12) of `year`, leap years included.
pub fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

impl Serialize for PartialDate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// Ids are lowercase ASCII letters, digits and `-`, so they work as file names and URLs.
/// "s" for any count but one: "1 claim", "2 claims".
pub fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// The name of a claim's speaker, or "Unnamed source".
pub fn speaker_name<'a>(briefing: &'a Briefing, claim: &Claim) -> &'a str {
    claim
        .speaker
        .as_deref()
        .and_then(|id| briefing.actors.iter().find(|a| a.id == id))
        .map_or("Unnamed source", |a| a.name.as_str())
}

/// "quote, 2025-11-02, CBS interview": what kind of claim, when and through what.
pub fn claim_details(claim: &Claim) -> String {
    let mut parts = vec![claim.kind.to_string()];
    parts.extend(claim.date.map(|d| d.to_string()));
    // "report, report" says nothing twice: a channel that only names the kind is left out.
    parts.extend(
        claim
            .via
            .clone()
            .filter(|via| !names_only(via, claim.kind.as_str())),
    );
    parts.join(", ")
}

fn names_only(via: &str, kind: &str) -> bool {
    let via = via.trim().to_lowercase();
    let via = ["a ", "an ", "the "]
        .iter()
        .find_map(|article| via.strip_prefix(article))
        .unwrap_or(&via);
    via == kind || via.strip_suffix('s') == Some(kind)
}

/// The first `words` words of a claim as a reader sees it, with `…` when cut.
pub fn claim_opening(claim: &Claim, words: usize) -> String {
    let full = claim_words(claim);
    let mut parts = full.split_whitespace();
    let opening: Vec<&str> = parts.by_ref().take(words).collect();
    let mut out = opening.join(" ");
    if parts.next().is_some() {
        out.push('…');
    }
    out
}

/// The claim as a reader sees it: a quote in quotation marks, anything else as stated.
pub fn claim_words(claim: &Claim) -> String {
    match claim.kind {
        ClaimKind::Quote => format!("“{}”", claim.text.trim_matches(['"', '“', '”'])),
        _ => claim.text.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_parse_at_three_precisions() {
        assert_eq!(
            "2025".parse::<PartialDate>().unwrap(),
            PartialDate {
                year: 2025,
                month: None,
                day: None
            }
        );
        assert_eq!("2025-11".parse::<PartialDate>().unwrap().to_string(), "2025-11");
        assert_eq!(
            "2024-02-29".parse::<PartialDate>().unwrap().to_string(),
            "2024-02-29"
        );
    }

    #[test]
    fn bad_dates_are_rejected() {
        for bad in [
            "",
            "25",
            "2025-13",
            "2025-1",
            "2025-02-30",
            "2023-02-29",
            "2025-11-02-01",
            "Nov 2025",
        ] {
            assert!(bad.parse::<PartialDate>().is_err(), "{bad} should be rejected");
        }
    }

    #[test]
    fn a_date_of_the_right_form_that_does_not_exist_says_so() {
        let e = "2025-02-30".parse::<PartialDate>().unwrap_err().to_string();
        assert_eq!(
            e,
            "`2025-02-30` is not a day that exists: February 2025 has 28 days"
        );
        let e = "2024-02-30".parse::<PartialDate>().unwrap_err().to_string();
        assert!(e.ends_with("February 2024 has 29 days"), "{e}");
        let e = "2025-13".parse::<PartialDate>().unwrap_err().to_string();
        assert!(e.contains("no month 13"), "{e}");
        let e = "30/02/2025".parse::<PartialDate>().unwrap_err().to_string();
        assert!(e.contains("not a date of the form"), "{e}");
        let e = "\x1b[2J".parse::<PartialDate>().unwrap_err().to_string();
        assert!(e.starts_with("`\x1b[2J` is not a date"), "{e}");
    }

    #[test]
    fn ids() {
        assert!(is_valid_id("russia-venezuela-2"));
        assert!(!is_valid_id("Russia"));
        assert!(!is_valid_id(""));
        assert!(!is_valid_id("a_b"));
    }

    #[test]
    fn partial_dates_order_chronologically() {
        let a: PartialDate = "2025-10".parse().unwrap();
        let b: PartialDate = "2025-10-31".parse().unwrap();
        let c: PartialDate = "2025-11-01".parse().unwrap();
        assert!(a < b && b < c);
    }
}
