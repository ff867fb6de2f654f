//! Following links: a section to its text, an actor to its claims and
//! mentions, a claim to its speaker or the claim related to it.

use crate::ui::action::Pane;

use super::{State, plural};

impl State {
    pub(super) fn follow(&mut self) {
        match self.focus {
            Pane::Sections => {
                if self.sections.selected().is_some() {
                    self.push_history();
                    self.section_selected();
                    self.set_focus(Pane::Text);
                }
            }
            Pane::Actors => {
                if let Some(a) = self.actors.selected() {
                    self.push_history();
                    self.follow_actor(a);
                }
            }
            Pane::Claims => {
                if let Some(c) = self.claims.selected() {
                    self.claim = Some(c);
                    self.follow_speaker(c);
                }
            }
            Pane::Text => match (self.actor, self.mention) {
                (Some(a), Some(_)) => {
                    self.push_history();
                    self.select_actor(a);
                    self.set_focus(Pane::Actors);
                }
                _ => self.info("Enter in the text follows the current mention: select an actor and press n"),
            },
        }
    }

    /// Selects an actor in the Actors pane, clearing a filter that hides it.
    pub(super) fn select_actor(&mut self, a: usize) {
        if !self.actors.select_item(a) {
            self.actors.filter.clear();
            self.refresh_lists();
            self.actors.select_item(a);
        }
        self.actor_selected();
    }

    /// Enter on an actor: its claims, or its first mention if it made none.
    pub(super) fn follow_actor(&mut self, a: usize) {
        self.select_actor(a);
        self.claims_by_actor = true;
        self.claims.filter.clear();
        self.refresh_lists();
        let name = self
            .briefing()
            .and_then(|b| b.actors.get(a))
            .map(|x| x.name.clone())
            .unwrap_or_default();
        let mentions = self
            .index()
            .and_then(|i| i.actor_mentions.get(a))
            .map_or(0, Vec::len);
        if let Some(&first) = self.claims.rows.first() {
            self.claims.cursor = 0;
            let _ = first;
            self.set_focus(Pane::Claims);
            self.claim_selected();
            let n = self.claims.rows.len();
            self.info(format!(
                "{n} claim{} by or about {name}; {} mention{} (n / N)",
                plural(n),
                mentions,
                plural(mentions)
            ));
        } else if mentions > 0 {
            self.set_focus(Pane::Text);
            self.jump_mention(a, 0);
            self.info(format!(
                "{name} made no claim; {mentions} mention{} (n / N)",
                plural(mentions)
            ));
        } else {
            self.info(format!("{name} makes no claim and is not named in the text"));
        }
    }

    /// Enter on a claim: its speaker in Actors.
    pub(super) fn follow_speaker(&mut self, c: usize) {
        let speaker = self
            .index()
            .and_then(|i| i.claim_speaker.get(c).copied().flatten());
        match speaker {
            Some(a) => {
                self.push_history();
                self.select_actor(a);
                // The claim stays listed: its speaker's claims include it.
                self.claims.select_item(c);
                self.claim = Some(c);
                self.set_focus(Pane::Actors);
                let name = self
                    .briefing()
                    .and_then(|b| b.actors.get(a))
                    .map(|x| x.name.clone())
                    .unwrap_or_default();
                self.info(format!("speaker: {name}"));
            }
            None => self.info("this claim has no named speaker"),
        }
    }

    /// The related claim `follow_related` goes to from `claim`: the first one, unless
    /// that is where the reader just came from (so repeated presses walk on).
    pub fn related_target(&self, claim: usize) -> Option<(usize, crate::model::Relation)> {
        let related = self.index()?.claim_related.get(claim)?;
        let came_from = self.back.last().and_then(|s| s.claim);
        related
            .iter()
            .find(|(t, _)| Some(*t) != came_from)
            .or(related.first())
            .copied()
    }

    pub(super) fn follow_related(&mut self) {
        let Some(c) = self.claim.or(if self.focus == Pane::Claims {
            self.claims.selected()
        } else {
            None
        }) else {
            self.info("select a claim first");
            return;
        };
        let total = self
            .index()
            .and_then(|i| i.claim_related.get(c))
            .map_or(0, Vec::len);
        let Some((target, relation)) = self.related_target(c) else {
            self.info("this claim has no related claim");
            return;
        };
        self.push_history();
        if !self.claims.rows.contains(&target) {
            self.claims.filter.clear();
            self.claims_by_actor = false;
            self.refresh_lists();
        }
        self.claims.select_item(target);
        self.set_focus(Pane::Claims);
        self.claim_selected();
        self.info(format!("followed: {relation} ({total} related)"));
    }

    pub(super) fn jump_mention(&mut self, a: usize, m: usize) {
        let Some(mention) = self
            .index()
            .and_then(|i| i.actor_mentions.get(a)?.get(m).cloned())
        else {
            return;
        };
        self.mention = Some(m);
        self.reveal(mention.section, &mention.range);
        self.sections.select_item(mention.section);
    }

    pub(super) fn next_mention(&mut self, forward: bool) {
        let Some(a) = self.actor else { return };
        let (section, byte, exact) = self.reading_position();
        let Some(mentions) = self.index().and_then(|i| i.actor_mentions.get(a)) else {
            return;
        };
        if mentions.is_empty() {
            self.info("the selected actor is not named in the text");
            return;
        }
        let key = |m: &crate::index::Mention| (m.section, m.range.start);
        let here = (section, byte);
        let total = mentions.len();
        let (target, wrapped) = if forward {
            let i = mentions.partition_point(|m| if exact { key(m) <= here } else { key(m) < here });
            if i < total { (i, false) } else { (0, true) }
        } else {
            let i = mentions.partition_point(|m| key(m) < here);
            if i > 0 { (i - 1, false) } else { (total - 1, true) }
        };
        self.push_history();
        self.jump_mention(a, target);
        let wrap = if wrapped { " (wrapped)" } else { "" };
        self.info(format!("mention {} of {total}{wrap}", target + 1));
    }
}
