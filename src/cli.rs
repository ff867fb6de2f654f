//! The command line, declared with clap. Each subcommand's work lives in `commands`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

const EXAMPLES: &str = "\
Examples:
  briefing                                  open the reader on the configured briefings
  briefing briefings/russia-venezuela-levers.toml
  briefing article.txt                      import an article in memory and read it
  briefing list
  briefing show russia-venezuela-levers --format markdown
  briefing check briefings/";

#[derive(Debug, Parser)]
#[command(
    name = "briefing",
    version,
    about = "A terminal reader for article briefings: sections, actors and claims in linked panes",
    after_help = EXAMPLES,
    // `--config` may come before the subcommand, so only the positional PATH
    // (not every argument) excludes a subcommand.
    subcommand_negates_reqs = true
)]
pub struct Cli {
    /// Config file to use (default: $BRIEFING_CONFIG, ./config.toml, then the XDG config folder)
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,

    /// Never change a briefing (as `readonly = true` in the config): `edit` is refused
    #[arg(long, global = true)]
    pub readonly: bool,

    #[command(subcommand)]
    pub command: Option<Command>,

    /// Briefing file or folder to read, or a .txt/.md/.html article or an https:// address to import in memory
    #[arg(value_name = "PATH")]
    pub path: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the briefings in the configured folder
    #[command(after_help = "Example:\n  briefing list --json")]
    List(ListArgs),
    /// Print a whole briefing
    #[command(
        after_help = "Examples:\n  briefing show russia-venezuela-levers\n  briefing show briefings/russia-venezuela-levers.toml --format json"
    )]
    Show(ShowArgs),
    /// Validate briefing files; exits 1 if any is invalid
    #[command(after_help = "Examples:\n  briefing check\n  briefing check briefings/ drafts/new.toml")]
    Check(CheckArgs),
    /// Turn an article (text, Markdown, or a web page by its address) into a briefing
    #[command(
        after_help = "Examples:\n  briefing import article.txt\n  briefing import article.md -o briefings/article.toml --id my-article\n  briefing import https://example.org/news/story.html -o drafts/\n  pbpaste | briefing import - --title \"Headline\""
    )]
    Import(ImportArgs),
    /// Annotate a claim: credibility, note and tags, stored beside (never in) the briefing
    #[command(
        after_help = "Examples:\n  briefing annotate russia-venezuela-levers galeotti-nothing-much --credibility 2 --note \"Consistent with Ignatov\" --tag military\n  briefing annotate russia-venezuela-levers trump-no --delete"
    )]
    Annotate(AnnotateArgs),
    /// Export annotations as text, Markdown or JSON
    #[command(
        after_help = "Examples:\n  briefing annotations\n  briefing annotations russia-venezuela-levers --format markdown > report.md"
    )]
    Annotations(AnnotationsArgs),
    /// Search every briefing: words, "phrases", prefix*, and actor:, kind:, tag:, date: filters
    #[command(after_help = SEARCH_HELP)]
    Search(SearchArgs),
    /// Actors across the library, or one actor's briefings and claims
    #[command(
        after_help = "Examples:\n  briefing actors\n  briefing actors Russia\n  briefing actors --merge \"Vladimir Putin\" \"Russian President\"\n  briefing actors --split russia-venezuela-levers/united-states"
    )]
    Actors(ActorsArgs),
    /// Dated claims across the library, in date order
    #[command(
        after_help = "Examples:\n  briefing timeline\n  briefing timeline --actor Russia --from 2025-10 --to 2025-12"
    )]
    Timeline(TimelineArgs),
    /// Correct a briefing file: a claim's speaker, kind, date or via; an actor; a section heading
    #[command(after_help = EDIT_HELP)]
    Edit(EditArgs),
    /// Bring the library index up to date (it is also updated by every command that uses it)
    #[command(after_help = "Examples:\n  briefing index\n  briefing index --rebuild")]
    Index(IndexArgs),
}

const EDIT_HELP: &str = "\
The file is changed in place: comments, order and every other entry stay as they are;
the result is checked like `briefing check` before it is written, and nothing is
written if it would not pass.

Examples:
  briefing edit russia-venezuela-levers claim trump-no --speaker donald-trump --checked
  briefing edit briefings/article.toml claim some-claim --date 2025-11-02 --kind quote
  briefing edit russia-venezuela-levers claim bogus-claim --delete
  briefing edit russia-venezuela-levers actor putin --merge-into vladimir-putin
  briefing edit russia-venezuela-levers actor ucl-ssees --add-alias \"UCL SSEES\" --role \"University\"
  briefing edit russia-venezuela-levers section seeking-support --heading \"Seeking support\"
  briefing edit russia-venezuela-levers add-claim --section lead --speaker donald-trump --kind quote --text \"No.\"";

const SEARCH_HELP: &str = "\
Query:
  oil gas              both words (any order, any form of case and accents)
  \"price cap\"          the phrase
  sanction*            words starting with sanction
  actor:NAME           claims by or about that actor (any briefing; quote names with spaces)
  kind:K               quote, paraphrase, report; section, claim, actor, note; person, state, ...
  tag:T                claims annotated with tag T
  date:D, date:D1..D2  claims dated then (YYYY, YYYY-MM or YYYY-MM-DD); other hits by the briefing's date

Examples:
  briefing search oil
  briefing search '\"oil exports\" actor:Russia kind:quote'
  briefing search sanction* date:2025-11 --json";

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum Format {
    #[default]
    Text,
    Markdown,
    Json,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Print a JSON array instead of a table
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Briefing id (from `briefing list`) or path to a briefing file
    #[arg(value_name = "ID|PATH")]
    pub briefing: String,
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files or folders to check (default: the configured briefings folder)
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Article to import (.txt, .md or a saved web page .html), an http:// or https:// address, or `-` for standard input
    #[arg(value_name = "FILE|URL")]
    pub file: PathBuf,
    /// Where to write the briefing (default: the briefings folder, named from the title)
    #[arg(short, long, value_name = "OUT.toml")]
    pub output: Option<PathBuf>,
    /// Briefing id (default: derived from the title)
    #[arg(long)]
    pub id: Option<String>,
    /// Title (default: the article's first line when it reads as a title)
    #[arg(long)]
    pub title: Option<String>,
    /// Overwrite the output file if it exists
    #[arg(long)]
    pub force: bool,
    /// The article's date (YYYY, YYYY-MM or YYYY-MM-DD) when the text does not give it;
    /// dates in the text without a year are resolved against it
    #[arg(long, value_name = "DATE")]
    pub published: Option<crate::model::PartialDate>,
    /// For an address: give up after this many seconds in all (connecting: at most 10)
    #[arg(long, value_name = "SECONDS", default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub timeout: u64,
}

#[derive(Debug, Args)]
pub struct AnnotateArgs {
    /// Briefing id or path
    #[arg(value_name = "BRIEFING")]
    pub briefing: String,
    /// Claim id (not needed with --actor)
    #[arg(value_name = "CLAIM", required_unless_present = "actor")]
    pub claim: Option<String>,
    /// 1 confirmed, 2 probably true, 3 possibly true, 4 doubtful, 5 improbable, 6 cannot be judged
    #[arg(long, value_parser = clap::value_parser!(u8).range(1..=6))]
    pub credibility: Option<u8>,
    /// Unset the credibility of the claim's annotation
    #[arg(long, conflicts_with = "credibility")]
    pub clear_credibility: bool,
    /// Note text (replaces the existing note)
    #[arg(long)]
    pub note: Option<String>,
    /// Tag (repeat for several; replaces the existing tags; `--tag ""` clears them)
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
    /// Delete the claim's annotation (or, with --actor, the actor's reliability grade)
    #[arg(
        long,
        conflicts_with_all = ["credibility", "clear_credibility", "note", "tags", "reliability", "reattach"]
    )]
    pub delete: bool,
    /// Grade an actor (speaker) instead of a claim: use with --reliability and --note
    #[arg(
        long,
        value_name = "ACTOR",
        conflicts_with_all = ["claim", "credibility", "clear_credibility", "tags", "reattach"]
    )]
    pub actor: Option<String>,
    /// Source reliability of --actor: A completely reliable ... E unreliable, F cannot be judged
    #[arg(long, value_name = "A-F", requires = "actor")]
    pub reliability: Option<String>,
    /// Re-attach an annotation (by id, e.g. an orphan listed by `briefing annotations`) to CLAIM
    #[arg(
        long,
        value_name = "ANNOTATION-ID",
        conflicts_with_all = ["credibility", "clear_credibility", "note", "tags"]
    )]
    pub reattach: Option<String>,
}

#[derive(Debug, Args)]
pub struct EditArgs {
    /// Briefing id or path
    #[arg(value_name = "BRIEFING")]
    pub briefing: String,
    #[command(subcommand)]
    pub target: EditTarget,
}

#[derive(Debug, Subcommand)]
pub enum EditTarget {
    /// Change or delete a claim
    Claim(EditClaimArgs),
    /// Change, merge or delete an actor
    Actor(EditActorArgs),
    /// Rename a section's heading
    Section(EditSectionArgs),
    /// Add a claim for words of a section's text
    AddClaim(EditAddClaimArgs),
}

#[derive(Debug, Args)]
pub struct EditAddClaimArgs {
    /// Section id
    #[arg(long, value_name = "SECTION_ID")]
    pub section: String,
    /// The words of the section's text the claim is made of: a quote's exact words,
    /// a paraphrase's or report's anchor (and text)
    #[arg(long, value_name = "WORDS")]
    pub text: String,
    /// The actor (id) who said it
    #[arg(long, value_name = "ACTOR_ID", required_unless_present = "unnamed")]
    pub speaker: Option<String>,
    /// No named speaker ("officials said")
    #[arg(long, conflicts_with = "speaker")]
    pub unnamed: bool,
    #[arg(long, value_enum)]
    pub kind: ClaimKindArg,
    /// YYYY, YYYY-MM or YYYY-MM-DD
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// The channel ("CBS interview")
    #[arg(long, value_name = "VIA")]
    pub via: Option<String>,
    /// The claim's id (default: derived from the speaker and words, as `import` does)
    #[arg(long, value_name = "ID")]
    pub id: Option<String>,
}

#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("change").required(true).multiple(true))]
pub struct EditClaimArgs {
    /// Claim id
    #[arg(value_name = "ID")]
    pub id: String,
    /// The actor (id) who said it
    #[arg(long, value_name = "ACTOR_ID", group = "change")]
    pub speaker: Option<String>,
    /// No named speaker ("officials said")
    #[arg(long, conflicts_with = "speaker", group = "change")]
    pub unnamed: bool,
    #[arg(long, value_enum, group = "change")]
    pub kind: Option<ClaimKindArg>,
    /// YYYY, YYYY-MM or YYYY-MM-DD; "" removes the date
    #[arg(long, value_name = "DATE", group = "change")]
    pub date: Option<String>,
    /// The channel ("CBS interview"); "" removes it
    #[arg(long, value_name = "VIA", group = "change")]
    pub via: Option<String>,
    /// The speaker was checked: remove the claim's `doubt`
    #[arg(long, group = "change")]
    pub checked: bool,
    /// Delete the claim (and the `related` links to it)
    #[arg(long, group = "change", conflicts_with_all = ["speaker", "unnamed", "kind", "date", "via", "checked"])]
    pub delete: bool,
}

#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("change").required(true).multiple(true))]
pub struct EditActorArgs {
    /// Actor id
    #[arg(value_name = "ID")]
    pub id: String,
    /// New name
    #[arg(long, value_name = "NAME", group = "change")]
    pub name: Option<String>,
    /// Add an alias (repeat for several)
    #[arg(long, value_name = "ALIAS", group = "change")]
    pub add_alias: Vec<String>,
    /// Remove an alias (repeat for several)
    #[arg(long, value_name = "ALIAS", group = "change")]
    pub remove_alias: Vec<String>,
    #[arg(long, value_enum, group = "change")]
    pub kind: Option<ActorKindArg>,
    /// The actor's role; "" removes it
    #[arg(long, value_name = "ROLE", group = "change")]
    pub role: Option<String>,
    /// Merge into this actor: its claims, `about` links and names (as aliases) move there
    #[arg(long, value_name = "OTHER_ID", group = "change", conflicts_with_all = ["name", "add_alias", "remove_alias", "kind", "role"])]
    pub merge_into: Option<String>,
    /// Delete the actor (refused while claims refer to it)
    #[arg(long, group = "change", conflicts_with_all = ["name", "add_alias", "remove_alias", "kind", "role", "merge_into"])]
    pub delete: bool,
    /// Add a new actor with this ID (needs --name; --kind defaults to person)
    #[arg(long, requires = "name", conflicts_with_all = ["remove_alias", "merge_into", "delete"])]
    pub new: bool,
}

#[derive(Debug, Args)]
pub struct EditSectionArgs {
    /// Section id
    #[arg(value_name = "ID")]
    pub id: String,
    /// New heading
    #[arg(long, value_name = "HEADING", required = true)]
    pub heading: String,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ClaimKindArg {
    Quote,
    Paraphrase,
    Report,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ActorKindArg {
    Person,
    State,
    Organisation,
    Group,
    Other,
}

#[derive(Debug, Args)]
pub struct AnnotationsArgs {
    /// Only this briefing (id or path); default: every sidecar in the annotations folder
    #[arg(value_name = "BRIEFING")]
    pub briefing: Option<String>,
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The query (several words are one query)
    #[arg(value_name = "QUERY", required = true)]
    pub query: Vec<String>,
    /// Print JSON instead of text
    #[arg(long)]
    pub json: bool,
    /// At most this many hits
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
}

#[derive(Debug, Args)]
pub struct ActorsArgs {
    /// An actor's name or alias: its briefings and claims (default: every actor)
    #[arg(value_name = "NAME")]
    pub name: Option<String>,
    /// Print JSON instead of text
    #[arg(long)]
    pub json: bool,
    /// Record that these are one actor: names, or BRIEFING/ACTOR ids
    #[arg(long, num_args = 2.., value_name = "NAME", conflicts_with_all = ["name", "split"])]
    pub merge: Vec<String>,
    /// Record that this actor (BRIEFING/ACTOR) is nobody else
    #[arg(long, value_name = "BRIEFING/ACTOR", conflicts_with = "name")]
    pub split: Option<String>,
}

#[derive(Debug, Args)]
pub struct TimelineArgs {
    /// Only claims by or about this actor
    #[arg(long, value_name = "NAME")]
    pub actor: Option<String>,
    /// From this date (YYYY, YYYY-MM or YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    pub from: Option<crate::model::PartialDate>,
    /// Up to this date, inclusive
    #[arg(long, value_name = "DATE")]
    pub to: Option<crate::model::PartialDate>,
    /// Only this briefing (id)
    #[arg(long, value_name = "ID")]
    pub briefing: Option<String>,
    /// Print JSON instead of text
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct IndexArgs {
    /// Read every file again, as if the index had been deleted
    #[arg(long)]
    pub rebuild: bool,
    /// Print JSON instead of text
    #[arg(long)]
    pub json: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_is_well_formed() {
        Cli::command().debug_assert();
    }

    #[test]
    fn config_flag_goes_before_or_after_the_subcommand() {
        for args in [
            ["briefing", "--config", "c.toml", "list"],
            ["briefing", "list", "--config", "c.toml"],
        ] {
            let cli = Cli::try_parse_from(args).unwrap();
            assert_eq!(cli.config, Some(PathBuf::from("c.toml")), "{args:?}");
            assert!(matches!(cli.command, Some(Command::List(_))), "{args:?}");
            assert_eq!(cli.path, None, "{args:?}");
        }
    }

    #[test]
    fn a_bare_path_opens_the_reader() {
        let cli = Cli::try_parse_from(["briefing", "article.txt"]).unwrap();
        assert!(cli.command.is_none());
        assert_eq!(cli.path, Some(PathBuf::from("article.txt")));
        let cli = Cli::try_parse_from(["briefing", "--config", "c.toml", "briefings/"]).unwrap();
        assert_eq!(cli.path, Some(PathBuf::from("briefings/")));
        assert!(cli.command.is_none());
    }
}
