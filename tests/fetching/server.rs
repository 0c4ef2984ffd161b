//! A real HTTP server on the loopback address, answering from routes the test gives it.

use std::collections::HashMap;
use std::io::Cursor;
use std::sync::{Arc, Mutex};
use std::thread;

/// What a route answers.
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// Wait this long before answering (a slow server).
    pub delay: std::time::Duration,
}

impl Reply {
    pub fn new(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Self {
        Self {
            status,
            headers: vec![("Content-Type".into(), content_type.into())],
            body: body.into(),
            delay: std::time::Duration::ZERO,
        }
    }

    pub fn html(body: impl Into<Vec<u8>>) -> Self {
        Self::new(200, "text/html; charset=utf-8", body)
    }

    pub fn redirect(to: &str) -> Self {
        let mut reply = Self::new(302, "text/plain", "moved");
        reply.headers.push(("Location".into(), to.into()));
        reply
    }

    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.into(), value.into()));
        self
    }
}

/// A request as the route sees it.
pub struct Seen<'a> {
    /// `http://127.0.0.1:PORT`
    pub base: &'a str,
    pub path: &'a str,
    pub if_none_match: Option<String>,
}

type Route = dyn Fn(&Seen<'_>) -> Reply + Send + Sync;

pub struct Server {
    pub base: String,
    hits: Arc<Mutex<HashMap<String, usize>>>,
    server: Arc<tiny_http::Server>,
}

impl Server {
    /// Starts serving `route` on 127.0.0.1 at a free port; each request on its own thread.
    pub fn start(route: impl Fn(&Seen<'_>) -> Reply + Send + Sync + 'static) -> Self {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a loopback port");
        // Accepted sockets inherit this. Without it, tiny_http's response, written in 1 KB
        // pieces, waits on the client's delayed ACK (40 ms) whenever it is longer than that.
        nix::sys::socket::setsockopt(&listener, nix::sys::socket::sockopt::TcpNoDelay, &true)
            .expect("TCP_NODELAY");
        let server =
            Arc::new(tiny_http::Server::from_listener(listener, None).expect("a loopback server"));
        let port = server.server_addr().to_ip().expect("an IP address").port();
        let hits = Arc::new(Mutex::new(HashMap::new()));
        let route: Arc<Route> = Arc::new(route);
        let (accepting, counting) = (Arc::clone(&server), Arc::clone(&hits));
        let base = format!("http://127.0.0.1:{port}");
        let served_base = base.clone();
        thread::spawn(move || {
            for request in accepting.incoming_requests() {
                let route = Arc::clone(&route);
                let counting = Arc::clone(&counting);
                let base = served_base.clone();
                thread::spawn(move || {
                    let path = request.url().to_string();
                    *counting
                        .lock()
                        .expect("hits")
                        .entry(path.clone())
                        .or_insert(0) += 1;
                    let if_none_match = request
                        .headers()
                        .iter()
                        .find(|h| h.field.equiv("If-None-Match"))
                        .map(|h| h.value.to_string());
                    let reply = route(&Seen {
                        base: &base,
                        path: &path,
                        if_none_match,
                    });
                    thread::sleep(reply.delay);
                    let length = reply.body.len();
                    let mut response = tiny_http::Response::new(
                        tiny_http::StatusCode(reply.status),
                        Vec::new(),
                        Cursor::new(reply.body),
                        Some(length),
                        None,
                    );
                    for (name, value) in reply.headers {
                        if let Ok(header) =
                            tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes())
                        {
                            response.add_header(header);
                        }
                    }
                    let _ = request.respond(response);
                });
            }
        });
        Self { base, hits, server }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// How many requests `path` has had.
    pub fn hits(&self, path: &str) -> usize {
        self.hits
            .lock()
            .expect("hits")
            .get(path)
            .copied()
            .unwrap_or(0)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.server.unblock();
    }
}
