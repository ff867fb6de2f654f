//! Importing a ~1 MB article: the seed article repeated with varied names and
//! headings, the same text as one huge line, the same with no full stop at all
//! (one sentence of 1 MB), and sentences made of one trigger repeated. And 2 MB
//! web pages: one that is mostly scripts, styles and menus around a news article
//! (what saved pages are like), and one that is 2 MB of article.

use std::hint::black_box;

use briefing::import::{Options, import_bytes, import_str};
use criterion::{Criterion, criterion_group, criterion_main};

const SEED: &str = include_str!("../tests/fixtures/russia-venezuela-levers.txt");
const PAGE: &str = include_str!("../tests/fixtures/html/harbour-strike.html");

/// A 2 MB web page built on the harbour-strike fixture: `article_bytes` of article
/// (its body repeated under numbered subheadings, names varied), the rest inline
/// scripts, styles and navigation, as saved pages carry.
pub fn big_page(article_bytes: usize) -> String {
    let opening = "itemprop=\"articleBody\">";
    let start = PAGE.find(opening).map_or(0, |s| s + opening.len());
    let end = PAGE.find("<div class=\"related-stories\"").unwrap_or(PAGE.len());
    let (head, body, tail) = (&PAGE[..start], &PAGE[start..end], &PAGE[end..]);
    let mut article = String::new();
    let mut copy = 0;
    while article.len() < article_bytes {
        let part = body
            .replace("Okafor", &format!("Okafor{copy}"))
            .replace("Tomas Brandt", &format!("Tomas Brandt{copy}"))
            .replace("Ships turned away", &format!("Ships turned away {copy}"))
            .replace("What happens next", &format!("What happens next {copy}"));
        article.push_str(&part);
        copy += 1;
    }
    let mut page = String::with_capacity(2_100_000);
    let head_end = head.find("</head>").unwrap_or(head.len());
    page.push_str(&head[..head_end]);
    let mut filler = 0;
    while page.len() + article.len() + tail.len() < 2_000_000 {
        page.push_str(&format!(
            "<script>window.__state_{filler} = {{\"widgets\": [1,2,3], \"label\": \"menu item {filler}\"}};</script>\n\
             <style>.w{filler} {{ margin: {filler}px; color: #333; }}</style>\n"
        ));
        filler += 1;
        if filler % 10 == 0 {
            page.push_str("<!-- nav -->");
        }
    }
    page.push_str(&head[head_end..]);
    page.push_str(&article);
    page.push_str(tail);
    page
}

/// About 1 MB of article: copies of the seed with names and headings changed per copy.
pub fn big_article() -> String {
    let names = [
        ("Galeotti", "Hartmann"),
        ("Zakharova", "Lindqvist"),
        ("Rouvinski", "Okafor"),
        ("Ignatov", "Brandt"),
        ("Maduro", "Ferraro"),
    ];
    let mut out = String::from("A Long Briefing On Many Things\n");
    let mut copy = 0;
    while out.len() < 1_000_000 {
        let mut part = SEED.lines().skip(1).collect::<Vec<_>>().join("\n");
        let (from, to) = names[copy % names.len()];
        part = part.replace(from, &format!("{to}{copy}"));
        for heading in [
            "Seeking Support?",
            "Levers And Limitations",
            "Geopolitical Calculus",
        ] {
            part = part.replace(heading, &format!("{} {copy}", heading.trim_end_matches('?')));
        }
        out.push_str(&part);
        out.push('\n');
        copy += 1;
    }
    out
}

/// The text as one sentence: every full stop, question and exclamation mark removed.
fn no_full_stop(text: &str) -> String {
    text.replace(['.', '?', '!'], "")
}

/// One sentence made of a trigger repeated: each used to cost time quadratic in
/// the sentence's length.
const REPEATED: &[(&str, &str, usize)] = &[
    ("said that x40k", "Bob Ray said that ", 40_000),
    ("single quotes x200k", "a' 'b", 200_000),
    (
        "according to x10k",
        "the rise, according to Bob Ray and the plan, according to officials ",
        10_000,
    ),
];

fn bench(c: &mut Criterion) {
    let article = big_article();
    let one_line = article.replace('\n', " ");
    let options = Options::default();
    let html_options = Options {
        html: true,
        ..Options::default()
    };
    let mut group = c.benchmark_group("import");
    group.sample_size(10);
    group.bench_function("1MB article", |b| {
        b.iter(|| import_str(black_box(&article), &options).expect("imports"))
    });
    group.bench_function("1MB one line", |b| {
        b.iter(|| import_str(black_box(&one_line), &options).expect("imports"))
    });
    let no_stop = no_full_stop(&one_line);
    group.bench_function("1MB no full stop", |b| {
        b.iter(|| import_str(black_box(&no_stop), &options).expect("imports"))
    });
    for (name, unit, times) in REPEATED {
        let text = format!("Title\n\n{}\n", unit.repeat(*times));
        group.bench_function(*name, |b| {
            b.iter(|| import_str(black_box(&text), &options).expect("imports"))
        });
    }
    group.finish();

    let mut group = c.benchmark_group("import html");
    group.sample_size(10);
    for (name, article_bytes) in [
        ("2MB page, 30KB article", 30_000),
        ("2MB page, all article", 2_000_000),
    ] {
        let page = big_page(article_bytes);
        let bytes = page.as_bytes();
        group.bench_function(name, |b| {
            b.iter(|| import_bytes(black_box(bytes), &html_options).expect("imports"))
        });
    }
    group.finish();
}

/// CPU time of this process in milliseconds (Linux), to report a figure that other
/// work on a shared machine does not inflate the way it inflates wall time.
fn cpu_ms() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which is in parentheses): utime is the 12th, stime the 13th.
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks * 10.0) // USER_HZ is 100 on Linux
}

fn cpu_figure(c: &mut Criterion) {
    let _ = c;
    let article = big_article();
    let no_stop = no_full_stop(&article.replace('\n', " "));
    let said = format!("Title\n\n{}\n", REPEATED[0].1.repeat(REPEATED[0].2));
    let options = Options::default();
    let runs = 10;
    for (name, text) in [
        ("1MB article", &article),
        ("1MB no full stop", &no_stop),
        ("said that x40k", &said),
    ] {
        let (Some(cpu0), wall0) = (cpu_ms(), std::time::Instant::now()) else {
            return;
        };
        for _ in 0..runs {
            black_box(import_str(black_box(text), &options).expect("imports"));
        }
        let wall = wall0.elapsed().as_secs_f64() * 1000.0 / runs as f64;
        if let Some(cpu1) = cpu_ms() {
            println!(
                "import/{name}: {:.1} ms CPU per import ({wall:.1} ms wall), {} bytes",
                (cpu1 - cpu0) / runs as f64,
                text.len()
            );
        }
    }
    let html = Options {
        html: true,
        ..Options::default()
    };
    for (name, article_bytes) in [
        ("2MB page, 30KB article", 30_000),
        ("2MB page, all article", 2_000_000),
    ] {
        let page = big_page(article_bytes);
        let (Some(cpu0), wall0) = (cpu_ms(), std::time::Instant::now()) else {
            return;
        };
        for _ in 0..runs {
            black_box(import_bytes(black_box(page.as_bytes()), &html).expect("imports"));
        }
        let wall = wall0.elapsed().as_secs_f64() * 1000.0 / runs as f64;
        if let Some(cpu1) = cpu_ms() {
            println!(
                "import html/{name}: {:.1} ms CPU per import ({wall:.1} ms wall), {} bytes",
                (cpu1 - cpu0) / runs as f64,
                page.len()
            );
        }
    }
}

criterion_group!(benches, bench, cpu_figure);
criterion_main!(benches);
