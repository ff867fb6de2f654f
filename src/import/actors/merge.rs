//! The paragraphs' finds merged into the article's actors: one actor per name,
//! surnames, short names and acronyms joined to the full name, forms shared by
//! two actors dropped, and names written as the article writes them.

use crate::hash::FnvBuild;
use crate::model::ActorKind;

use super::super::gazetteer::{self as gz, gazetteer, is_in};
use super::ParagraphFinds;
use super::words::{first_upper, is_acronym, is_given_name, is_outlet};

type HashMap<K, V> = std::collections::HashMap<K, V, FnvBuild>;
type HashSet<K> = std::collections::HashSet<K, FnvBuild>;

/// The actors of the article, merged.
#[derive(Debug, Clone)]
pub struct Actor {
    pub name: String,
    pub kind: ActorKind,
    pub role: Option<String>,
    pub aliases: Vec<String>,
    pub sure: bool,
}

impl Actor {
    fn add_alias(&mut self, alias: String) {
        if !self.aliases.contains(&alias) {
            self.aliases.push(alias);
        }
    }
}

/// Pairs (from, into): the actor `from` is another form of `into`.
type Joins = HashSet<(usize, usize)>;

/// Merges paragraph finds into one list of actors in order of first appearance.
pub fn merge(finds: Vec<ParagraphFinds<'_>>, publisher: Option<&str>) -> Vec<Actor> {
    let written = written_forms(&finds);
    let (mut actors, singles) = collect(finds);
    let surnames = surnames(&actors);
    let mut joins = Joins::default();
    join_surnames(&mut actors, &surnames, &mut joins);
    surname_aliases(&mut actors, &surnames, &singles);
    short_names(&mut actors, &singles);
    join_acronyms(&mut actors, publisher, &mut joins);
    join_short_forms(&mut actors, &mut joins);
    let dropped = person_words(&actors, &surnames);
    let mut kept = without_joined(actors, &joins, &dropped);
    drop_shared_aliases(&mut kept);
    for a in &mut kept {
        write_as_article(a, &written);
    }
    kept
}

/// Folded forms and how the article writes them: the first writing wins.
fn written_forms(finds: &[ParagraphFinds<'_>]) -> HashMap<String, String> {
    let mut written: HashMap<String, String> = HashMap::default();
    for pf in finds {
        for (folded, original) in &pf.typography {
            written.entry(folded.clone()).or_insert_with(|| original.clone());
        }
    }
    written
}

/// One actor per name, in order of first appearance, and the words seen standing alone.
fn collect(finds: Vec<ParagraphFinds<'_>>) -> (Vec<Actor>, HashSet<&str>) {
    let mut actors: Vec<Actor> = Vec::new();
    let mut by_name: HashMap<String, usize> = HashMap::default();
    let mut singles: HashSet<&str> = HashSet::default();
    for pf in finds {
        singles.extend(pf.singles);
        for f in pf.found {
            let i = *by_name.entry(f.name.clone()).or_insert_with(|| {
                actors.push(Actor {
                    name: f.name.clone(),
                    kind: f.kind,
                    role: None,
                    aliases: Vec::new(),
                    sure: false,
                });
                actors.len() - 1
            });
            let a = &mut actors[i];
            a.sure |= f.sure;
            if a.role.is_none() {
                a.role = f.role;
            }
            if f.form != a.name {
                a.add_alias(f.form);
            }
        }
    }
    (actors, singles)
}

fn surname(name: &str) -> &str {
    name.rsplit(' ').next().unwrap_or(name)
}

/// The people of two words or more by surname ("Ocasio-Cortez" also by "Cortez").
fn surnames(actors: &[Actor]) -> HashMap<String, Vec<usize>> {
    let mut surnames: HashMap<String, Vec<usize>> = HashMap::default();
    for (i, a) in actors.iter().enumerate() {
        if a.kind == ActorKind::Person
            && a.name.contains(' ')
            && !a.name.chars().next().is_some_and(char::is_lowercase)
        {
            surnames.entry(surname(&a.name).to_string()).or_default().push(i);
            if let Some((_, bare)) = surname(&a.name).split_once('-')
                && first_upper(bare)
            {
                surnames.entry(bare.to_string()).or_default().push(i);
            }
        }
    }
    surnames
}

/// One-word people ("President Trump") join the full name with that surname.
fn join_surnames(actors: &mut [Actor], surnames: &HashMap<String, Vec<usize>>, joins: &mut Joins) {
    for (i, a) in actors.iter().enumerate() {
        // "according to Levy" made an organisation of a surname: it is the person.
        let bare_source = a.kind == ActorKind::Organisation && !is_acronym(&a.name);
        if (a.kind == ActorKind::Person || bare_source)
            && !a.name.contains(' ')
            && let Some(owners) = surnames.get(&a.name)
            && owners.len() == 1
        {
            joins.insert((i, owners[0]));
        }
    }
    for &(from, into) in joins.iter() {
        let (name, role, sure) = (
            actors[from].name.clone(),
            actors[from].role.clone(),
            actors[from].sure,
        );
        let target = &mut actors[into];
        target.add_alias(name);
        target.sure |= sure;
        if target.role.is_none() {
            target.role = role;
        }
    }
}

/// A surname standing alone in the text ("Brandt said") is an alias of its one owner.
fn surname_aliases(actors: &mut [Actor], surnames: &HashMap<String, Vec<usize>>, singles: &HashSet<&str>) {
    for (s, owners) in surnames {
        if owners.len() == 1 && singles.contains(s.as_str()) {
            let a = &mut actors[owners[0]];
            if !a.aliases.contains(s) {
                a.aliases.push(s.clone());
                a.sure = true;
            }
        }
    }
}

/// Organisations by their short names: "the Post", "Acme" for "Acme Corp", "Massy"
/// for "Massy Stores".
fn short_names(actors: &mut [Actor], singles: &HashSet<&str>) {
    // Newspapers are "the Post" after the first mention.
    for a in actors.iter_mut() {
        if a.kind == ActorKind::Organisation && a.name.contains(' ') && is_outlet(&a.name) {
            let last = surname(&a.name).to_string();
            if singles.contains(last.as_str()) {
                a.add_alias(last);
            }
        }
    }
    // "Acme Corp" is "Acme" after the first mention.
    for a in actors.iter_mut() {
        if let Some(short) = without_corporate_suffix(&a.name).map(str::to_string) {
            a.kind = ActorKind::Organisation;
            a.add_alias(short);
        }
    }
    // "Massy Stores" is "Massy" where "Massy" stands alone in the text.
    for a in actors.iter_mut() {
        if a.kind != ActorKind::Organisation {
            continue;
        }
        if let Some((head, last)) = a.name.rsplit_once(' ')
            && is_in(&gz::TRADE_WORDS, last)
            && !head.contains(' ')
            && singles.contains(head)
        {
            let head = head.to_string();
            a.add_alias(head);
        }
    }
}

/// Acronyms join the organisation they abbreviate ("RFE/RL"), the publisher included.
fn join_acronyms(actors: &mut [Actor], publisher: Option<&str>, joins: &mut Joins) {
    let mut publisher_actor = None;
    for i in 0..actors.len() {
        if actors[i].kind != ActorKind::Organisation || !is_acronym(&actors[i].name) {
            continue;
        }
        let letters: String = actors[i].name.chars().filter(|c| c.is_alphabetic()).collect();
        if let Some(j) = place_led_owner(actors, i, &letters) {
            // "California ISO" for "California Independent System Operator": the place stays written out.
            joins.insert((i, j));
            let name = actors[i].name.clone();
            if let Some((place, _)) = place_led_initials(&actors[j].name) {
                let form = format!("{place} {name}");
                actors[j].add_alias(form);
            }
            actors[j].add_alias(name);
        } else if let Some(j) = acronym_owner(actors, i, &letters) {
            joins.insert((i, j));
            let name = actors[i].name.clone();
            actors[j].add_alias(name);
        } else if let Some(p) = publisher
            && initials(p) == letters
        {
            publisher_actor = Some((i, p.to_string()));
        }
    }
    if let Some((i, p)) = publisher_actor {
        let a = &mut actors[i];
        let acronym = std::mem::replace(&mut a.name, p);
        a.aliases.insert(0, acronym);
        a.role = Some("publisher of the article".into());
    }
}

/// The organisation acronym `i` abbreviates: one that already has it as an alias,
/// else one whose initials spell it.
fn acronym_owner(actors: &[Actor], i: usize, letters: &str) -> Option<usize> {
    let name = &actors[i].name;
    (0..actors.len())
        .find(|&j| j != i && actors[j].aliases.contains(name))
        .or_else(|| {
            (0..actors.len()).find(|&j| {
                j != i && actors[j].kind == ActorKind::Organisation && initials(&actors[j].name) == letters
            })
        })
}

/// An organisation led by a place whose other initials spell acronym `i`, when no
/// organisation owns the acronym outright.
fn place_led_owner(actors: &[Actor], i: usize, letters: &str) -> Option<usize> {
    if acronym_owner(actors, i, letters).is_some() {
        return None;
    }
    (0..actors.len()).find(|&j| {
        j != i
            && actors[j].kind == ActorKind::Organisation
            && place_led_initials(&actors[j].name).is_some_and(|(_, init)| init == letters)
    })
}

/// A one-word organisation that is not an acronym: a short name ("Massy", "the Post")
/// or a guess from context ("Aeropost confirmed").
fn one_word_org(a: &Actor) -> bool {
    a.kind == ActorKind::Organisation && !a.name.contains(' ') && !is_acronym(&a.name)
}

/// "Massy said" beside "Massy Stores" (alias "Massy"), "the Post" beside "The
/// Washington Post", "the county" beside "Napa County": the short form joins the
/// one actor it names.
fn join_short_forms(actors: &mut [Actor], joins: &mut Joins) {
    let joined: HashSet<usize> = joins.iter().map(|&(from, _)| from).collect();
    // Who has each one-word alias ("Massy", "Post"): a big article has thousands of actors.
    let mut by_alias: HashMap<String, Vec<usize>> = HashMap::default();
    for (j, a) in actors.iter().enumerate() {
        for al in a.aliases.iter().filter(|al| !al.contains(' ')) {
            by_alias.entry(al.clone()).or_default().push(j);
        }
    }
    for i in 0..actors.len() {
        if joined.contains(&i) {
            continue;
        }
        let name = actors[i].name.clone();
        let owners: Vec<usize> = if one_word_org(&actors[i]) {
            by_alias
                .get(name.as_str())
                .into_iter()
                .flatten()
                .copied()
                .filter(|&j| j != i && !joined.contains(&j))
                .collect()
        } else if let Some(head) = name.strip_prefix("the ").filter(|h| !h.contains(' ')) {
            let kind = actors[i].kind;
            let head = format!(" {}", title_cased(head));
            (0..actors.len())
                .filter(|&j| {
                    j != i
                        && !joined.contains(&j)
                        && actors[j].kind == kind
                        && actors[j].name.ends_with(&head)
                })
                .collect()
        } else {
            continue;
        };
        if let [j] = owners[..] {
            joins.insert((i, j));
            actors[j].add_alias(name);
        }
    }
}

/// One-word organisations that are a person's given name ("Walter said") or the
/// surname of several people ("Lee said" with three Lees): no organisation at all.
fn person_words(actors: &[Actor], surnames: &HashMap<String, Vec<usize>>) -> HashSet<usize> {
    let given: HashSet<&str> = actors
        .iter()
        .filter(|a| a.kind == ActorKind::Person)
        .filter_map(|a| a.name.split_once(' ').map(|(first, _)| first))
        .filter(|first| is_given_name(first))
        .collect();
    (0..actors.len())
        .filter(|&i| {
            let a = &actors[i];
            one_word_org(a)
                && (given.contains(a.name.as_str()) || surnames.get(&a.name).is_some_and(|o| o.len() > 1))
        })
        .collect()
}

fn title_cased(w: &str) -> String {
    let mut c = w.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn without_joined(actors: Vec<Actor>, joins: &Joins, dropped: &HashSet<usize>) -> Vec<Actor> {
    let dropped: HashSet<usize> = joins
        .iter()
        .map(|&(from, _)| from)
        .chain(dropped.iter().copied())
        .collect();
    actors
        .into_iter()
        .enumerate()
        .filter(|(i, _)| !dropped.contains(i))
        .map(|(_, a)| a)
        .collect()
}

/// A form claimed by two actors would link to both: keep it only where it is the name.
fn drop_shared_aliases(kept: &mut [Actor]) {
    let mut owners: HashMap<String, usize> = HashMap::default();
    for a in kept.iter() {
        for f in std::iter::once(&a.name).chain(&a.aliases) {
            *owners.entry(crate::text::fold(f)).or_default() += 1;
        }
    }
    for a in kept.iter_mut() {
        a.aliases
            .retain(|al| owners.get(&crate::text::fold(al)).copied().unwrap_or(0) <= 1);
    }
}

/// Name, aliases and role with the article's own typography ("Lloyd’s List").
fn write_as_article(a: &mut Actor, written: &HashMap<String, String>) {
    let as_written = |s: &mut String| {
        if let Some(w) = written.get(s.as_str()) {
            *s = w.clone();
        }
    };
    as_written(&mut a.name);
    a.aliases.iter_mut().for_each(as_written);
    if let Some(r) = &mut a.role {
        as_written(r);
    }
}

/// "Acme Corp" → "Acme": the name before a closing legal suffix, when a name is left.
pub(super) fn without_corporate_suffix(name: &str) -> Option<&str> {
    let (head, last) = name.trim_end().rsplit_once(' ')?;
    let head = head.trim_end_matches(',').trim_end();
    (is_in(&gz::CORPORATE_SUFFIXES, last) && head.chars().next().is_some_and(char::is_uppercase))
        .then_some(head)
}

/// "California Independent System Operator" → ("California", "ISO"): a name led by
/// a place, and the initials of the rest.
fn place_led_initials(name: &str) -> Option<(&str, String)> {
    let (place, rest) = name.split_once(' ')?;
    let is_place = gazetteer()
        .forms
        .get(place)
        .is_some_and(|k| k.kind == ActorKind::State);
    (is_place && rest.contains(' ')).then(|| (place, initials(rest)))
}

fn initials(name: &str) -> String {
    name.split([' ', '/', '-'])
        .filter(|w| first_upper(w))
        .filter_map(|w| w.chars().next())
        .collect()
}
