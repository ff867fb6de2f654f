//! Importing a ~1 MB article: the seed article repeated with varied names and
//! headings, the same text as one huge line, the same with no full stop at all
//! (one sentence of 1 MB), and sentences made of one trigger repeated.

use std::hint::black_box;

use briefing::import::{Options, import_str};
use criterion::{Criterion, criterion_group, criterion_main};

const SEED: &str = include_str!("../tests/fixtures/russia-venezuela-levers.txt");

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
}

criterion_group!(benches, bench, cpu_figure);
criterion_main!(benches);
