//! Writes a generated library for measuring the library index by hand:
//! `cargo run --release --example gen_library -- /tmp/library-10000 10000`.
//! (Generated data goes under target/ or /tmp, never into the repository.)

#[path = "../benches/support/library_gen.rs"]
mod library_gen;

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().unwrap_or_else(|| "target/library-10000".into());
    let n = args.next().and_then(|n| n.parse().ok()).unwrap_or(10_000);
    let bytes = library_gen::generate(std::path::Path::new(&dir), n);
    println!("{n} briefings, {:.1} MB in {dir}", bytes as f64 / 1e6);
}
