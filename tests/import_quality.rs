//! The importer against the hand-made briefing of the same article: sections,
//! actors and claims, with precision and recall printed.

mod common;

use std::collections::HashSet;
use std::ops::Range;

use briefing::import::{Options, import_bytes};
use briefing::index::Index;
use briefing::load::load_file;
use briefing::model::{Actor, Briefing, ClaimKind};
use briefing::text::{Folded, fold};

use common::{bundled_path, seed_article};

fn forms(a: &Actor) -> HashSet<String> {
    a.surface_forms().map(|f| fold(f).to_lowercase()).collect()
}

fn matches(a: &Actor, b: &Actor) -> bool {
    !forms(a).is_disjoint(&forms(b))
}

fn section_of(b: &Briefing, heading: Option<&str>) -> Option<usize> {
    b.sections
        .iter()
        .position(|s| s.heading.as_deref().map(fold) == heading.map(fold))
}

fn overlap(a: &Range<usize>, b: &Range<usize>) -> usize {
    a.end.min(b.end).saturating_sub(a.start.max(b.start))
}

#[test]
fn seed_article_matches_the_hand_made_briefing() {
    let bytes = std::fs::read(seed_article()).unwrap();
    let options = Options {
        source_name: Some("russia-venezuela-levers".into()),
        ..Default::default()
    };
    let imported = import_bytes(&bytes, &options).expect("imports");
    let mine = &imported.briefing;
    let reference = load_file(&bundled_path()).expect("reference loads").briefing;
    let my_index = Index::build(mine);
    let ref_index = Index::build(&reference);

    // Sections: the lead and all four subheadings.
    let ref_headings: Vec<Option<&str>> = reference.sections.iter().map(|s| s.heading.as_deref()).collect();
    let my_headings: Vec<Option<&str>> = mine.sections.iter().map(|s| s.heading.as_deref()).collect();
    assert_eq!(my_headings, ref_headings, "sections");
    for (m, r) in mine.sections.iter().zip(&reference.sections) {
        assert_eq!(fold(&m.text), fold(&r.text), "text of section {}", r.id);
    }

    // Actors.
    let found: Vec<&Actor> = reference
        .actors
        .iter()
        .filter(|r| mine.actors.iter().any(|m| matches(m, r)))
        .collect();
    let missed: Vec<&str> = reference
        .actors
        .iter()
        .filter(|r| !mine.actors.iter().any(|m| matches(m, r)))
        .map(|a| a.name.as_str())
        .collect();
    let extra: Vec<&str> = mine
        .actors
        .iter()
        .filter(|m| !reference.actors.iter().any(|r| matches(m, r)))
        .map(|a| a.name.as_str())
        .collect();
    let actor_recall = found.len() as f64 / reference.actors.len() as f64;
    let actor_precision = (mine.actors.len() - extra.len()) as f64 / mine.actors.len().max(1) as f64;

    // Quotes: same section, overlapping text, same speaker.
    let same_speaker = |mine_speaker: Option<&String>, ref_speaker: Option<&String>| -> bool {
        match (mine_speaker, ref_speaker) {
            (None, None) => true,
            (Some(m), Some(r)) => {
                let m = mine.actors.iter().find(|a| &a.id == m);
                let r = reference.actors.iter().find(|a| &a.id == r);
                m.zip(r).is_some_and(|(m, r)| matches(m, r))
            }
            _ => false,
        }
    };
    // Where a reference claim sits in my section text.
    let ref_span = |ci: usize| -> Option<(usize, Range<usize>)> {
        let c = &reference.claims[ci];
        let rs = ref_index.section(&c.section)?;
        let ms = section_of(mine, reference.sections[rs].heading.as_deref())?;
        let range = Folded::new(&mine.sections[ms].text).find(c.locator())?;
        Some((ms, range))
    };
    let ref_quotes: Vec<usize> = (0..reference.claims.len())
        .filter(|&i| reference.claims[i].kind == ClaimKind::Quote)
        .collect();
    let mut quote_misses = Vec::new();
    let mut quotes_found = 0;
    for &ri in &ref_quotes {
        let Some((ms, range)) = ref_span(ri) else {
            quote_misses.push(format!("(not locatable) {}", reference.claims[ri].id));
            continue;
        };
        let hit = mine.claims.iter().enumerate().any(|(mi, c)| {
            c.kind == ClaimKind::Quote
                && my_index.claim_section[mi] == Some(ms)
                && my_index.claim_span[mi]
                    .as_ref()
                    .is_some_and(|s| overlap(s, &range) * 2 >= range.len().min(s.len()))
                && same_speaker(c.speaker.as_ref(), reference.claims[ri].speaker.as_ref())
        });
        if hit {
            quotes_found += 1;
        } else {
            quote_misses.push(reference.claims[ri].id.clone());
        }
    }
    let quote_recall = quotes_found as f64 / ref_quotes.len() as f64;

    // Every imported claim should overlap some reference claim in the same section.
    let ref_spans: Vec<(usize, Range<usize>)> = (0..reference.claims.len()).filter_map(ref_span).collect();
    let orphans: Vec<&str> = mine
        .claims
        .iter()
        .enumerate()
        .filter(|(mi, _)| {
            let (Some(ms), Some(span)) = (my_index.claim_section[*mi], my_index.claim_span[*mi].as_ref())
            else {
                return true;
            };
            !ref_spans.iter().any(|(rs, r)| *rs == ms && overlap(r, span) > 0)
        })
        .map(|(_, c)| c.id.as_str())
        .collect();
    let with_counterpart = mine.claims.len() - orphans.len();
    let claim_precision = with_counterpart as f64 / mine.claims.len().max(1) as f64;
    let ref_claims_covered = ref_spans
        .iter()
        .filter(|(rs, r)| {
            (0..mine.claims.len()).any(|mi| {
                my_index.claim_section[mi] == Some(*rs)
                    && my_index.claim_span[mi]
                        .as_ref()
                        .is_some_and(|s| overlap(r, s) > 0)
            })
        })
        .count();
    let claim_recall = ref_claims_covered as f64 / reference.claims.len() as f64;

    println!(
        "sections: lead + {} subheadings, all found",
        ref_headings.len() - 1
    );
    println!(
        "actors: recall {:.1}% ({}/{}), precision {:.1}% ({}/{})",
        actor_recall * 100.0,
        found.len(),
        reference.actors.len(),
        actor_precision * 100.0,
        mine.actors.len() - extra.len(),
        mine.actors.len()
    );
    println!("  missed: {missed:?}");
    println!("  extra: {extra:?}");
    println!(
        "quotes with the right speaker: recall {:.1}% ({quotes_found}/{})",
        quote_recall * 100.0,
        ref_quotes.len()
    );
    println!("  missed: {quote_misses:?}");
    println!(
        "claims: precision {:.1}% ({with_counterpart}/{} with a counterpart), recall {:.1}% ({ref_claims_covered}/{} reference claims overlapped)",
        claim_precision * 100.0,
        mine.claims.len(),
        claim_recall * 100.0,
        reference.claims.len()
    );
    println!("  without counterpart: {orphans:?}");

    assert!(actor_recall >= 0.9, "actor recall {actor_recall}");
    assert!(quote_recall >= 0.9, "quote recall {quote_recall}");
    assert!(
        orphans.len() * 10 <= mine.claims.len(),
        "claims without counterpart: {orphans:?}"
    );
}
