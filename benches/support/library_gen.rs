//! Generates a library of realistic-looking briefings for the library benches
//! (`benches/library.rs`) and `examples/gen_library.rs`: about 20 KB each, words
//! drawn with a Zipf-like law (so "oil" is in some briefings, not all), actors
//! drawn from a pool so the same people and states recur across briefings under
//! varying names ("President X", "U.S."), quotes and paraphrases that are found in
//! their sections, dated claims (some partial dates) and related claims.
#![allow(dead_code)]

use std::fmt::Write as _;
use std::path::Path;

const COUNTRIES: &str = include_str!("../../src/import/countries.txt");
const ARTICLE: &str = include_str!("../../tests/fixtures/russia-venezuela-levers.txt");

/// Words with a given rough share of paragraphs, for search measurements.
pub const PROBES: &[(&str, u32)] = &[("oil", 40), ("sanctions", 25), ("pipeline", 8), ("referendum", 2)];

pub struct Rng(pub u64);

impl Rng {
    pub fn step(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.step() % n.max(1) as u64) as usize
    }
    /// Roughly Zipf: index i drawn with weight about 1/(i+1).
    pub fn zipf(&mut self, n: usize) -> usize {
        let u = (self.step() % 1_000_000) as f64 / 1_000_000.0;
        (((n as f64 + 1.0).powf(u)) - 1.0) as usize % n.max(1)
    }
}

struct Pool {
    words: Vec<String>,
    states: Vec<(String, Vec<String>)>,
    people: Vec<(String, String)>,
}

fn pool() -> Pool {
    let mut words: Vec<String> = Vec::new();
    for w in ARTICLE.split(|c: char| !c.is_ascii_alphabetic()) {
        let w = w.to_lowercase();
        if w.len() > 2 && !words.contains(&w) && !PROBES.iter().any(|(p, _)| *p == w) {
            words.push(w);
        }
    }
    // Rare words: made of syllables, so the vocabulary is large as in real news.
    let syllables = [
        "ka", "lo", "ren", "mi", "sto", "va", "dur", "pel", "ix", "on", "tra", "gen",
    ];
    let mut rng = Rng(99);
    while words.len() < 20_000 {
        let n = 2 + rng.below(3);
        let w: String = (0..n).map(|_| syllables[rng.below(syllables.len())]).collect();
        words.push(w);
    }
    let states = COUNTRIES
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let (name, forms) = l.split_once('|')?;
            let aliases = forms
                .split(';')
                .map(str::trim)
                .filter(|f| !f.is_empty() && f.chars().all(|c| c.is_ascii_alphabetic() || c == ' '))
                .take(2)
                .map(str::to_string)
                .collect();
            Some((name.trim().to_string(), aliases))
        })
        .filter(|(n, _)| n.chars().all(|c| c.is_ascii_alphabetic() || c == ' '))
        .collect();
    let first = [
        "Anna", "Boris", "Carla", "David", "Elena", "Farid", "Grace", "Hugo", "Ines", "Jamal", "Kira", "Luis",
    ];
    let last = [
        "Petrov",
        "Okafor",
        "Lindqvist",
        "Moreau",
        "Tanaka",
        "Silva",
        "Novak",
        "Haddad",
        "Kowalski",
        "Brennan",
        "Achebe",
        "Varga",
        "Castillo",
        "Ivanova",
        "Mensah",
        "Rossi",
        "Duarte",
        "Keller",
        "Nakamura",
        "Osei",
    ];
    let mut people = Vec::new();
    for l in last {
        for f in first {
            people.push((format!("{f} {l}"), l.to_string()));
        }
    }
    Pool {
        words,
        states,
        people,
    }
}

struct Actor {
    id: String,
    name: String,
    kind: &'static str,
    aliases: Vec<String>,
    /// How the text names it.
    says: String,
}

/// One briefing's TOML.
fn briefing(i: usize, pool: &Pool, rng: &mut Rng) -> String {
    let mut actors: Vec<Actor> = Vec::new();
    let n_states = 3 + rng.below(4);
    let n_people = 4 + rng.below(6);
    while actors.len() < n_states {
        let (name, aliases) = &pool.states[rng.zipf(pool.states.len())];
        let id = slug(name);
        if actors.iter().any(|a| a.id == id) {
            continue;
        }
        // Some briefings write "U.S."-style short names; identity must still match.
        let name = if name == "United States" && rng.below(3) == 0 {
            "U.S.".to_string()
        } else {
            name.clone()
        };
        actors.push(Actor {
            id,
            says: name.clone(),
            name,
            kind: "state",
            aliases: aliases.clone(),
        });
    }
    while actors.len() < n_states + n_people {
        let (name, last) = &pool.people[rng.zipf(pool.people.len())];
        let id = slug(name);
        if actors.iter().any(|a| a.id == id) {
            continue;
        }
        let name = if rng.below(4) == 0 {
            format!("President {name}")
        } else {
            name.clone()
        };
        actors.push(Actor {
            id,
            says: last.clone(),
            name,
            kind: "person",
            aliases: vec![last.clone()],
        });
    }

    let mut sections: Vec<(String, Option<String>, Vec<String>)> = Vec::new();
    let mut claims = String::new();
    let n_sections = 4 + rng.below(3);
    let mut claim_no = 0;
    for s in 0..n_sections {
        let id = if s == 0 {
            "lead".to_string()
        } else {
            format!("s{s}")
        };
        let heading = (s > 0).then(|| capitalise(&sentence(pool, rng, 3)));
        let mut paragraphs = Vec::new();
        for _ in 0..(3 + rng.below(3)) {
            let mut p = String::new();
            for _ in 0..(3 + rng.below(4)) {
                let n = 10 + rng.below(14);
                p.push_str(&capitalise(&sentence(pool, rng, n)));
                p.push_str(". ");
            }
            for (probe, per_mille) in PROBES {
                if rng.below(1000) < *per_mille as usize {
                    p.push_str(&format!("Talk turned to {probe} again. "));
                }
            }
            // A claim: a quote or a paraphrase with an anchor.
            let a = rng.below(actors.len());
            let about = rng.below(actors.len());
            let n = 6 + rng.below(8);
            let words = sentence(pool, rng, n);
            let quote = rng.below(2) == 0;
            let cid = format!("c{claim_no}");
            if quote {
                write!(p, "{} said \"{words}\" in remarks. ", actors[a].says).unwrap();
            } else {
                write!(p, "{} argued that {words}. ", actors[a].says).unwrap();
            }
            let mention = &actors[about].says;
            write!(p, "The remarks concerned {mention}.").unwrap();
            write!(
                claims,
                "\n[[claims]]\nid = \"{cid}\"\nsection = \"{id}\"\nspeaker = \"{}\"\nabout = [\"{}\"]\n",
                actors[a].id, actors[about].id
            )
            .unwrap();
            if quote {
                write!(claims, "kind = \"quote\"\ntext = \"{words}\"\n").unwrap();
            } else {
                write!(claims, "kind = \"paraphrase\"\ntext = \"{} holds that {words}.\"\nanchor = \"argued that {words}\"\n", actors[a].says).unwrap();
            }
            if rng.below(2) == 0 {
                let year = 2024 + rng.below(3);
                let month = 1 + rng.below(12);
                let date = match rng.below(5) {
                    0 => format!("{year}"),
                    1 => format!("{year}-{month:02}"),
                    _ => format!("{year}-{month:02}-{:02}", 1 + rng.below(28)),
                };
                writeln!(claims, "date = \"{date}\"").unwrap();
            }
            if claim_no > 0 && rng.below(6) == 0 {
                let rel = ["contradicts", "supports", "repeats"][rng.below(3)];
                writeln!(
                    claims,
                    "related = [{{ claim = \"c{}\", relation = \"{rel}\" }}]",
                    rng.below(claim_no)
                )
                .unwrap();
            }
            claim_no += 1;
            paragraphs.push(p);
        }
        sections.push((id, heading, paragraphs));
    }

    let mut out = String::new();
    let month = 1 + rng.below(12);
    let title = capitalise(&sentence(pool, rng, 7));
    write!(
        out,
        "schema = 1\nid = \"gen-{i:05}\"\ntitle = \"{title}\"\npublisher = \"Generated Wire\"\npublished = \"{}-{month:02}-{:02}\"\n",
        2024 + rng.below(3),
        1 + rng.below(28)
    )
    .unwrap();
    for a in &actors {
        let aliases = a
            .aliases
            .iter()
            .map(|x| format!("\"{x}\""))
            .collect::<Vec<_>>()
            .join(", ");
        write!(
            out,
            "\n[[actors]]\nid = \"{}\"\nname = \"{}\"\nkind = \"{}\"\naliases = [{aliases}]\n",
            a.id, a.name, a.kind
        )
        .unwrap();
    }
    for (id, heading, paragraphs) in &sections {
        write!(out, "\n[[sections]]\nid = \"{id}\"\n").unwrap();
        if let Some(h) = heading {
            writeln!(out, "heading = \"{h}\"").unwrap();
        }
        write!(out, "text = '''\n{}\n'''\n", paragraphs.join("\n\n")).unwrap();
    }
    out.push_str(&claims);
    out
}

fn sentence(pool: &Pool, rng: &mut Rng, n: usize) -> String {
    (0..n)
        .map(|_| pool.words[rng.zipf(pool.words.len())].as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn slug(s: &str) -> String {
    s.to_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

/// Writes `n` briefings into `dir` (created); returns the bytes written.
/// Skips the work when `dir` already holds exactly these files.
pub fn generate(dir: &Path, n: usize) -> u64 {
    std::fs::create_dir_all(dir).expect("create the library folder");
    let stamp = dir.join(".generated");
    if std::fs::read_to_string(&stamp).ok().as_deref() == Some(&n.to_string()) {
        return std::fs::read_dir(dir)
            .unwrap()
            .filter_map(Result::ok)
            .filter_map(|e| e.metadata().ok())
            .map(|m| m.len())
            .sum();
    }
    let pool = pool();
    let mut rng = Rng(0x5eed);
    let mut total = 0;
    for i in 0..n {
        let text = briefing(i, &pool, &mut rng);
        total += text.len() as u64;
        std::fs::write(dir.join(format!("gen-{i:05}.toml")), text).expect("write a generated briefing");
    }
    std::fs::write(stamp, n.to_string()).expect("write the stamp");
    total
}
