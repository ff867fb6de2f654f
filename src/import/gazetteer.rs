//! Word lists the importer recognises: states (from `countries.txt`), groups,
//! well-known organisations, regions that are not actors, titles and roles,
//! organisation cue words, reporting verbs and the like. All data, no logic
//! beyond lookups.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::model::ActorKind;

const COUNTRIES: &str = include_str!("countries.txt");

/// A known entity: its canonical name and kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Known {
    pub name: &'static str,
    pub kind: ActorKind,
}

/// Groups and organisations every reader knows, beyond the states.
const OTHERS: &[(&str, ActorKind, &[&str])] = &[
    ("the West", ActorKind::Group, &["West"]),
    ("Global South", ActorKind::Group, &[]),
    ("Global North", ActorKind::Group, &[]),
    ("United Nations", ActorKind::Organisation, &["UN", "U.N."]),
    (
        "European Union",
        ActorKind::Organisation,
        &["EU", "E.U.", "Brussels"],
    ),
    (
        "NATO",
        ActorKind::Organisation,
        &["Nato", "North Atlantic Treaty Organization"],
    ),
    ("African Union", ActorKind::Organisation, &[]),
    ("Arab League", ActorKind::Organisation, &[]),
    ("OPEC", ActorKind::Organisation, &[]),
    ("BRICS", ActorKind::Group, &[]),
    ("G7", ActorKind::Group, &["G-7"]),
    ("G20", ActorKind::Group, &["G-20"]),
    ("Hamas", ActorKind::Organisation, &[]),
    ("Hezbollah", ActorKind::Organisation, &[]),
    ("Taliban", ActorKind::Organisation, &[]),
    ("Pentagon", ActorKind::Organisation, &[]),
    ("Reuters", ActorKind::Organisation, &[]),
    ("Associated Press", ActorKind::Organisation, &["AP"]),
    ("Agence France-Presse", ActorKind::Organisation, &["AFP"]),
    ("Bloomberg", ActorKind::Organisation, &[]),
    ("Interfax", ActorKind::Organisation, &[]),
    ("Xinhua", ActorKind::Organisation, &[]),
    ("Al Jazeera", ActorKind::Organisation, &[]),
];

/// Places that are not actors: regions, continents, seas.
pub static REGIONS: &[&str] = &[
    "Africa",
    "Asia",
    "Europe",
    "Eurasia",
    "Oceania",
    "Antarctica",
    "Arctic",
    "Antarctic",
    "Americas",
    "North America",
    "South America",
    "Central America",
    "Latin America",
    "Latin American",
    "Middle East",
    "Near East",
    "Far East",
    "Western Hemisphere",
    "Eastern Europe",
    "Western Europe",
    "Central Europe",
    "Northern Europe",
    "Southern Europe",
    "Central Asia",
    "South Asia",
    "East Asia",
    "Southeast Asia",
    "Asia-Pacific",
    "Indo-Pacific",
    "Balkans",
    "Baltic",
    "Baltics",
    "Caucasus",
    "Sahel",
    "Caribbean",
    "Gulf",
    "Persian Gulf",
    "Mediterranean",
    "Pacific",
    "Atlantic",
    "Indian Ocean",
    "Black Sea",
    "Red Sea",
    "Baltic Sea",
    "South China Sea",
    "North Sea",
    "Crimea",
    "Donbas",
    "Gaza",
    "West Bank",
    "Scandinavia",
    "Siberia",
    "Kashmir",
    "Horn of Africa",
    "Arabian Peninsula",
];

/// Titles that precede a name ("Secretary of State Marco Rubio"). Longest first
/// is not needed: the run splitter looks for the last title in a run.
pub static TITLES: &[&str] = &[
    "President",
    "Vice President",
    "President-elect",
    "Prime Minister",
    "Deputy Prime Minister",
    "Minister",
    "Foreign Minister",
    "Defense Minister",
    "Defence Minister",
    "Finance Minister",
    "Interior Minister",
    "Deputy Minister",
    "Secretary",
    "Secretary of State",
    "Secretary-General",
    "Secretary General",
    "Defense Secretary",
    "Foreign Secretary",
    "Home Secretary",
    "Treasury Secretary",
    "Press Secretary",
    "Spokeswoman",
    "Spokesman",
    "Spokesperson",
    "Senator",
    "Sen.",
    "Representative",
    "Rep.",
    "Congressman",
    "Congresswoman",
    "Governor",
    "Gov.",
    "Mayor",
    "Chancellor",
    "King",
    "Queen",
    "Prince",
    "Princess",
    "Emperor",
    "Pope",
    "Sheikh",
    "Ayatollah",
    "Supreme Leader",
    "General",
    "Gen.",
    "Lieutenant General",
    "Lt. Gen.",
    "Major General",
    "Admiral",
    "Adm.",
    "Colonel",
    "Col.",
    "Commander",
    "Marshal",
    "Ambassador",
    "Envoy",
    "Judge",
    "Justice",
    "Chief Justice",
    "Attorney General",
    "Prosecutor",
    "Director",
    "Chairman",
    "Chairwoman",
    "Chair",
    "Chief Executive",
    "CEO",
    "Founder",
    "Professor",
    "Prof.",
    "Dr.",
    "Dr",
    "Mr.",
    "Mr",
    "Mrs.",
    "Mrs",
    "Ms.",
    "Ms",
    "Sir",
    "Dame",
    "Lord",
    "Lady",
    "Speaker",
    "Premier",
    "Leader",
    "Opposition Leader",
    "Patriarch",
    "Archbishop",
    "Bishop",
    "Rabbi",
    "Imam",
    "Father",
    "Commissioner",
    "Chief",
    "Head",
];

/// Honorifics are titles that say nothing of the role.
pub static HONORIFICS: &[&str] = &[
    "Mr.", "Mr", "Mrs.", "Mrs", "Ms.", "Ms", "Dr.", "Dr", "Sir", "Dame", "Lord", "Lady",
];

/// Lowercase role nouns: "analyst Vladimir Rouvinski", "Oleg Ignatov, senior Russia analyst".
pub static ROLE_NOUNS: &[&str] = &[
    "analyst",
    "analysist",
    "expert",
    "researcher",
    "professor",
    "scholar",
    "fellow",
    "economist",
    "historian",
    "author",
    "journalist",
    "reporter",
    "correspondent",
    "editor",
    "commentator",
    "columnist",
    "writer",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "minister",
    "president",
    "leader",
    "official",
    "diplomat",
    "ambassador",
    "envoy",
    "senator",
    "lawmaker",
    "legislator",
    "politician",
    "candidate",
    "director",
    "head",
    "chief",
    "chairman",
    "chairwoman",
    "chair",
    "founder",
    "adviser",
    "advisor",
    "secretary",
    "general",
    "commander",
    "officer",
    "colonel",
    "admiral",
    "judge",
    "lawyer",
    "attorney",
    "prosecutor",
    "executive",
    "manager",
    "scientist",
    "physician",
    "doctor",
    "activist",
    "campaigner",
    "governor",
    "mayor",
    "strategist",
    "consultant",
    "lecturer",
    "dean",
    "student",
    "resident",
    "witness",
    "negotiator",
    "representative",
    "member",
    "deputy",
    "partner",
    "founder",
    "ceo",
    "owner",
    "economist",
    "pollster",
    "specialist",
    "observer",
    "commissioner",
    "chancellor",
    "premier",
    "vice-president",
    "undersecretary",
    "under-secretary",
    "consul",
    "delegate",
    "rapporteur",
    "chairperson",
    "treasurer",
    "regulator",
    "inspector",
    "superintendent",
    "sheriff",
    "mp",
    "congressman",
    "congresswoman",
    "engineer",
    "teacher",
    "nurse",
    "farmer",
    "worker",
    "driver",
    "mother",
    "father",
    "pensioner",
    "veteran",
    "survivor",
    "entrepreneur",
    "artist",
    "musician",
    "actor",
    "actress",
    "novelist",
    "poet",
    "priest",
    "coach",
    "player",
    "captain",
    "pilot",
    "soldier",
    "spokesperson",
    "organizer",
    "organiser",
    "volunteer",
    "trader",
    "banker",
    "investor",
    "landlord",
    "tenant",
    "shopkeeper",
];

/// Words that end (or start, before "of") an organisation's name.
pub static ORG_CUES: &[&str] = &[
    "Institute",
    "Institution",
    "Center",
    "Centre",
    "Group",
    "Ministry",
    "Council",
    "Post",
    "Party",
    "University",
    "College",
    "School",
    "Academy",
    "Agency",
    "Bank",
    "Committee",
    "Commission",
    "Department",
    "Office",
    "Foundation",
    "Corporation",
    "Corp.",
    "Company",
    "Co.",
    "Inc.",
    "Inc",
    "Ltd",
    "Ltd.",
    "LLC",
    "Association",
    "Organization",
    "Organisation",
    "Union",
    "Fund",
    "Court",
    "Parliament",
    "Assembly",
    "Congress",
    "Senate",
    "Army",
    "Navy",
    "Air Force",
    "Forces",
    "Guard",
    "Police",
    "Service",
    "Services",
    "Network",
    "News",
    "Times",
    "Journal",
    "Herald",
    "Tribune",
    "Gazette",
    "Telegraph",
    "Guardian",
    "Observer",
    "Economist",
    "Review",
    "Magazine",
    "Radio",
    "Television",
    "TV",
    "Press",
    "Media",
    "Club",
    "Federation",
    "Alliance",
    "Coalition",
    "Movement",
    "Front",
    "Board",
    "Authority",
    "Administration",
    "Cabinet",
    "Studies",
    "Forum",
    "Project",
    "Initiative",
    "Programme",
    "Program",
    "Watch",
    "International",
    "Laboratory",
    "Lab",
    "Labs",
    "Hospital",
    "Church",
    "Museum",
    "Society",
    "League",
    "Trust",
    "Partners",
    "Holdings",
    "Airlines",
    "Airways",
    "Systems",
    "Technologies",
    "Motors",
    "Energy",
    "Exchange",
    "Reserve",
    "Treasury",
    "Duma",
    "Secretariat",
    "Directorate",
    "Bureau",
    "Tank",
];

/// Cue words that make an organisation a news outlet: what it says is a report.
pub static OUTLET_CUES: &[&str] = &[
    "Post",
    "Times",
    "Journal",
    "Herald",
    "Tribune",
    "Gazette",
    "Telegraph",
    "Guardian",
    "Observer",
    "Economist",
    "Review",
    "Magazine",
    "Radio",
    "Television",
    "TV",
    "News",
    "Press",
    "Media",
    "Reuters",
    "Bloomberg",
    "Interfax",
    "Xinhua",
    "Al Jazeera",
    "Associated Press",
    "Agence France-Presse",
    "CBS",
    "CNN",
    "BBC",
    "NBC",
    "ABC",
    "NPR",
    "AFP",
    "AP",
    "TASS",
    "RIA",
    "RFE/RL",
    "Fox",
    "Politico",
    "Axios",
    "Kommersant",
    "Vedomosti",
];

/// Words that start a sentence with a capital but are not names.
pub static STOPWORDS: &[&str] = &[
    "A",
    "An",
    "The",
    "This",
    "That",
    "These",
    "Those",
    "It",
    "Its",
    "It's",
    "In",
    "On",
    "At",
    "By",
    "For",
    "From",
    "To",
    "Of",
    "With",
    "Without",
    "As",
    "And",
    "But",
    "Or",
    "Nor",
    "So",
    "Yet",
    "If",
    "When",
    "While",
    "Where",
    "Whether",
    "Why",
    "How",
    "What",
    "Who",
    "Whom",
    "Which",
    "After",
    "Before",
    "During",
    "Since",
    "Until",
    "Amid",
    "Among",
    "Despite",
    "Although",
    "Though",
    "Because",
    "However",
    "Meanwhile",
    "Moreover",
    "Also",
    "Even",
    "Still",
    "Then",
    "There",
    "Here",
    "He",
    "She",
    "They",
    "We",
    "I",
    "You",
    "His",
    "Her",
    "Their",
    "Our",
    "My",
    "Your",
    "One",
    "Two",
    "Three",
    "Four",
    "Five",
    "Six",
    "Seven",
    "Eight",
    "Nine",
    "Ten",
    "Many",
    "Most",
    "Some",
    "Several",
    "Such",
    "Neither",
    "Either",
    "Both",
    "All",
    "Each",
    "Every",
    "No",
    "Not",
    "Now",
    "Today",
    "Yesterday",
    "Tomorrow",
    "Last",
    "Next",
    "Earlier",
    "Later",
    "Under",
    "Over",
    "Through",
    "Against",
    "Between",
    "About",
    "Above",
    "Below",
    "Into",
    "Upon",
    "Within",
    "Like",
    "Unlike",
    "Instead",
    "Yes",
    "Serving",
    "Asked",
    "According",
    "Read",
    "More",
    "Related",
    "Photo",
    "Image",
    "Video",
    "Source",
    "Sources",
    "Update",
    "Updated",
    "Editor",
    "Note",
    "Why",
    "Where",
    "Follow",
    "Subscribe",
    "Share",
    "Advertisement",
    "Just",
    "Only",
    "Other",
    "Another",
    "Any",
    "Few",
    "Much",
    "New",
    "Old",
    "First",
    "Second",
    "Third",
    "Mid",
    "Late",
    "Early",
    "Do",
    "Does",
    "Did",
    "Is",
    "Are",
    "Was",
    "Were",
    "Be",
    "Has",
    "Have",
    "Had",
    "Will",
    "Would",
    "Can",
    "Could",
    "May",
    "Might",
    "Must",
    "Should",
    "Shall",
    "Let",
    "Please",
    "Thanks",
    "Thank",
    "OK",
    "Mr",
    "Mrs",
    "Ms",
];

pub static MONTHS: &[&str] = &[
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

pub static MONTH_ABBREVIATIONS: &[&str] = &[
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

pub static WEEKDAYS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// Verbs that introduce what someone said or wrote, in every tense the news uses.
pub static REPORTING_VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "saying",
    "told",
    "tells",
    "tell",
    "wrote",
    "writes",
    "write",
    "writing",
    "added",
    "adds",
    "stated",
    "states",
    "declared",
    "declares",
    "noted",
    "notes",
    "argued",
    "argues",
    "insisted",
    "insists",
    "warned",
    "warns",
    "claimed",
    "claims",
    "explained",
    "explains",
    "announced",
    "announces",
    "denounced",
    "denounces",
    "denied",
    "denies",
    "acknowledged",
    "acknowledges",
    "admitted",
    "admits",
    "asserted",
    "asserts",
    "replied",
    "replies",
    "responded",
    "responds",
    "suggested",
    "suggests",
    "stressed",
    "stresses",
    "emphasized",
    "emphasised",
    "emphasizes",
    "emphasises",
    "commented",
    "comments",
    "remarked",
    "reported",
    "reports",
    "posted",
    "posts",
    "tweeted",
    "tweets",
    "calling",
    "called",
    "calls",
    "citing",
    "cited",
    "described",
    "describes",
    "describing",
    "urged",
    "urges",
    "concluded",
    "continued",
    "recalled",
    "predicted",
    "predicts",
    "confirmed",
    "confirms",
    "maintained",
    "maintains",
    "observed",
    "cautioned",
    "complained",
    "agreed",
    "disagreed",
    "countered",
    "conceded",
    "alleged",
    "alleges",
    "accused",
    "accuses",
    "pledged",
    "promised",
    "vowed",
    "threatened",
    "answered",
    "believes",
    "believed",
    "thinks",
    "thought",
    "estimated",
    "estimates",
    "revealed",
    "reveals",
    "showed",
    "show",
    "shows",
    "found",
    "finds",
    "concluded",
    "concludes",
];

/// Reporting verbs that also work without quotes for reported speech ("X said that ...").
pub static SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "wrote",
    "writes",
    "added",
    "stated",
    "declared",
    "noted",
    "argued",
    "argues",
    "insisted",
    "warned",
    "warns",
    "claimed",
    "claims",
    "explained",
    "announced",
    "denounced",
    "denounces",
    "denied",
    "acknowledged",
    "admitted",
    "asserted",
    "suggested",
    "stressed",
    "reported",
    "reports",
    "confirmed",
    "confirms",
    "alleged",
    "accused",
    "believes",
    "believe",
    "estimated",
    "estimate",
    "show",
    "shows",
    "showed",
    "found",
    "concluded",
    "predicted",
    "predict",
    "citing",
    "cited",
    "cite",
    "cites",
];

/// Plural nouns for unnamed sources: "officials said", "analysts say".
pub static UNNAMED_SOURCES: &[&str] = &[
    "officials",
    "official",
    "source",
    "diplomat",
    "analysts",
    "experts",
    "sources",
    "diplomats",
    "observers",
    "critics",
    "economists",
    "scholars",
    "historians",
    "researchers",
    "witnesses",
    "residents",
    "lawmakers",
    "activists",
    "investigators",
    "prosecutors",
    "authorities",
    "insiders",
    "people",
    "aides",
    "advisers",
    "advisors",
    "commentators",
    "supporters",
    "opponents",
    "officers",
    "commanders",
    "soldiers",
    "scientists",
    "doctors",
    "reports",
    "documents",
    "polls",
    "studies",
    "data",
    "figures",
    "statistics",
];

/// Nouns that name the channel of a statement ("in an e-mailed comment", "a CBS interview").
pub static CHANNELS: &[&str] = &[
    "interview",
    "interviews",
    "comment",
    "comments",
    "statement",
    "statements",
    "post",
    "posts",
    "briefing",
    "speech",
    "address",
    "press conference",
    "news conference",
    "op-ed",
    "opinion piece",
    "letter",
    "report",
    "broadcast",
    "podcast",
    "tweet",
    "e-mail",
    "email",
    "message",
    "remarks",
    "video",
    "televised",
    "blog",
    "column",
    "article",
    "essay",
    "book",
    "memo",
    "testimony",
    "hearing",
    "appearance",
    "phone call",
    "call",
    "talk show",
    "note",
    "newsletter",
    "filing",
    "release",
    "communique",
    "communiqué",
    "readout",
    "transcript",
    "lecture",
    "sermon",
    "livestream",
];

/// Ship prefixes: a ship is an actor of kind `other`.
pub static SHIP_PREFIXES: &[&str] = &["USS", "HMS", "INS", "HMAS", "HMCS", "RFS", "USNS"];

/// All-caps words that are not organisations.
pub static NOT_ACRONYMS: &[&str] = &[
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "OK", "AM", "PM", "GMT", "UTC",
    "EST", "EDT", "CET", "TV", "AI", "ID", "GDP", "CEO", "CFO", "COO", "PhD", "MP", "MPs", "DNA", "COVID",
    "HIV", "AIDS", "LNG", "UAV", "UAVs", "ICBM", "BC", "AD", "VIP", "FAQ", "PDF", "USD", "EUR", "GBP", "RUB",
    "A", "Q", "PS", "NB", "ET", "PT", "UPDATE", "BREAKING", "WATCH", "READ", "MORE", "NEW", "THE", "AND",
];

pub struct Gazetteer {
    /// Surface form to entity.
    pub forms: HashMap<&'static str, Known, FnvBuild>,
    /// Forms that are adjectives ("Russian"): they can start an organisation's name.
    pub demonyms: std::collections::HashSet<&'static str>,
    pub longest_form_words: usize,
}

pub fn gazetteer() -> &'static Gazetteer {
    static G: OnceLock<Gazetteer> = OnceLock::new();
    G.get_or_init(build)
}

fn build() -> Gazetteer {
    let mut forms: HashMap<&'static str, Known, FnvBuild> = HashMap::default();
    let mut demonyms = std::collections::HashSet::new();
    for line in COUNTRIES.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let mut parts = line.split('|');
        let Some(name) = parts.next().map(str::trim) else {
            continue;
        };
        let known = Known {
            name,
            kind: ActorKind::State,
        };
        forms.entry(name).or_insert(known);
        for form in parts
            .flat_map(|p| p.split(';'))
            .map(str::trim)
            .filter(|f| !f.is_empty())
        {
            forms.entry(form).or_insert(known);
            if looks_like_demonym(form) {
                demonyms.insert(form);
            }
        }
    }
    for (name, kind, aliases) in OTHERS {
        let known = Known { name, kind: *kind };
        forms.entry(*name).or_insert(known);
        for a in *aliases {
            forms.entry(*a).or_insert(known);
        }
    }
    let longest_form_words = forms.keys().map(|f| f.split(' ').count()).max().unwrap_or(1);
    Gazetteer {
        forms,
        demonyms,
        longest_form_words,
    }
}

fn looks_like_demonym(form: &str) -> bool {
    !form.contains(' ')
        && [
            "an", "ian", "ese", "ish", "i", "ic", "ch", "ss", "ek", "ak", "ot", "er", "et",
        ]
        .iter()
        .any(|end| form.ends_with(end))
        && form.chars().next().is_some_and(char::is_uppercase)
        && form.chars().skip(1).all(|c| c.is_lowercase() || c == '-')
}

/// A small fast hasher (FNV-1a) for the word tables: short keys, no untrusted-key concern
/// beyond speed, and the tables are built from our own lists.
#[derive(Default, Clone, Copy)]
pub struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 { 0xcbf29ce484222325 } else { self.0 };
        for b in bytes {
            h ^= *b as u64;
            h = h.wrapping_mul(0x100000001b3);
        }
        self.0 = h;
    }
}

pub type FnvBuild = std::hash::BuildHasherDefault<Fnv>;
pub type WordSet = std::collections::HashSet<&'static str, FnvBuild>;

thread_local! {
    static SETS: std::cell::RefCell<HashMap<usize, &'static WordSet, FnvBuild>> = Default::default();
}

/// Whether `word` is in one of the static word lists, by a hashed lookup
/// (each list becomes a set the first time it is asked about).
pub fn is_in(list: &'static [&'static str], word: &str) -> bool {
    let key = (list.as_ptr() as usize) ^ (list.len() << 48);
    SETS.with(|sets| {
        if let Some(set) = sets.borrow().get(&key) {
            return set.contains(word);
        }
        let set: &'static WordSet = Box::leak(Box::new(list.iter().copied().collect::<WordSet>()));
        sets.borrow_mut().insert(key, set);
        set.contains(word)
    })
}

pub fn is_month(word: &str) -> Option<u8> {
    let w = word.trim_end_matches('.');
    MONTHS
        .iter()
        .position(|m| *m == w)
        .or_else(|| {
            MONTH_ABBREVIATIONS
                .iter()
                .position(|m| *m == w || (w == "Sept" && *m == "Sep"))
        })
        .map(|i| i as u8 + 1)
}

/// The demonym of a state ("Russian" for Russia), for naming office holders.
pub fn demonym_of(name: &str) -> Option<&'static str> {
    static D: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    D.get_or_init(|| {
        let mut map = HashMap::new();
        for line in COUNTRIES.lines().filter(|l| !l.starts_with('#')) {
            let mut parts = line.split('|');
            let (Some(n), Some(forms)) = (parts.next(), parts.next()) else {
                continue;
            };
            if let Some(d) = forms.split(';').find(|f| looks_like_demonym(f)) {
                map.insert(n, d);
            }
        }
        map
    })
    .get(name)
    .copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_covers_capitals_demonyms_and_metonyms() {
        let g = gazetteer();
        assert_eq!(g.forms["Kremlin"].name, "Russia");
        assert_eq!(g.forms["U.S."].name, "United States");
        assert_eq!(g.forms["Caracas"].name, "Venezuela");
        assert_eq!(g.forms["Soviet"].name, "Soviet Union");
        assert!(g.demonyms.contains("Russian"));
        let states = g
            .forms
            .values()
            .filter(|k| k.kind == ActorKind::State)
            .map(|k| k.name)
            .collect::<std::collections::HashSet<_>>();
        assert!(states.len() >= 195, "{} states", states.len());
    }
}
