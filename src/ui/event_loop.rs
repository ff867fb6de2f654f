//! The terminal and the event loop: raw mode and the alternate screen (given
//! back on every exit path), input and signals merged on one channel, each
//! batch handled whole and drawn once, suspend and resume.

use std::io::Write;
use std::sync::mpsc;
use std::time::Duration;

use anyhow::Context;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture, Event,
    KeyboardEnhancementFlags, PopKeyboardEnhancementFlags, PushKeyboardEnhancementFlags,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::{Terminal, backend::CrosstermBackend};

use super::action::{Action, Command};
use super::effects::{perform, perform_with};
use super::input::{Input, split_escape, translate};
use super::state::{self, State};
use super::{LibrarySource, Opened, draw, worker};
use crate::annotations::AnnotationStore;
use crate::config::Config;

/// How often the loop checks the sidecar for changes by other processes while idle.
const TICK: Duration = Duration::from_millis(500);

/// Restores the terminal when dropped: on quit, on error, on a signal and while unwinding.
struct TerminalGuard {
    mouse: bool,
}

impl TerminalGuard {
    fn enter(mouse: bool) -> anyhow::Result<TerminalGuard> {
        install_panic_hook(mouse);
        setup_terminal(mouse)?;
        Ok(TerminalGuard { mouse })
    }
}

/// Raw mode, the alternate screen, mouse reporting, bracketed paste and the kitty
/// keyboard flags; undone by [`restore_terminal`].
fn setup_terminal(mouse: bool) -> anyhow::Result<()> {
    enable_raw_mode().context("cannot switch the terminal to raw mode")?;
    let mut out = std::io::stdout();
    if let Err(e) = execute!(out, EnterAlternateScreen) {
        let _ = disable_raw_mode();
        return Err(e).context("cannot open the alternate screen");
    }
    if mouse {
        let _ = execute!(out, EnableMouseCapture);
    }
    let _ = execute!(out, EnableBracketedPaste);
    // Lets terminals that can tell Ctrl-i from Tab do so (ignored elsewhere).
    let _ = execute!(
        out,
        PushKeyboardEnhancementFlags(KeyboardEnhancementFlags::DISAMBIGUATE_ESCAPE_CODES)
    );
    Ok(())
}

fn restore_terminal(mouse: bool) {
    let mut out = std::io::stdout();
    let _ = execute!(out, PopKeyboardEnhancementFlags, DisableBracketedPaste);
    if mouse {
        let _ = execute!(out, DisableMouseCapture);
    }
    let _ = execute!(out, LeaveAlternateScreen, ratatui::crossterm::cursor::Show);
    let _ = disable_raw_mode();
    let _ = out.flush();
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore_terminal(self.mouse);
    }
}

fn install_panic_hook(mouse: bool) {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore_terminal(mouse);
        previous(info);
    }));
}

/// Signals that end the reader; it restores the terminal first, then dies of them.
#[cfg(unix)]
const ENDING: [i32; 4] = [
    signal_hook::consts::SIGTERM,
    signal_hook::consts::SIGHUP,
    signal_hook::consts::SIGQUIT,
    signal_hook::consts::SIGINT,
];

/// Terminal input and signals, merged into one channel by two threads. Reading the
/// terminal on its own thread means a busy loop never finds `Esc` and the next key
/// waiting together (which would read as Alt-key).
struct Inputs {
    receiver: mpsc::Receiver<Input>,
    /// For the library worker's answers.
    sender: mpsc::Sender<Input>,
    #[cfg(unix)]
    signals: signal_hook::iterator::Handle,
}

impl Inputs {
    fn start() -> anyhow::Result<Inputs> {
        let (sender, receiver) = mpsc::channel();
        #[cfg(unix)]
        let signals = {
            let mut wanted = ENDING.to_vec();
            wanted.push(signal_hook::consts::SIGCONT);
            let mut signals =
                signal_hook::iterator::Signals::new(wanted).context("cannot listen for signals")?;
            let handle = signals.handle();
            let sender = sender.clone();
            std::thread::Builder::new()
                .name("signals".into())
                .spawn(move || {
                    for signal in signals.forever() {
                        if sender.send(Input::Signal(signal)).is_err() {
                            break;
                        }
                    }
                })
                .context("cannot start the signal thread")?;
            handle
        };
        let answers = sender.clone();
        std::thread::Builder::new()
            .name("terminal input".into())
            .spawn(move || {
                loop {
                    let input = event::read().map_or_else(Input::Failed, Input::Event);
                    let failed = matches!(input, Input::Failed(_));
                    if sender.send(input).is_err() || failed {
                        break;
                    }
                }
            })
            .context("cannot start the input thread")?;
        Ok(Inputs {
            receiver,
            sender: answers,
            #[cfg(unix)]
            signals,
        })
    }

    /// Everything waiting, after waiting up to `timeout` for the first; empty on timeout.
    fn batch(&self, timeout: Duration) -> anyhow::Result<Vec<Input>> {
        let first = match self.receiver.recv_timeout(timeout) {
            Ok(first) => first,
            Err(mpsc::RecvTimeoutError::Timeout) => return Ok(Vec::new()),
            Err(mpsc::RecvTimeoutError::Disconnected) => anyhow::bail!("terminal input stopped"),
        };
        let mut batch = vec![first];
        batch.extend(self.receiver.try_iter());
        Ok(batch)
    }
}

impl Drop for Inputs {
    fn drop(&mut self) {
        // Signals arriving from now on act as usual.
        #[cfg(unix)]
        self.signals.close();
    }
}

/// Keeps only the last resize of a batch: a storm of resizes costs one layout,
/// at the final size.
pub fn coalesce_resizes(batch: Vec<Input>) -> Vec<Input> {
    let last = batch
        .iter()
        .rposition(|input| matches!(input, Input::Event(Event::Resize(..))));
    batch
        .into_iter()
        .enumerate()
        .filter(|(i, input)| !matches!(input, Input::Event(Event::Resize(..))) || Some(*i) == last)
        .map(|(_, input)| input)
        .collect()
}

/// How the event loop ended.
pub(super) enum Exit {
    Quit,
    /// Ended by this signal: the caller dies of it once the terminal is restored.
    Signal(i32),
}

type Term = Terminal<CrosstermBackend<std::io::Stdout>>;

pub(super) fn run_terminal(state: &mut State, config: &Config, opened: Opened) -> anyhow::Result<Exit> {
    let (mouse, library): (bool, &dyn LibrarySource) = (config.mouse, config);
    let _guard = TerminalGuard::enter(mouse)?;
    let mut terminal = Terminal::new(CrosstermBackend::new(std::io::stdout()))?;
    terminal.hide_cursor()?;
    let inputs = Inputs::start()?;
    let worker = worker::Worker::start(opened.library, inputs.sender.clone())
        .context("cannot start the library thread")?;
    // The list is read, and the index brought up to date, once the first frame is on the screen.
    let (mut list, sync) = (opened.list, opened.sync);
    let mut redraw = true;
    loop {
        if redraw {
            // The state's size is the terminal's when drawing, whatever events said.
            let size = terminal.size()?;
            if (size.width, size.height) != (state.size.width, state.size.height) {
                state.update(Action::Resize {
                    width: size.width,
                    height: size.height,
                });
            }
            terminal.draw(|frame| draw::draw(frame, state))?;
        }
        if std::mem::take(&mut list) {
            worker.list(sync);
        }
        if state.quit {
            return Ok(Exit::Quit);
        }
        // Lets the end-to-end tests check that a panic restores the terminal (debug builds only).
        if cfg!(debug_assertions) && std::env::var_os("BRIEFING_TEST_PANIC").is_some() {
            panic!("panic requested by BRIEFING_TEST_PANIC");
        }
        let batch = inputs.batch(TICK)?;
        if batch.is_empty() {
            redraw = reload_if_changed(state);
            continue;
        }
        // Handle everything already waiting, then draw once (wheel bursts, pastes, resizes).
        for input in coalesce_resizes(batch) {
            match input {
                Input::Event(event) => {
                    for event in split_escape(event, state) {
                        if handle(&event, state, mouse, library, &worker) == Handled::Suspend {
                            suspend(&mut terminal, mouse)?;
                        }
                    }
                }
                Input::Answer(action) => apply(state, action, library, &worker),
                Input::Signal(signal) if is_continue(signal) => resume(&mut terminal)?,
                Input::Signal(signal) => return Ok(Exit::Signal(signal)),
                Input::Failed(e) => return Err(e).context("cannot read the terminal"),
            }
            if state.quit {
                break;
            }
        }
        redraw = true;
    }
}

/// Checks now and then whether another process changed the annotations (one stat
/// per tick); true when they were reloaded.
fn reload_if_changed(state: &mut State) -> bool {
    if !state.store().is_some_and(AnnotationStore::changed_on_disk) {
        return false;
    }
    let reload = state::Effect::Store {
        briefing: state.current,
        change: state::StoreChange::Reload,
    };
    match perform(state, reload) {
        Some(action) => {
            state.update(action);
            true
        }
        None => false,
    }
}

#[derive(PartialEq, Eq)]
enum Handled {
    Done,
    Suspend,
}

/// Applies one event, and the effects it asks for; suspending is left to the caller.
fn handle(
    event: &Event,
    state: &mut State,
    mouse: bool,
    library: &dyn LibrarySource,
    worker: &worker::Worker,
) -> Handled {
    match translate(event, state, mouse) {
        Some(Action::Command(Command::Suspend)) => Handled::Suspend,
        Some(action) => {
            apply(state, action, library, worker);
            Handled::Done
        }
        None => Handled::Done,
    }
}

/// Updates the state with `action` and performs the effects that follow: library
/// queries on the worker (their answers come back later), the rest here.
fn apply(state: &mut State, action: Action, library: &dyn LibrarySource, worker: &worker::Worker) {
    let mut effect = state.update(action);
    while let Some(e) = effect.take() {
        if worker.ask(state.library_generation(), &e) {
            break;
        }
        match perform_with(state, e, library) {
            Some(action) => effect = state.update(action),
            None => break,
        }
    }
}

#[cfg(unix)]
fn is_continue(signal: i32) -> bool {
    signal == signal_hook::consts::SIGCONT
}

#[cfg(not(unix))]
fn is_continue(_signal: i32) -> bool {
    false
}

/// Ctrl-z: gives the terminal back and stops, like a shell job (the whole process
/// group, as `cargo run` or a pipeline would be); on `fg`, takes it again.
fn suspend(terminal: &mut Term, mouse: bool) -> anyhow::Result<()> {
    #[cfg(unix)]
    {
        restore_terminal(mouse);
        // Returns once continued. An orphaned process group is not stopped (there is
        // no shell to come back to), so the reader simply goes on.
        let _ = rustix::process::kill_current_process_group(rustix::process::Signal::TSTP);
        setup_terminal(mouse)?;
        repaint(terminal)?;
    }
    #[cfg(not(unix))]
    let _ = (terminal, mouse);
    Ok(())
}

/// Continued after a stop the reader did not ask for (`kill -STOP`, then `fg`): the
/// shell may have reset the terminal modes and drawn on the screen.
fn resume(terminal: &mut Term) -> anyhow::Result<()> {
    let _ = disable_raw_mode();
    enable_raw_mode().context("cannot switch the terminal to raw mode")?;
    repaint(terminal)
}

/// Clears the screen and has the next frame drawn whole. (Not `Terminal::clear`,
/// which asks the terminal where the cursor is: the input thread reads the answer.)
fn repaint(terminal: &mut Term) -> anyhow::Result<()> {
    let size = terminal.size()?;
    terminal.resize(ratatui::layout::Rect::new(0, 0, size.width, size.height))?;
    Ok(())
}
