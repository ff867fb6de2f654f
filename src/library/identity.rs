//! One actor across briefings. Two actors are the same when a name or alias of
//! one equals a name or alias of the other after normalising (case, accents,
//! possessives, dots, titles such as "President"), and they are of the same
//! kind. The user's merge and split decisions ([`Decisions`]) override that.

use std::sync::OnceLock;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::hash::HashMap;
use crate::model::ActorKind;

fn word_list(source: &'static str) -> Vec<Vec<&'static str>> {
    let mut list: Vec<Vec<&str>> = source
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.split_whitespace().collect())
        .collect();
    // Longest first, so "vice president" is dropped whole before "president" is tried.
    list.sort_by_key(|words| std::cmp::Reverse(words.len()));
    list
}

fn titles() -> &'static [Vec<&'static str>] {
    static LIST: OnceLock<Vec<Vec<&str>>> = OnceLock::new();
    LIST.get_or_init(|| word_list(include_str!("titles.txt")))
}

fn articles() -> &'static [Vec<&'static str>] {
    static LIST: OnceLock<Vec<Vec<&str>>> = OnceLock::new();
    LIST.get_or_init(|| word_list(include_str!("articles.txt")))
}

/// The form a name is compared in: lowercase words without accents,
/// possessives, dots or leading titles. `"President Vladimir Putin's"` and
/// `"vladimir putin"` are equal; so are `"U.S."` and `"US"`.
pub fn normalize(name: &str, kind: ActorKind) -> String {
    let folded: String = name
        .nfkd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            '\u{2019}' | '\u{2018}' | '`' | '\u{00b4}' | '\u{02bc}' => '\'',
            c => c,
        })
        .filter(|&c| c != '.')
        .collect();
    let mut words: Vec<String> = folded
        .split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .map(|w| {
            let w = w.strip_suffix("'s").unwrap_or(w);
            w.replace('\'', "")
        })
        .filter(|w| !w.is_empty())
        .collect();
    let mut drop_leading = |list: &[Vec<&str>]| {
        while let Some(len) = list
            .iter()
            .find(|t| t.len() < words.len() && words.iter().zip(t.iter()).all(|(w, t)| w == t))
            .map(Vec::len)
        {
            words.drain(..len);
        }
    };
    drop_leading(articles());
    if matches!(kind, ActorKind::Person | ActorKind::Other) {
        drop_leading(titles());
        drop_leading(articles());
    }
    words.join(" ")
}

/// An actor of one briefing, as identity resolution sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorRef {
    pub briefing: String,
    pub actor: String,
    pub name: String,
    pub kind: ActorKind,
    /// Normalised name and aliases.
    pub forms: Vec<String>,
}

impl ActorRef {
    pub fn new(briefing: &str, actor: &crate::model::Actor) -> ActorRef {
        let mut forms: Vec<String> = actor
            .surface_forms()
            .map(|f| normalize(f, actor.kind))
            .filter(|f| !f.is_empty())
            .collect();
        forms.dedup();
        ActorRef {
            briefing: briefing.to_string(),
            actor: actor.id.clone(),
            name: actor.name.clone(),
            kind: actor.kind,
            forms,
        }
    }

    /// `briefing-id/actor-id`: how decisions name one actor.
    pub fn key(&self) -> String {
        format!("{}/{}", self.briefing, self.actor)
    }
}

/// The user's decisions: which actors are one, which stand apart.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decisions {
    /// Each entry makes one identity of every actor it names: a name (matched
    /// after normalising) or `briefing-id/actor-id`.
    #[serde(default, rename = "merge", skip_serializing_if = "Vec::is_empty")]
    pub merges: Vec<Merge>,
    /// Actors (`briefing-id/actor-id`) kept apart from every other.
    #[serde(default, rename = "split", skip_serializing_if = "Vec::is_empty")]
    pub splits: Vec<Split>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Merge {
    pub actors: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Split {
    pub actor: String,
}

/// Union-find over actor indices.
struct Sets(Vec<usize>);

impl Sets {
    fn find(&mut self, mut i: usize) -> usize {
        while self.0[i] != i {
            self.0[i] = self.0[self.0[i]];
            i = self.0[i];
        }
        i
    }
    fn union(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        if a != b {
            self.0[a.max(b)] = a.min(b);
        }
    }
}

/// Groups `actors` into identities: returns, for each actor, the number of its
/// identity (identities are numbered from 0 in order of their first actor).
pub fn resolve(actors: &[ActorRef], decisions: &Decisions) -> Vec<usize> {
    let mut sets = Sets((0..actors.len()).collect());
    let split: crate::hash::HashSet<&str> = decisions.splits.iter().map(|s| s.actor.as_str()).collect();
    let keys: Vec<String> = actors.iter().map(ActorRef::key).collect();
    let mut first: HashMap<(&str, ActorKind), usize> = HashMap::default();
    for (i, actor) in actors.iter().enumerate() {
        if split.contains(keys[i].as_str()) {
            continue;
        }
        for form in actor.forms.iter().filter(|f| links(f, actor.kind)) {
            match first.get(&(form.as_str(), actor.kind)) {
                Some(&j) => sets.union(i, j),
                None => {
                    first.insert((form.as_str(), actor.kind), i);
                }
            }
        }
    }
    let by_key: HashMap<&str, usize> = keys.iter().enumerate().map(|(i, k)| (k.as_str(), i)).collect();
    for merge in &decisions.merges {
        let members: Vec<usize> = merge
            .actors
            .iter()
            .flat_map(|name| named(actors, &by_key, name))
            .collect();
        for pair in members.windows(2) {
            sets.union(pair[0], pair[1]);
        }
    }
    let mut numbers: HashMap<usize, usize> = HashMap::default();
    (0..actors.len())
        .map(|i| {
            let root = sets.find(i);
            let next = numbers.len();
            *numbers.entry(root).or_insert(next)
        })
        .collect()
}

/// Whether two actors sharing this form are the same. A person's single word
/// ("Trump", "Petrov") is a surname many people share: it finds them, but only
/// a fuller name (or the user's merge) makes two of them one.
pub fn links(form: &str, kind: ActorKind) -> bool {
    kind != ActorKind::Person || form.contains(' ')
}

/// Actors a decision's entry names: `briefing/actor`, or every actor with that name.
fn named(actors: &[ActorRef], by_key: &HashMap<&str, usize>, name: &str) -> Vec<usize> {
    if name.contains('/') {
        return by_key.get(name).copied().into_iter().collect();
    }
    actors
        .iter()
        .enumerate()
        .filter(|(_, a)| {
            let wanted = normalize(name, a.kind);
            a.forms.contains(&wanted)
        })
        .map(|(i, _)| i)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(briefing: &str, id: &str, name: &str, kind: ActorKind, aliases: &[&str]) -> ActorRef {
        ActorRef::new(
            briefing,
            &crate::model::Actor {
                id: id.into(),
                name: name.into(),
                kind,
                role: None,
                aliases: aliases.iter().map(|s| s.to_string()).collect(),
            },
        )
    }

    #[test]
    fn names_normalise() {
        use ActorKind::*;
        assert_eq!(normalize("U.S.", State), "us");
        assert_eq!(normalize("US", State), "us");
        assert_eq!(normalize("President Vladimir Putin’s", Person), "vladimir putin");
        assert_eq!(normalize("Mr. Nicolás Maduro", Person), "nicolas maduro");
        assert_eq!(normalize("The Kremlin", State), "kremlin");
        assert_eq!(normalize("General Motors", Organisation), "general motors");
        assert_eq!(normalize("Vice President JD Vance", Person), "jd vance");
        assert_eq!(normalize("The New York Times'", Organisation), "new york times");
        assert_eq!(normalize("O’Brien", Person), "obrien");
        // A title alone is a name, not nothing.
        assert_eq!(normalize("The President", Person), "president");
    }

    #[test]
    fn same_name_or_alias_and_kind_is_one_identity() {
        use ActorKind::*;
        let actors = vec![
            actor("a", "russia", "Russia", State, &["Moscow", "Kremlin"]),
            actor("b", "kremlin", "The Kremlin", State, &[]),
            actor("c", "putin", "Vladimir Putin", Person, &["Putin"]),
            actor("d", "president-putin", "President Vladimir Putin", Person, &[]),
            actor("e", "us", "U.S.", State, &[]),
            actor("f", "united-states", "United States", State, &["US"]),
            actor("g", "georgia", "Georgia", State, &[]),
            actor("h", "georgia-p", "Georgia", Person, &[]),
        ];
        let ids = resolve(&actors, &Decisions::default());
        assert_eq!(ids[0], ids[1]);
        assert_eq!(ids[2], ids[3]);
        assert_eq!(ids[4], ids[5]);
        assert_ne!(ids[0], ids[2]);
        assert_ne!(ids[6], ids[7], "a state and a person are never merged by name");
        let petrovs = vec![
            actor("a", "anna", "Anna Petrov", Person, &["Petrov"]),
            actor("b", "boris", "Boris Petrov", Person, &["Petrov"]),
            actor("c", "petrov", "Petrov", Person, &[]),
        ];
        let ids = resolve(&petrovs, &Decisions::default());
        assert_eq!(ids, vec![0, 1, 2], "a shared surname alone joins nobody");
        assert_eq!(ids[0], 0, "numbered in order of first actor");
    }

    #[test]
    fn decisions_merge_and_split() {
        use ActorKind::*;
        let actors = vec![
            actor("a", "putin", "Vladimir Putin", Person, &[]),
            actor("b", "pres", "Russian President", Person, &[]),
            actor("c", "washington", "Washington", State, &[]),
            actor("d", "washington", "Washington", State, &[]),
        ];
        let decisions = Decisions {
            merges: vec![Merge {
                actors: vec!["vladimir putin".into(), "b/pres".into()],
            }],
            splits: vec![Split {
                actor: "d/washington".into(),
            }],
        };
        let ids = resolve(&actors, &decisions);
        assert_eq!(ids[0], ids[1]);
        assert_ne!(ids[2], ids[3]);
        let ids = resolve(&actors, &Decisions::default());
        assert_ne!(ids[0], ids[1]);
        assert_eq!(ids[2], ids[3]);
    }
}
