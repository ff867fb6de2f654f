//! Dates in running text: "on November 1", "in August", "October 31, 2025",
//! "mid-October", "in 2020", "two days earlier", "yesterday". A day or month
//! without a year takes it from the article's date when that is known.

use crate::model::{PartialDate, days_in_month};

use super::gazetteer::{WEEKDAYS, is_month};

/// A date found in a sentence, before or after resolving its year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    pub year: Option<u16>,
    pub month: Option<u8>,
    pub day: Option<u8>,
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

const NUMBER_WORDS: &[&str] = &[
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "thirteen", "fourteen",
];

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

/// Finds the first date in a sentence.
pub fn find(sentence: &str, ctx: &Context) -> Option<Found> {
    let ws = words(sentence);
    for i in 0..ws.len() {
        let w = ws[i];
        if let Some(f) = iso(w) {
            return Some(f);
        }
        // Relative to the last date given: "two days earlier".
        let unit_follows = ws.get(i + 1).is_some_and(|u| {
            ["day", "days", "week", "weeks"]
                .iter()
                .any(|x| u.eq_ignore_ascii_case(x))
        });
        if unit_follows
            && let Some(n) = number(w)
            && let Some(unit) = ws.get(i + 1).map(|u| u.to_ascii_lowercase())
            && let Some(dir) = ws
                .get(i + 2)
                .map(|d| d.trim_end_matches('.').to_ascii_lowercase())
        {
            let days = match unit.as_str() {
                "day" | "days" => Some(n),
                "week" | "weeks" => Some(n * 7),
                _ => None,
            };
            if let Some(days) = days {
                let sign = match dir.as_str() {
                    "earlier" | "before" | "previously" => Some(-1),
                    "later" | "after" => Some(1),
                    "ago" => Some(0),
                    _ => None,
                };
                match sign {
                    Some(0) => {
                        if let Some(p) = ctx.published
                            && let (Some(m), Some(d)) = (p.month, p.day)
                        {
                            return Some(shift(Some(p.year), m, d, -days));
                        }
                    }
                    Some(s) => {
                        if let Some(Found {
                            year,
                            month: Some(m),
                            day: Some(d),
                        }) = ctx.last
                        {
                            return Some(shift(year, m, d, s * days));
                        }
                    }
                    None => {}
                }
            }
        }
        if let Some(m) = month_word(w) {
            let prev = if i > 0 {
                ws[i - 1].to_ascii_lowercase()
            } else {
                String::new()
            };
            let next = ws.get(i + 1).copied().unwrap_or("");
            if let Some(d) = day_number(next) {
                let year = ws.get(i + 2).and_then(|y| year_number(y));
                return Some(Found {
                    year,
                    month: Some(m),
                    day: Some(d),
                });
            }
            if i > 0
                && let Some(d) = day_number(ws[i - 1])
            {
                let year = ws.get(i + 1).and_then(|y| year_number(y));
                return Some(Found {
                    year,
                    month: Some(m),
                    day: Some(d),
                });
            }
            if let Some(y) = year_number(next) {
                return Some(Found {
                    year: Some(y),
                    month: Some(m),
                    day: None,
                });
            }
            let month_only = w.starts_with("mid-")
                || matches!(
                    prev.as_str(),
                    "in" | "since"
                        | "by"
                        | "until"
                        | "late"
                        | "early"
                        | "mid"
                        | "last"
                        | "next"
                        | "this"
                        | "of"
                        | "during"
                        | "from"
                );
            if month_only && !(w == "May" && prev.is_empty()) {
                return Some(Found {
                    year: None,
                    month: Some(m),
                    day: None,
                });
            }
        }
        if let Some(y) = year_number(w) {
            let prev = if i > 0 {
                ws[i - 1].to_ascii_lowercase()
            } else {
                String::new()
            };
            if matches!(
                prev.as_str(),
                "in" | "since" | "by" | "until" | "during" | "of" | "early" | "late" | "mid"
            ) {
                return Some(Found {
                    year: Some(y),
                    month: None,
                    day: None,
                });
            }
        }
        if let Some(p) = ctx.published
            && let (Some(m), Some(d)) = (p.month, p.day)
        {
            let delta = if w.eq_ignore_ascii_case("today") || w.eq_ignore_ascii_case("tonight") {
                Some(0)
            } else if w.eq_ignore_ascii_case("yesterday") {
                Some(-1)
            } else {
                None
            };
            if let Some(delta) = delta {
                return Some(shift(Some(p.year), m, d, delta));
            }
            if i > 0
                && ws[i - 1].eq_ignore_ascii_case("on")
                && let Some(wd) = WEEKDAYS.iter().position(|x| *x == w)
            {
                let today = weekday(p.year, m, d);
                let back = (today + 7 - wd as i64) % 7;
                return Some(shift(Some(p.year), m, d, -back));
            }
        }
    }
    None
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
                let later = match (p.month, found.day, p.day) {
                    (Some(pm), _, _) if m > pm => true,
                    (Some(pm), Some(d), Some(pd)) => m == pm && d > pd,
                    _ => false,
                };
                let year = if later { p.year.saturating_sub(1) } else { p.year };
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
    fn relative_dates_follow_the_last_date_given() {
        let ctx = Context {
            published: None,
            last: Some(Found {
                year: None,
                month: Some(11),
                day: Some(1),
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
