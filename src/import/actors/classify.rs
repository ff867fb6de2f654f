//! Splitting one run of capitalised words into actors. Each rule below either
//! handles the run (and says so) or leaves it to the next; the order matters:
//! known forms first, then titles, then cue words, then plain names.

use crate::model::ActorKind;

use super::super::gazetteer::{self as gz, gazetteer, is_in};
use super::Found;
use super::words::{
    COLLECTIVE_PLURALS, CONNECTORS, PARTICLES, PLACE_HEADS, in_capitals, is_acronym, is_camel, is_geographic,
    is_given_name, is_glue, is_name_word, is_org_cue, is_outlet, is_title_at, not_a_name, title_cased,
};

/// Splits one run of capitalised words into actors.
pub(super) fn classify(words: &[&str], out: &mut Vec<Found>) {
    let words = trim_glue(words);
    if words.is_empty() {
        return;
    }
    let joined = words.join(" ");
    let _handled = dateline_place(words, &joined, out)
        || known_form(&joined, out)
        || is_in(&gz::REGIONS, &joined)
        || ampersand_company(words, &joined, out)
        || split_at_and(words, out)
        || leading_the(words, &joined, out)
        || title_alone(words, out)
        || title_then_name(words, out)
        || title_with_of(words, out)
        || foreign_article_title(words, &joined, out)
        || ship(words, &joined, out)
        || split_before_given_name(words, out)
        || place_government(words, &joined, out)
        || organisation_by_cue(words, &joined, out)
        || split_at_connector(words, out)
        || known_form_first(words, &joined, out)
        || place_inside_institution(words, &joined, out)
        || split_at_non_name(words, out)
        || single_word(words, out)
        || collective_plural(words, &joined, out)
        || plain_person(words, &joined, out);
}

/// Classifies words before a title: only what something beyond capitals says is an
/// actor, so that "Deputy Economy Minister X" gives no "Deputy Economy".
fn classify_sure(words: &[&str], out: &mut Vec<Found>) {
    let mut found = Vec::new();
    classify(words, &mut found);
    out.extend(found.into_iter().filter(|f| f.sure));
}

/// A run never starts or ends with "and", "of" or a particle.
fn trim_glue<'w, 'a>(words: &'w [&'a str]) -> &'w [&'a str] {
    let end = words.iter().rposition(|w| !is_glue(w)).map_or(0, |k| k + 1);
    let start = words[..end].iter().position(|w| !is_glue(w)).unwrap_or(end);
    &words[start..end]
}

fn known(name: &str, kind: ActorKind, form: &str) -> Found {
    Found {
        name: name.to_string(),
        kind,
        role: None,
        form: form.to_string(),
        sure: true,
    }
}

pub(super) fn push_org(name: &str, out: &mut Vec<Found>) {
    out.push(known(name, ActorKind::Organisation, name));
}

pub(super) fn push_person(words: &[&str], role: Option<String>, sure: bool, out: &mut Vec<Found>) {
    if words.is_empty() {
        return;
    }
    let name = words.join(" ");
    out.push(Found {
        name: name.clone(),
        kind: ActorKind::Person,
        role,
        form: name,
        sure,
    });
}

/// "BRUSSELS, June 27 (Reuters)": a dateline's capitals are the place's name.
fn dateline_place(words: &[&str], joined: &str, out: &mut Vec<Found>) -> bool {
    if words.len() != 1 || !in_capitals(joined) {
        return false;
    }
    let Some(k) = gazetteer().forms.get(title_cased(joined).as_str()) else {
        return false;
    };
    out.push(known(k.name, k.kind, joined));
    true
}

fn known_form(joined: &str, out: &mut Vec<Found>) -> bool {
    let Some(k) = gazetteer().forms.get(joined) else {
        return false;
    };
    out.push(known(k.name, k.kind, joined));
    true
}

/// "Pacific Gas & Electric": an ampersand is inside a company's name.
fn ampersand_company(words: &[&str], joined: &str, out: &mut Vec<Found>) -> bool {
    let g = gazetteer();
    let inside = words.iter().position(|w| *w == "&").is_some_and(|amp| {
        amp > 0 && amp + 1 < words.len() && !words[..amp].iter().any(|w| g.forms.contains_key(w))
    });
    if inside {
        push_org(joined, out);
    }
    inside
}

/// "Marco Rubio and US President Donald Trump": two runs, unless the "and" is
/// inside an organisation's "of ..." ("School of Slavonic and East European Studies")
/// or joins two words that the organisation's last word names ("Fauna and Flora International").
fn split_at_and(words: &[&str], out: &mut Vec<Found>) -> bool {
    let Some(and) = words.iter().position(|w| *w == "and" || *w == "&") else {
        return false;
    };
    if words[..and].windows(2).any(|p| is_org_cue(p[0]) && p[1] == "of") {
        return false;
    }
    // "Fauna and Flora International and Wildlife Management International": the first
    // "and" is inside the first organisation's name, the second joins the two.
    let next_and = words[and + 1..]
        .iter()
        .position(|w| *w == "and" || *w == "&")
        .map_or(words.len(), |k| and + 1 + k);
    if and_inside_org(&words[..next_and], and) {
        if next_and == words.len() {
            return false;
        }
        push_org(&words[..next_and].join(" "), out);
        classify(&words[next_and + 1..], out);
        return true;
    }
    classify(&words[..and], out);
    classify(&words[and + 1..], out);
    true
}

/// "The Washington Post" keeps its article; other runs drop it.
fn leading_the(words: &[&str], joined: &str, out: &mut Vec<Found>) -> bool {
    if words[0] != "The" {
        return false;
    }
    if words.len() > 1 && is_outlet(joined) {
        push_org(joined, out);
    } else {
        classify(&words[1..], out);
    }
    true
}

/// A title with no name after it ("the Transport Secretary") names a role, not a
/// person; after a given name it is a surname ("Gayle King").
fn title_alone(words: &[&str], out: &mut Vec<Found>) -> bool {
    let Some(at) =
        (0..words.len()).find(|&at| is_title_at(words, at).is_some_and(|len| at + len == words.len()))
    else {
        return false;
    };
    if is_in(&gz::HONORIFICS, words[at]) {
        return false;
    }
    if at > 0 && at + 1 == words.len() && is_given_name(words[at - 1]) {
        let first = (0..at - 1)
            .rev()
            .take_while(|&k| is_given_name(words[k]) || is_in(&PARTICLES, words[k]))
            .last()
            .unwrap_or(at - 1);
        classify_sure(&words[..first], out);
        push_person(&words[first..], None, true, out);
        return true;
    }
    if at > 0 {
        classify_sure(&words[..at], out);
    }
    true
}

/// Title followed by a name: the rightmost title with 1-4 name words after it.
fn title_then_name(words: &[&str], out: &mut Vec<Found>) -> bool {
    let g = gazetteer();
    for at in (0..words.len()).rev() {
        let Some(len) = is_title_at(words, at) else {
            continue;
        };
        let name = &words[at + len..];
        let name_like = !name.is_empty()
            && name.len() <= 4
            && name.iter().all(|w| is_name_word(w) || is_in(&PARTICLES, w))
            && !name.iter().enumerate().any(|(k, w)| {
                is_org_cue(w)
                    || not_a_name(w)
                    || (g.forms.contains_key(w) && !(k > 0 && is_given_name(name[k - 1])))
            });
        if !name_like {
            continue;
        }
        let title = words[at..at + len].join(" ");
        let prefix = &words[..at];
        let role = if is_in(&gz::HONORIFICS, &title) && prefix.is_empty() {
            None
        } else {
            Some(words[..at + len].join(" "))
        };
        if !prefix.is_empty() {
            classify_sure(prefix, out);
        }
        push_person(name, role, true, out);
        return true;
    }
    false
}

/// "Duchess of Sussex", "Minister of Finance Colm Imbert": a title with "of" is a role.
fn title_with_of(words: &[&str], out: &mut Vec<Found>) -> bool {
    let g = gazetteer();
    let Some(at) =
        (0..words.len()).find(|&at| is_title_at(words, at) == Some(1) && words.get(at + 1) == Some(&"of"))
    else {
        return false;
    };
    classify_sure(&words[..at], out);
    // The name is what follows a given name, or the last two words of a long run.
    let k = (at + 2..words.len())
        .find(|&k| is_given_name(words[k]))
        .or_else(|| {
            let k = words.len().checked_sub(2)?;
            (k >= at + 4
                && words[k..]
                    .iter()
                    .all(|w| is_name_word(w) && !is_org_cue(w) && !g.forms.contains_key(w)))
            .then_some(k)
        });
    if let Some(k) = k
        && words.len() - k <= 4
    {
        push_person(&words[k..], Some(words[at..k].join(" ")), true, out);
    }
    true
}

/// "La Vanguardia", "Le Monde", "Die Zeit": an article and a name make a title, not a person.
fn foreign_article_title(words: &[&str], joined: &str, out: &mut Vec<Found>) -> bool {
    let titled = words.len() == 2
        && matches!(
            words[0],
            "La" | "Le" | "Les" | "El" | "Il" | "Lo" | "Die" | "Der" | "Das" | "Het"
        );
    if titled {
        push_org(joined, out);
    }
    titled
}

/// "HMS Belfast": a ship is an actor of kind `other`.
fn ship(words: &[&str], joined: &str, out: &mut Vec<Found>) -> bool {
    let is_ship = is_in(&gz::SHIP_PREFIXES, words[0]) && words.len() > 1;
    if is_ship {
        out.push(known(joined, ActorKind::Other, joined));
    }
    is_ship
}

/// "Ministry of Finance Brian Manning", "Massachusetts Joshua Levy": a given name after
/// other words starts a person's name; what comes before is classified apart.
fn split_before_given_name(words: &[&str], out: &mut Vec<Found>) -> bool {
    let Some(k) = (1..words.len()).find(|&k| {
        is_given_name(words[k])
            && !is_given_name(words[k - 1])
            && !is_in(&PARTICLES, words[k - 1])
            && !is_in(&CONNECTORS, words[k - 1])
            && is_title_at(words, k - 1).is_none()
            && (k > 1 || !is_org_cue(words[0]))
    }) else {
        return false;
    };
    let rest = &words[k + 1..];
    let name_like = (1..=3).contains(&rest.len())
        && rest.iter().all(|w| {
            (is_name_word(w) || is_in(&PARTICLES, w)) && !is_org_cue(w) && !is_acronym(w) && !not_a_name(w)
        });
    if !name_like {
        return false;
    }
    classify(&words[..k], out);
    // A known given name says this is a person.
    push_person(&words[k..], None, true, out);
    true
}

/// "Napa County", "Carson City": a place's government.
fn place_government(words: &[&str], joined: &str, out: &mut Vec<Found>) -> bool {
    let is_government = words.len() > 1
        && is_in(&PLACE_HEADS, words[words.len() - 1])
        && words.iter().all(|w| is_name_word(w) && !is_given_name(w));
    if is_government {
        out.push(known(joined, ActorKind::State, joined));
    }
    is_government
}

/// Organisations: a cue word at the end, or a cue word followed by "of".
fn organisation_by_cue(words: &[&str], joined: &str, out: &mut Vec<Found>) -> bool {
    let last = words[words.len() - 1];
    let cue_of = words.iter().enumerate().any(|(i, w)| {
        is_org_cue(w) && (words.get(i + 1) == Some(&"of") || (i + 1 < words.len() && !words.contains(&"and")))
    });
    if !((words.len() > 1 && is_org_cue(last)) || cue_of) {
        return false;
    }
    // "Russia and the Kennan Institute": split on "and" unless the "and" is inside "of ...".
    if let Some(and) = words.iter().position(|w| *w == "and" || *w == "&")
        && !words[..and].contains(&"of")
        && !and_inside_org(words, and)
    {
        classify(&words[..and], out);
        classify(&words[and + 1..], out);
        return true;
    }
    push_org(joined, out);
    true
}

/// "Fauna and Flora International", "Precision Cybertechnologies and Digital Solutions":
/// an "and" between a word or two and an organisation's cue word is inside the name.
fn and_inside_org(words: &[&str], and: usize) -> bool {
    let g = gazetteer();
    let (left, right) = (&words[..and], &words[and + 1..]);
    (1..=2).contains(&left.len())
        && (1..=3).contains(&right.len())
        && right.last().is_some_and(|w| is_org_cue(w))
        && !right[..right.len() - 1].iter().any(|w| is_org_cue(w))
        && left
            .iter()
            .chain(right)
            .all(|w| !g.forms.contains_key(w) && !is_given_name(w) && !is_acronym(w) && is_name_word(w))
        && !left.iter().any(|w| is_org_cue(w))
}

/// Split at connectors that are not inside a known form.
fn split_at_connector(words: &[&str], out: &mut Vec<Found>) -> bool {
    let Some(at) = words.iter().position(|w| is_in(&CONNECTORS, w)) else {
        return false;
    };
    classify(&words[..at], out);
    classify(&words[at + 1..], out);
    true
}

/// A known form at the start ("Russian Il-76"), or a place naming an institution
/// ("Chicago Tribune", "California Independent System Operator").
fn known_form_first(words: &[&str], joined: &str, out: &mut Vec<Found>) -> bool {
    let g = gazetteer();
    for len in (1..words.len()).rev().take(g.longest_form_words) {
        let head = words[..len].join(" ");
        let rest = &words[len..];
        if g.places.contains(head.as_str())
            && rest.iter().all(|w| is_name_word(w))
            && (rest.len() >= 2 || rest.iter().any(|w| is_org_cue(w)))
        {
            push_org(joined, out);
            return true;
        }
        if let Some(k) = g.forms.get(head.as_str())
            && (g.demonyms.contains(head.as_str())
                || g.places.contains(head.as_str())
                || is_acronym(&head)
                || words.len() - len >= 3)
        {
            out.push(known(k.name, k.kind, &head));
            classify(&words[len..], out);
            return true;
        }
    }
    false
}

/// "Southern California Edison": a place inside a run of names is part of an institution's name.
fn place_inside_institution(words: &[&str], joined: &str, out: &mut Vec<Found>) -> bool {
    let g = gazetteer();
    let inside = words.len() >= 3
        && (1..words.len() - 1).any(|k| g.places.contains(words[k]))
        && words
            .iter()
            .all(|w| is_name_word(w) && !not_a_name(w) && !is_given_name(w))
        && !g.forms.contains_key(words[0])
        && !g.forms.contains_key(words[words.len() - 1]);
    if inside {
        push_org(joined, out);
    }
    inside
}

/// Split around words that cannot be in a name (a month, a stopword, a state).
fn split_at_non_name(words: &[&str], out: &mut Vec<Found>) -> bool {
    let g = gazetteer();
    let Some(at) = words.iter().enumerate().position(|(k, w)| {
        not_a_name(w) || (g.forms.contains_key(w) && !(k > 0 && is_given_name(words[k - 1])))
    }) else {
        return false;
    };
    if words.len() > 1 {
        classify(&words[..at], out);
        classify(&words[at..at + 1], out);
        classify(&words[at + 1..], out);
    } else if let Some(k) = g.forms.get(words[0]) {
        out.push(known(k.name, k.kind, words[0]));
    }
    true
}

/// One word alone is an actor only as an acronym or a brand ("NATO", "PwC").
fn single_word(words: &[&str], out: &mut Vec<Found>) -> bool {
    if words.len() != 1 {
        return false;
    }
    if is_acronym(words[0]) || is_camel(words[0]) {
        push_org(words[0], out);
    }
    true
}

/// "House Democrats", "Indigenous Peoples": name words that end in a plural
/// of people name a group, not a person.
fn collective_plural(words: &[&str], joined: &str, out: &mut Vec<Found>) -> bool {
    let group = words.len() >= 2
        && words.len() <= 4
        && words.last().is_some_and(|w| is_in(&COLLECTIVE_PLURALS, w))
        && words.iter().all(|w| is_name_word(w) && !is_acronym(w));
    if group {
        out.push(Found {
            name: joined.to_string(),
            kind: ActorKind::Group,
            role: None,
            form: joined.to_string(),
            sure: false,
        });
    }
    group
}

/// Two to four name words and nothing else: a person, not yet sure.
fn plain_person(words: &[&str], joined: &str, out: &mut Vec<Found>) -> bool {
    if is_geographic(words) {
        // "Long Island Sound", "Lake Berryessa": a place, not an actor.
        return true;
    }
    let person = words.len() <= 4
        && words
            .iter()
            .all(|w| (is_name_word(w) && !is_acronym(w)) || is_in(&PARTICLES, w));
    if person {
        out.push(Found {
            name: joined.to_string(),
            kind: ActorKind::Person,
            role: None,
            form: joined.to_string(),
            sure: false,
        });
    }
    person
}
