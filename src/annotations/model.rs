//! What an annotation holds: plain data, no I/O.

use std::fmt;
use std::str::FromStr;

use jiff::Timestamp;
use uuid::Uuid;

/// Information credibility on the NATO/Admiralty scale (the digit of `B2`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Credibility {
    Confirmed = 1,
    ProbablyTrue = 2,
    PossiblyTrue = 3,
    Doubtful = 4,
    Improbable = 5,
    CannotBeJudged = 6,
}

impl Credibility {
    pub const ALL: [Credibility; 6] = [
        Credibility::Confirmed,
        Credibility::ProbablyTrue,
        Credibility::PossiblyTrue,
        Credibility::Doubtful,
        Credibility::Improbable,
        Credibility::CannotBeJudged,
    ];

    /// `1..=6`, or `None` for any other number.
    pub fn from_number(n: i64) -> Option<Credibility> {
        Self::ALL.into_iter().find(|c| c.number() as i64 == n)
    }

    pub fn number(self) -> u8 {
        self as u8
    }

    /// "probably true".
    pub fn label(self) -> &'static str {
        match self {
            Credibility::Confirmed => "confirmed",
            Credibility::ProbablyTrue => "probably true",
            Credibility::PossiblyTrue => "possibly true",
            Credibility::Doubtful => "doubtful",
            Credibility::Improbable => "improbable",
            Credibility::CannotBeJudged => "cannot be judged",
        }
    }
}

impl fmt::Display for Credibility {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.number())
    }
}

/// Source reliability on the NATO/Admiralty scale (the letter of `B2`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Reliability {
    A,
    B,
    C,
    D,
    E,
    F,
}

impl Reliability {
    pub const ALL: [Reliability; 6] = [
        Reliability::A,
        Reliability::B,
        Reliability::C,
        Reliability::D,
        Reliability::E,
        Reliability::F,
    ];

    pub fn letter(self) -> char {
        match self {
            Reliability::A => 'A',
            Reliability::B => 'B',
            Reliability::C => 'C',
            Reliability::D => 'D',
            Reliability::E => 'E',
            Reliability::F => 'F',
        }
    }

    /// "usually reliable".
    pub fn label(self) -> &'static str {
        match self {
            Reliability::A => "completely reliable",
            Reliability::B => "usually reliable",
            Reliability::C => "fairly reliable",
            Reliability::D => "not usually reliable",
            Reliability::E => "unreliable",
            Reliability::F => "reliability cannot be judged",
        }
    }
}

impl fmt::Display for Reliability {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.letter())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{}` is not a reliability grade; use one letter A (completely reliable) to F (cannot be judged)", crate::text::escape(.0))]
pub struct BadReliability(pub String);

impl FromStr for Reliability {
    type Err = BadReliability;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let mut chars = s.trim().chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) => Self::ALL
                .into_iter()
                .find(|r| r.letter() == c.to_ascii_uppercase())
                .ok_or_else(|| BadReliability(s.to_string())),
            _ => Err(BadReliability(s.to_string())),
        }
    }
}

/// The combined Admiralty grade of a claim: the speaker's reliability and the
/// claim's credibility. Displays as `B2`, with `-` for a missing half (`B-`, `-2`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Grade {
    pub reliability: Option<Reliability>,
    pub credibility: Option<Credibility>,
}

impl Grade {
    pub fn is_empty(&self) -> bool {
        self.reliability.is_none() && self.credibility.is_none()
    }

    /// The grade in words, for messages: "source B (usually reliable),
    /// credibility 2 (probably true)"; "not graded" when empty.
    pub fn words(&self) -> String {
        let mut parts = Vec::new();
        if let Some(r) = self.reliability {
            parts.push(format!("source {r} ({})", r.label()));
        }
        if let Some(c) = self.credibility {
            parts.push(format!("credibility {c} ({})", c.label()));
        }
        if parts.is_empty() {
            "not graded".into()
        } else {
            parts.join(", ")
        }
    }
}

impl fmt::Display for Grade {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.reliability {
            Some(r) => write!(f, "{r}")?,
            None => f.write_str("-")?,
        }
        match self.credibility {
            Some(c) => write!(f, "{c}"),
            None => f.write_str("-"),
        }
    }
}

/// Where an annotation was made, so it can be found again after the briefing is
/// edited (a W3C/Hypothesis-style text quote selector plus a hash of the claim).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Anchor {
    /// Section id the claim was in.
    pub section: String,
    /// The claim's words exactly as they stood in the section text.
    pub exact: String,
    /// Up to [`crate::annotations::anchor::CONTEXT_CHARS`] characters before `exact`.
    pub prefix: String,
    /// Up to that many characters after `exact`.
    pub suffix: String,
    /// `fnv1a64:` hash of the claim text (typography-folded) when annotated.
    pub hash: String,
}

/// One reader's assessment of one claim.
#[derive(Debug, Clone, PartialEq)]
pub struct Annotation {
    pub id: Uuid,
    /// Claim id it was made on (as stored; see [`crate::annotations::Placed`] for
    /// where it is attached now).
    pub claim: String,
    pub credibility: Option<Credibility>,
    /// Free text, several lines.
    pub note: String,
    pub tags: Vec<String>,
    pub created: Timestamp,
    pub modified: Timestamp,
    pub anchor: Anchor,
    /// Fields this version does not know, kept as they were and written back.
    pub extra: toml::Table,
}

impl Annotation {
    /// True when there is nothing in it: no grade, note or tag.
    pub fn is_blank(&self) -> bool {
        self.credibility.is_none() && self.note.trim().is_empty() && self.tags.is_empty()
    }
}

/// A source-reliability grade for one actor of the briefing.
#[derive(Debug, Clone, PartialEq)]
pub struct ActorGrade {
    pub actor: String,
    pub reliability: Reliability,
    pub note: String,
    pub modified: Timestamp,
    pub extra: toml::Table,
}

/// What the reader's editor hands back: the fields a person edits.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Draft {
    pub credibility: Option<Credibility>,
    pub note: String,
    pub tags: Vec<String>,
}

impl Draft {
    /// Tags as typed in one line ("a, b c"): split on commas and whitespace,
    /// trimmed of `#`, deduplicated, order kept.
    pub fn parse_tags(line: &str) -> Vec<String> {
        normalize_tags(line.split(|c: char| c == ',' || c.is_whitespace()))
    }
}

/// Trims, drops empties and `#`, removes control characters and duplicates.
pub fn normalize_tags<'a>(tags: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for tag in tags {
        let tag = crate::text::sanitize(tag.trim().trim_start_matches('#'))
            .split_whitespace()
            .collect::<Vec<_>>()
            .join("-");
        if !tag.is_empty() && !out.contains(&tag) {
            out.push(tag);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grades_display_like_the_admiralty_code() {
        let g = Grade {
            reliability: Some(Reliability::B),
            credibility: Some(Credibility::ProbablyTrue),
        };
        assert_eq!(g.to_string(), "B2");
        let g = Grade {
            reliability: None,
            credibility: Some(Credibility::Doubtful),
        };
        assert_eq!(g.to_string(), "-4");
        assert!(Grade::default().is_empty());
    }

    #[test]
    fn scales_parse() {
        assert_eq!("b".parse::<Reliability>(), Ok(Reliability::B));
        assert!("G".parse::<Reliability>().is_err());
        assert!("AB".parse::<Reliability>().is_err());
        assert_eq!(Credibility::from_number(6), Some(Credibility::CannotBeJudged));
        assert_eq!(Credibility::from_number(0), None);
        assert_eq!(Credibility::from_number(7), None);
    }

    #[test]
    fn tags_are_normalized() {
        assert_eq!(
            Draft::parse_tags(" #military, oil  military,\u{1b}x "),
            vec!["military", "oil", "x"]
        );
        assert_eq!(normalize_tags(["two words", ""]), vec!["two-words"]);
    }
}
