//! A small HTTP/1.1 server on 127.0.0.1 for the tests of import by address:
//! each connection gets one answer from a route function, then is closed. No
//! network beyond the loopback interface.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// What the server does with a request.
pub enum Reply {
    /// A whole answer: status line, headers and body (Content-Length is added).
    Full {
        status: &'static str,
        headers: Vec<(&'static str, String)>,
        body: Vec<u8>,
    },
    /// `200 OK` with this content type and a body that never ends.
    Endless(&'static str),
    /// `200 OK` as HTML, then one byte every 100 ms for a minute.
    Trickle,
    /// Reads the request and never answers (until the client hangs up).
    Stall,
}

impl Reply {
    /// `200 OK` with a content type and a body.
    pub fn ok(content_type: &str, body: impl Into<Vec<u8>>) -> Reply {
        Reply::Full {
            status: "200 OK",
            headers: vec![("Content-Type", content_type.to_string())],
            body: body.into(),
        }
    }

    /// A redirect to `location` (absolute or relative).
    pub fn redirect(status: &'static str, location: &str) -> Reply {
        Reply::Full {
            status,
            headers: vec![("Location", location.to_string())],
            body: Vec::new(),
        }
    }

    /// `404 Not Found`, as HTML.
    pub fn not_found() -> Reply {
        Reply::Full {
            status: "404 Not Found",
            headers: vec![("Content-Type", "text/html".to_string())],
            body: b"<html><body><h1>Not Found</h1></body></html>".to_vec(),
        }
    }
}

type Route = dyn Fn(&str) -> Reply + Send + Sync;

/// A running server; it lives as long as the test process.
pub struct Server {
    addr: SocketAddr,
    requests: Arc<Mutex<Vec<String>>>,
}

impl Server {
    /// Starts a server on a free port of 127.0.0.1 answering each request path with `route`.
    pub fn start(route: impl Fn(&str) -> Reply + Send + Sync + 'static) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let requests = Arc::new(Mutex::new(Vec::new()));
        let route: Arc<Route> = Arc::new(route);
        let seen = Arc::clone(&requests);
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let route = Arc::clone(&route);
                let seen = Arc::clone(&seen);
                std::thread::spawn(move || serve(stream, &*route, &seen));
            }
        });
        Server { addr, requests }
    }

    /// The address of `path` on this server.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// The port it listens on.
    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    /// The heads (request line and headers) of the requests received so far.
    pub fn requests(&self) -> Vec<String> {
        self.requests.lock().unwrap().clone()
    }
}

/// A port of 127.0.0.1 where nothing listens (bound, then closed).
pub fn closed_port() -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    listener.local_addr().unwrap().port()
}

fn serve(mut stream: TcpStream, route: &Route, seen: &Mutex<Vec<String>>) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut head = String::new();
    loop {
        let mut line = Vec::new();
        if reader.read_until(b'\n', &mut line).unwrap_or(0) == 0 {
            return;
        }
        let is_http = !head.is_empty() || line.first().is_some_and(u8::is_ascii_uppercase);
        let Some(line) = String::from_utf8(line).ok().filter(|_| is_http) else {
            // Not HTTP (a TLS handshake, say): answered as a plain web server would.
            let _ = stream
                .write_all(b"HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n");
            return;
        };
        if line == "\r\n" || line == "\n" {
            break;
        }
        head.push_str(&line);
    }
    let path = head.split_whitespace().nth(1).unwrap_or("/").to_string();
    seen.lock().unwrap().push(head);
    // The client may hang up at any point (a cap or a timeout): write errors end the answer.
    let _ = answer(stream, reader, route(&path));
}

fn answer(mut stream: TcpStream, mut reader: BufReader<TcpStream>, reply: Reply) -> std::io::Result<()> {
    match reply {
        Reply::Full {
            status,
            headers,
            body,
        } => {
            let mut out = format!("HTTP/1.1 {status}\r\nConnection: close\r\n");
            for (name, value) in headers {
                out.push_str(&format!("{name}: {value}\r\n"));
            }
            out.push_str(&format!("Content-Length: {}\r\n\r\n", body.len()));
            stream.write_all(out.as_bytes())?;
            stream.write_all(&body)
        }
        Reply::Endless(content_type) => {
            let head = format!(
                "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Type: {content_type}\r\n\r\n<html><body>"
            );
            stream.write_all(head.as_bytes())?;
            let chunk = "<p>More and more words, with no end in sight.</p>\n".repeat(1000);
            loop {
                stream.write_all(chunk.as_bytes())?;
            }
        }
        Reply::Trickle => {
            stream.write_all(
                b"HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Type: text/html\r\n\r\n<html>",
            )?;
            let start = Instant::now();
            while start.elapsed() < Duration::from_secs(60) {
                std::thread::sleep(Duration::from_millis(100));
                stream.write_all(b" ")?;
                stream.flush()?;
            }
            Ok(())
        }
        Reply::Stall => {
            // Returns when the client closes the connection.
            let mut rest = Vec::new();
            let _ = reader.read_to_end(&mut rest);
            Ok(())
        }
    }
}
