//! Local annotations on claims, stored in sidecar files beside (never in) briefings.

use std::io::Write;
use std::process::ExitCode;

use crate::cli::{AnnotateArgs, AnnotationsArgs};
use crate::config::Config;

/// `briefing annotate`.
pub fn annotate_command(
    _config: &Config,
    _args: &AnnotateArgs,
    _out: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    anyhow::bail!("annotations are not available yet")
}

/// `briefing annotations`.
pub fn export_command(
    _config: &Config,
    _args: &AnnotationsArgs,
    _out: &mut dyn Write,
) -> anyhow::Result<ExitCode> {
    anyhow::bail!("annotations are not available yet")
}
