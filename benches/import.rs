//! Importing a ~1 MB article: the seed article repeated with varied names and
//! headings, and the same text as one huge line.

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
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
