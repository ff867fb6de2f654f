//! Dates in running text: "on November 1", "in August", "October 31, 2025",
//! "mid-October", "in 2020", "two days earlier", "yesterday". A day or month
//! without a year takes it from the article's date when that is known.

use crate::model::{PartialDate, days_in_month};

use super::gazetteer::{WEEKDAYS, WordList, is_month};

/// A date found in a sentence, before or after resolving its year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    pub year: Option<u16>,
    pub month: Option<u8>,
    pub day: Option<u8>,
    /// What the sentence says of the date's place in time, for finding its year.
    pub tense: Tense,
}

/// Whether a date without a year lies before the article ("said on June 2"), after
/// it ("will meet on June 26"), or either way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tense {
    Past,
    Future,
    #[default]
    Either,
}

/// What has been read so far: the article's date and the last full date the text gave.
#[derive(Debug, Clone, Copy, Default)]
pub struct Context {
    pub published: Option<PartialDate>,
    pub last: Option<Found>,
}

/// The outcome for one claim: a date, or a note saying what the text says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    Date(PartialDate),
    /// Month and day known, year not: "????-11-01".
    NoYear {
        month: u8,
        day: Option<u8>,
    },
}

/// Numbers written as words, from zero: a word's line is its value.
static NUMBER_WORDS: WordList = WordList::data(include_str!("words/number-words.txt"));
/// Words before a month that make it a date on its own ("in August", "by May").
static MONTH_LEADS: WordList = WordList::data(include_str!("words/month-leads.txt"));
/// Words before a year that make it a date ("in 2020"; not "2020 votes").
static YEAR_LEADS: WordList = WordList::data(include_str!("words/year-leads.txt"));
/// Words that open a side clause between commas, brackets or dashes.
static SIDE_OPENERS: WordList = WordList::data(include_str!("words/side-clause-openers.txt"));
/// Words before a date that put it in the past ("said on") or the future ("will meet on").
static PAST_CUES: WordList = WordList::data(include_str!("words/past-cues.txt"));
static FUTURE_CUES: WordList = WordList::data(include_str!("words/future-cues.txt"));

fn words(s: &str) -> Vec<&str> {
    s.split(|c: char| c.is_whitespace() || c == '"' || c == '(' || c == ')')
        .map(|w| w.trim_matches(|c: char| matches!(c, ',' | ';' | ':' | '!' | '?')))
        .filter(|w| !w.is_empty())
        .collect()
}

fn day_number(w: &str) -> Option<u8> {
    let w = w.trim_end_matches('.');
    let digits: String = w.chars().take_while(char::is_ascii_digit).collect();
    let rest = &w[digits.len()..];
    if digits.is_empty() || digits.len() > 2 || !matches!(rest, "" | "st" | "nd" | "rd" | "th") {
        return None;
    }
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

fn year_number(w: &str) -> Option<u16> {
    let w = w.trim_end_matches(['.', '\'', 's']);
    (w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()))
        .then(|| w.parse().ok())
        .flatten()
        .filter(|y| (1800..=2200).contains(y))
}

fn iso(w: &str) -> Option<Found> {
    if w.len() < 7 || !w.as_bytes()[0].is_ascii_digit() {
        return None;
    }
    let w = w.trim_end_matches('.');
    let date = w.split('T').next()?;
    let d: PartialDate = date.parse().ok()?;
    (d.month.is_some()).then_some(Found {
        year: Some(d.year),
        month: d.month,
        day: d.day,
        tense: Tense::Either,
    })
}

fn month_word(w: &str) -> Option<u8> {
    let w = w.strip_prefix("mid-").unwrap_or(w);
    // "May" the verb is lowercase; month names are capitalised.
    if !w.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    is_month(w)
}

/// Finds the first date in a sentence, outside side clauses ("the rules, first
/// announced in 2023, …": that year is not the sentence's date).
pub fn find(sentence: &str, ctx: &Context) -> Option<Found> {
    let main = without_side_clauses(sentence);
    let ws = words(&main);
    (0..ws.len()).find_map(|i| date_at(&ws, i, ctx))
}

/// The date that word `i` of a sentence gives, alone or with its neighbours.
fn date_at(ws: &[&str], i: usize, ctx: &Context) -> Option<Found> {
    iso(ws[i])
        .or_else(|| relative_date(ws, i, ctx))
        .or_else(|| month_date(ws, i))
        .or_else(|| year_date(ws, i))
        .or_else(|| day_word_date(ws, i, ctx))
}

/// "two days earlier", "a week later" (from the last date given), "three weeks
/// ago" (from the article's date).
fn relative_date(ws: &[&str], i: usize, ctx: &Context) -> Option<Found> {
    const UNITS: [(&str, i64); 4] = [("day", 1), ("days", 1), ("week", 7), ("weeks", 7)];
    let unit = ws.get(i + 1)?;
    let unit_days = UNITS.iter().find(|(u, _)| unit.eq_ignore_ascii_case(u))?.1;
    let days = number(ws[i])? * unit_days;
    let direction = ws.get(i + 2)?.trim_end_matches('.').to_ascii_lowercase();
    let from_last = |by: i64| match ctx.last? {
        Found {
            year,
            month: Some(m),
            day: Some(d),
            ..
        } => Some(shift(year, m, d, by)),
        _ => None,
    };
    match direction.as_str() {
        "earlier" | "before" | "previously" => from_last(-days),
        "later" | "after" => from_last(days),
        "ago" => {
            let p = ctx.published?;
            Some(shift(Some(p.year), p.month?, p.day?, -days))
        }
        _ => None,
    }
}

/// "November 1", "1 November", "November 1, 2025", "November 2025", "in
/// November", "mid-October".
fn month_date(ws: &[&str], i: usize) -> Option<Found> {
    let w = ws[i];
    let month = Some(month_word(w)?);
    let next = ws.get(i + 1).copied().unwrap_or("");
    let day_before = i.checked_sub(1).and_then(|p| day_number(ws[p]));
    let (day, year) = if let Some(d) = day_number(next) {
        (Some(d), ws.get(i + 2).and_then(|y| year_number(y)))
    } else if let Some(d) = day_before {
        (Some(d), year_number(next))
    } else if let Some(y) = year_number(next) {
        return Some(Found {
            year: Some(y),
            month,
            day: None,
            tense: Tense::Either,
        });
    } else if w.starts_with("mid-") || MONTH_LEADS.contains(&previous_word(ws, i)) {
        (None, None)
    } else {
        return None;
    };
    Some(Found {
        year,
        month,
        day,
        tense: tense_before(ws, i),
    })
}

/// "in 2020", "by 2019": a year after a word that makes it a date.
fn year_date(ws: &[&str], i: usize) -> Option<Found> {
    let year = year_number(ws[i])?;
    YEAR_LEADS.contains(&previous_word(ws, i)).then_some(Found {
        year: Some(year),
        month: None,
        day: None,
        tense: Tense::Either,
    })
}

/// "today", "tonight", "yesterday", "on Monday": days counted from the article's date.
fn day_word_date(ws: &[&str], i: usize, ctx: &Context) -> Option<Found> {
    let p = ctx.published?;
    let (m, d) = (p.month?, p.day?);
    let w = ws[i];
    let delta = if w.eq_ignore_ascii_case("today") || w.eq_ignore_ascii_case("tonight") {
        0
    } else if w.eq_ignore_ascii_case("yesterday") {
        -1
    } else if previous_word(ws, i) == "on"
        && let Some(wd) = WEEKDAYS.iter().position(|x| *x == w)
    {
        let today = weekday(p.year, m, d);
        -((today + 7 - wd as i64) % 7)
    } else {
        return None;
    };
    Some(shift(Some(p.year), m, d, delta))
}

/// The word before word `i`, lowercase ("" at the start).
fn previous_word(ws: &[&str], i: usize) -> String {
    i.checked_sub(1)
        .map(|p| ws[p].to_ascii_lowercase())
        .unwrap_or_default()
}

/// The sentence with its side clauses blanked: ", which …,", "(first announced in 2023)".
fn without_side_clauses(sentence: &str) -> std::borrow::Cow<'_, str> {
    let is_break = |c: char| matches!(c, ',' | '(' | ')' | '—' | '–' | ';');
    let mut out: Option<String> = None;
    let mut start = 0;
    for (i, c) in sentence
        .char_indices()
        .chain(std::iter::once((sentence.len(), ',')))
    {
        if !is_break(c) {
            continue;
        }
        let segment = &sentence[start..i];
        let opener = segment
            .split_whitespace()
            .next()
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()));
        // A side clause sits between two breaks, not at the sentence's start.
        if start > 0 && opener.is_some_and(|w| SIDE_OPENERS.contains(w)) {
            let o = out.get_or_insert_with(|| sentence.to_string());
            o.replace_range(start..i, &" ".repeat(i - start));
        }
        start = i + c.len_utf8().min(sentence.len() - i);
    }
    out.map_or(std::borrow::Cow::Borrowed(sentence), std::borrow::Cow::Owned)
}

/// "said on", "will meet on": what the words before a date say of its time.
fn tense_before(ws: &[&str], i: usize) -> Tense {
    for w in ws[i.saturating_sub(4)..i].iter().rev() {
        let w = w.to_ascii_lowercase();
        if FUTURE_CUES.contains(&w) {
            return Tense::Future;
        }
        if PAST_CUES.contains(&w) || (w.len() > 4 && w.ends_with("ed")) {
            return Tense::Past;
        }
    }
    Tense::Either
}

fn number(w: &str) -> Option<i64> {
    w.parse::<i64>()
        .ok()
        .filter(|n| (1..=400).contains(n))
        .or_else(|| {
            NUMBER_WORDS
                .iter()
                .position(|x| x.eq_ignore_ascii_case(w))
                .map(|n| n as i64)
        })
        .or_else(|| w.eq_ignore_ascii_case("a").then_some(1))
}

/// Resolves a found date's year against the article's date.
pub fn resolve(found: Found, ctx: &Context) -> Option<Resolved> {
    let month = found.month;
    match (found.year, month) {
        (Some(year), _) => Some(Resolved::Date(PartialDate {
            year,
            month,
            day: if month.is_some() { found.day } else { None },
        })),
        (None, Some(m)) => match ctx.published {
            Some(p) => {
                let year = year_near(p, m, found.day, found.tense);
                let date = PartialDate {
                    year,
                    month: Some(m),
                    day: found.day,
                };
                // Re-validate (29 February in a non-leap year).
                date.to_string().parse().ok().map(Resolved::Date)
            }
            None => Some(Resolved::NoYear {
                month: m,
                day: found.day,
            }),
        },
        (None, None) => None,
    }
}

/// A dateline's "June 12" with the year of the article's date `p` that puts it
/// nearest (a dateline is written on the day or just before it).
pub fn dateline_date(p: PartialDate, month: u8, day: u8) -> Option<PartialDate> {
    let date = PartialDate {
        year: year_near(p, month, Some(day), Tense::Past),
        month: Some(month),
        day: Some(day),
    };
    date.to_string().parse().ok()
}

/// The year that puts month `m` (and day) where the sentence says, nearest the
/// article's date: a June 26 summit in an article of June 12 is that year's; a
/// statement "said on December 20" in an article of January 5 is the year before.
fn year_near(p: PartialDate, m: u8, day: Option<u8>, tense: Tense) -> u16 {
    let Some(pm) = p.month else { return p.year };
    // Days since the start of a year, roughly; a month alone is its middle.
    let at = |month: u8, d: Option<u8>| i32::from(month) * 31 + i32::from(d.unwrap_or(15));
    let offset = at(m, day) - at(pm, p.day.or(Some(15)));
    let year = i32::from(p.year);
    let best = match tense {
        Tense::Past if offset > 0 => year - 1,
        Tense::Future if offset < 0 => year + 1,
        Tense::Past | Tense::Future => year,
        Tense::Either => [year - 1, year, year + 1]
            .into_iter()
            .min_by_key(|y| (offset + (y - year) * 372).abs())
            .unwrap_or(year),
    };
    u16::try_from(best).unwrap_or(p.year)
}

/// Moves a date by some days; an unknown year counts as a common year.
fn shift(year: Option<u16>, month: u8, day: u8, by: i64) -> Found {
    let mut y = year.unwrap_or(2001);
    let (mut m, mut d) = (month.clamp(1, 12), day.max(1) as i64);
    d += by;
    while d < 1 {
        if m == 1 {
            m = 12;
            y = y.saturating_sub(1);
        } else {
            m -= 1;
        }
        d += days_in_month(y, m) as i64;
    }
    while d > days_in_month(y, m) as i64 {
        d -= days_in_month(y, m) as i64;
        if m == 12 {
            m = 1;
            y += 1;
        } else {
            m += 1;
        }
    }
    Found {
        year: year.map(|_| y),
        month: Some(m),
        day: Some(d as u8),
        tense: Tense::Either,
    }
}

/// 0 = Monday.
fn weekday(year: u16, month: u8, day: u8) -> i64 {
    const T: [i64; 12] = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
    let mut y = year as i64;
    if month < 3 {
        y -= 1;
    }
    let sunday0 = (y + y / 4 - y / 100 + y / 400 + T[(month as usize - 1) % 12] + day as i64) % 7;
    (sunday0 + 6) % 7
}

/// A date standing alone: "2025-11-03", "November 3, 2025", "3 Nov 2025", "Monday, Nov. 3, 2025 10:00 GMT".
pub fn parse_standalone(s: &str) -> Option<PartialDate> {
    let s = s.trim();
    if let Ok(d) = s.split(['T', ' ']).next().unwrap_or("").parse::<PartialDate>() {
        return Some(d);
    }
    let ws = words(s);
    let ws: Vec<&str> = ws
        .into_iter()
        .filter(|w| !WEEKDAYS.iter().any(|d| w.trim_end_matches(',') == *d))
        .collect();
    if ws.len() > 7 {
        return None;
    }
    let found = find(&ws.join(" "), &Context::default())?;
    let year = found.year.or_else(|| ws.iter().find_map(|w| year_number(w)))?;
    let d = PartialDate {
        year,
        month: found.month,
        day: found.day,
    };
    d.to_string().parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pd(s: &str) -> PartialDate {
        s.parse().unwrap()
    }

    #[test]
    fn absolute_and_month_dates() {
        let ctx = Context {
            published: Some(pd("2025-11-05")),
            last: None,
        };
        let r = |s: &str| find(s, &ctx).and_then(|f| resolve(f, &ctx));
        assert_eq!(
            r("On November 1, she said"),
            Some(Resolved::Date(pd("2025-11-01")))
        );
        assert_eq!(
            r("In August the United States doubled"),
            Some(Resolved::Date(pd("2025-08")))
        );
        assert_eq!(
            r("in December 2024 of Syria"),
            Some(Resolved::Date(pd("2024-12")))
        );
        assert_eq!(
            r("In an October 31 report"),
            Some(Resolved::Date(pd("2025-10-31")))
        );
        assert_eq!(
            r("said on December 20 that"),
            Some(Resolved::Date(pd("2024-12-20")))
        );
        assert_eq!(r("a report published in 2020"), Some(Resolved::Date(pd("2020"))));
        assert_eq!(r("he said yesterday"), Some(Resolved::Date(pd("2025-11-04"))));
        assert_eq!(r("she said on Monday"), Some(Resolved::Date(pd("2025-11-03"))));
        assert_eq!(r("It may rain."), None);
    }

    #[test]
    fn years_follow_the_article_date_and_the_tense() {
        let ctx = Context {
            published: Some(pd("2025-06-12")),
            last: None,
        };
        let r = |s: &str| find(s, &ctx).and_then(|f| resolve(f, &ctx));
        // A summit two weeks after the article is that year's.
        assert_eq!(
            r("Leaders meet at the June 26 summit"),
            Some(Resolved::Date(pd("2025-06-26")))
        );
        assert_eq!(
            r("They will meet on July 2"),
            Some(Resolved::Date(pd("2025-07-02")))
        );
        // What was said cannot come after the article.
        assert_eq!(
            r("She said on June 20 that"),
            Some(Resolved::Date(pd("2024-06-20")))
        );
        let january = Context {
            published: Some(pd("2025-01-05")),
            last: None,
        };
        assert_eq!(
            find("The December 20 vote", &january).and_then(|f| resolve(f, &january)),
            Some(Resolved::Date(pd("2024-12-20")))
        );
        assert_eq!(
            find("The talks will resume on January 3", &january).and_then(|f| resolve(f, &january)),
            Some(Resolved::Date(pd("2026-01-03")))
        );
    }

    #[test]
    fn a_year_in_a_side_clause_is_not_the_date() {
        let ctx = Context::default();
        let f = |s: &str| find(s, &ctx).map(|f| (f.year, f.month));
        assert_eq!(
            f("The rules, first announced in 2023, take effect in March 2026"),
            Some((Some(2026), Some(3)))
        );
        assert_eq!(f("The law, which was passed in 2019, is popular"), None);
        assert_eq!(f("In 2020, Rouvinski wrote that"), Some((Some(2020), None)));
    }

    #[test]
    fn relative_dates_follow_the_last_date_given() {
        let ctx = Context {
            published: None,
            last: Some(Found {
                year: None,
                month: Some(11),
                day: Some(1),
                tense: Tense::Either,
            }),
        };
        let f = find("Two days earlier, Zakharova said", &ctx).unwrap();
        assert_eq!(
            resolve(f, &ctx),
            Some(Resolved::NoYear {
                month: 10,
                day: Some(30)
            })
        );
    }

    #[test]
    fn standalone_dates() {
        assert_eq!(parse_standalone("November 3, 2025"), Some(pd("2025-11-03")));
        assert_eq!(parse_standalone("2025-11-03T10:00:00Z"), Some(pd("2025-11-03")));
        assert_eq!(
            parse_standalone("Monday, 3 Nov. 2025 10:00 GMT"),
            Some(pd("2025-11-03"))
        );
        assert_eq!(parse_standalone("the cat sat"), None);
    }
}
