//! Finding actors: capitalised runs of words split by titles, cue words and the
//! gazetteer into people, states, organisations and groups, with their roles
//! and every surface form the text uses.
//!
//! - `tokens`: words of folded text;
//! - `words`: what one word is (a name word, an acronym, a title, a cue);
//! - `runs`: runs of capitalised words, the candidates;
//! - `classify`: one run split into actors, rule by rule;
//! - `roles`: roles before and after a name;
//! - `paragraph`: a paragraph's runs and what the words around them add;
//! - `context`: actors the words around a run name when its capitals say nothing;
//! - `merge`: the article's actors, with surnames, short names and acronyms joined.

mod classify;
mod context;
mod merge;
mod paragraph;
mod roles;
mod runs;
mod tokens;
mod words;

use crate::model::ActorKind;

pub use merge::{Actor, merge};
pub use paragraph::{ParagraphFinds, find_in_paragraph};
pub use runs::Vocabulary;
pub use tokens::{Token, tokenize};
pub use words::{in_sentence_case, is_acronym, is_given_name, is_outlet_name};

/// A candidate actor seen in the text.
#[derive(Debug, Clone)]
pub struct Found {
    pub name: String,
    pub kind: ActorKind,
    pub role: Option<String>,
    /// The form as written ("Moscow" for Russia).
    pub form: String,
    /// Whether something beyond capitals says it is an actor (a title, a role, a cue word, the gazetteer).
    pub sure: bool,
}

#[cfg(test)]
mod tests {
    use super::merge::without_corporate_suffix;
    use super::*;
    use crate::text::Folded;

    fn names(text: &str) -> Vec<(String, ActorKind, Option<String>)> {
        let folded = Folded::new(text);
        let tokens = vec![tokenize(&folded.text)];
        let vocab = Vocabulary::build(&tokens);
        let pf = find_in_paragraph(&folded, text, &tokens[0], &vocab);
        pf.found.into_iter().map(|f| (f.name, f.kind, f.role)).collect()
    }

    #[test]
    fn tokens_keep_abbreviations_and_possessives() {
        let t = tokenize("The U.S. and Venezuela's Nicolas Maduro met Mr. Smith. Then");
        let words: Vec<&str> = t.iter().map(|t| t.text).collect();
        assert_eq!(
            words,
            [
                "The",
                "U.S.",
                "and",
                "Venezuela",
                "Nicolas",
                "Maduro",
                "met",
                "Mr.",
                "Smith",
                "Then"
            ]
        );
        assert!(t[3].possessive);
        assert!(!t[8].sentence_start);
        assert!(t[9].sentence_start);
    }

    #[test]
    fn titles_split_runs() {
        let n = names("On November 1, Russian Foreign Ministry Spokeswoman Maria Zakharova said so.");
        assert!(n.contains(&("Russian Foreign Ministry".into(), ActorKind::Organisation, None)));
        assert!(n.contains(&(
            "Maria Zakharova".into(),
            ActorKind::Person,
            Some("Russian Foreign Ministry Spokeswoman".into())
        )));
        let n = names("He met Secretary of State Marco Rubio and US President Donald Trump.");
        assert!(n.iter().any(|(name, _, role)| name == "Marco Rubio" && role.as_deref() == Some("Secretary of State")), "{n:?}");
        assert!(n.iter().any(|(name, _, _)| name == "United States"));
    }

    #[test]
    fn corporate_suffix_gives_the_short_name() {
        assert_eq!(without_corporate_suffix("Acme Corp"), Some("Acme"));
        assert_eq!(
            without_corporate_suffix("Blue Harbor Holdings, Inc."),
            Some("Blue Harbor Holdings")
        );
        assert_eq!(without_corporate_suffix("Acme Foods"), None);
        assert_eq!(without_corporate_suffix("Ltd"), None);
    }

    #[test]
    fn roles_before_and_after_names() {
        let n = names("In 2020, Colombia-based analyst Vladimir Rouvinski wrote that.");
        assert!(n.iter().any(|(name, _, role)| name == "Vladimir Rouvinski"
            && role.as_deref() == Some("Colombia-based analyst")));
        let n = names("\"Yes,\" Oleg Ignatov, senior Russia analyst at the Crisis Group, told RFE/RL.");
        assert!(n.iter().any(|(name, _, role)| name == "Oleg Ignatov"
            && role.as_deref() == Some("senior Russia analyst at the Crisis Group")));
        assert!(
            n.iter()
                .any(|(name, k, _)| name == "Crisis Group" && *k == ActorKind::Organisation)
        );
    }
}
