//! `briefing`: a terminal reader for article briefings.
//!
//! Layers, from the bottom: the [`model`] (plain data), [`text`] handling,
//! [`load`]ing with [`diagnostic`]s, the derived [`index`], and the [`config`].

pub mod annotations;
pub mod app;
pub mod atomic;
pub mod cli;
pub mod commands;
pub mod config;
pub mod diagnostic;
pub mod edit;
pub mod export;
pub mod fetch;
pub mod hash;
pub mod import;
pub mod index;
pub mod library;
pub mod load;
pub mod model;
pub mod text;
pub mod ui;
