//! HTTP for pages and feeds: ureq with rustls, under limits a hostile or broken server cannot
//! get past.
//!
//! Every response is read through a byte cap applied after decompression (a gzip bomb stops at
//! the cap, not at the end of the disk), redirects are bounded (a loop ends with an error),
//! connecting and waiting for bytes time out, and only the content types the caller accepts are
//! read at all. Failures come back as a [`FetchError`] whose message is one line naming the
//! reason: DNS, TLS, HTTP status, timeout, too large, wrong content type.

use std::io::Read;
use std::time::Duration;

use ureq::ResponseExt;

use crate::sanitize::sanitize_line;

/// The limits every request runs under.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Resolving the name and opening the connection (TLS included).
    pub connect_timeout: Duration,
    /// Waiting for the response and for each part of its body.
    pub read_timeout: Duration,
    /// The whole request, redirects and body included.
    pub total_timeout: Duration,
    /// Redirects followed before giving up (a loop hits this).
    pub max_redirects: u32,
    /// Bytes of body kept, counted after decompression.
    pub max_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            connect_timeout: Duration::from_secs(10),
            read_timeout: Duration::from_secs(20),
            total_timeout: Duration::from_secs(60),
            max_redirects: 5,
            max_bytes: 8 * 1024 * 1024,
        }
    }
}

impl Limits {
    /// The default limits with every timeout set to `timeout` (the total to four times it).
    pub fn with_timeout(timeout: Duration) -> Self {
        Self {
            connect_timeout: timeout,
            read_timeout: timeout,
            total_timeout: timeout.saturating_mul(4),
            ..Self::default()
        }
    }
}

/// What a request may get back, by content type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wanted {
    /// A web page (HTML, or text and Markdown served as such).
    Page,
    /// A feed (RSS, Atom or JSON Feed), or a page that may link to one.
    FeedOrPage,
}

impl Wanted {
    fn accept_header(self) -> &'static str {
        match self {
            Self::Page => {
                "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.5,text/markdown;q=0.5"
            }
            Self::FeedOrPage => {
                "application/rss+xml,application/atom+xml,application/feed+json,application/xml;q=0.9,\
                 text/xml;q=0.9,application/json;q=0.8,text/html;q=0.5"
            }
        }
    }

    /// What a response of the wrong type is not.
    fn refusal(self) -> &'static str {
        match self {
            Self::Page => "not a web page",
            Self::FeedOrPage => "not a page or feed",
        }
    }

    /// Whether a response of `mime` (lower case, without parameters) is worth reading.
    fn accepts(self, mime: &str) -> bool {
        let page = matches!(
            mime,
            "text/html"
                | "application/xhtml+xml"
                | "text/plain"
                | "text/markdown"
                | "text/x-markdown"
        );
        match self {
            Self::Page => page,
            Self::FeedOrPage => {
                page || mime.ends_with("+xml")
                    || mime.ends_with("/xml")
                    || mime.ends_with("+json")
                    || mime == "application/json"
            }
        }
    }
}

/// The validators of an earlier response, sent back so an unchanged resource costs one 304.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// A response that was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    /// Where the body came from after redirects.
    pub url: String,
    /// The media type, lower case, without parameters (`text/html`).
    pub mime: String,
    /// The `charset` parameter of the content type, if any.
    pub charset: Option<String>,
    pub body: Vec<u8>,
    pub validators: Validators,
}

/// What a request came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The server said 304: nothing changed since the validators sent.
    NotModified,
    Fetched(Response),
}

/// Why a URL could not be fetched; each message is one line the user can act on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FetchError {
    #[error("not a web address ({0}); give an http:// or https:// URL")]
    BadUrl(String),
    #[error("only http and https addresses can be fetched, not {0}:")]
    Scheme(String),
    #[error("DNS: the host name could not be found")]
    Dns,
    #[error("could not connect: {0}")]
    Connect(String),
    #[error("TLS: {0}")]
    Tls(String),
    #[error("timeout: the server did not answer in time")]
    Timeout,
    #[error("HTTP {code}{words}", code = .0, words = status_words(*.0))]
    Status(u16),
    #[error("too many redirects (more than {0}), or a redirect loop")]
    Redirects(u32),
    #[error("too large: more than {} MB after decompression", .0 / (1024 * 1024))]
    TooLarge(u64),
    #[error("{what}: the server sent {sent}")]
    ContentType { sent: String, what: &'static str },
    #[error("the response could not be read: {0}")]
    Body(String),
}

fn status_words(code: u16) -> &'static str {
    match code {
        401 => " unauthorized",
        403 => " forbidden",
        404 => " not found",
        410 => " gone",
        429 => " too many requests",
        500 => " server error",
        502 => " bad gateway",
        503 => " service unavailable",
        504 => " gateway timeout",
        _ => "",
    }
}

/// Checks that `url` is an absolute http(s) URL and returns it parsed.
pub fn parse_web_url(url: &str) -> Result<url::Url, FetchError> {
    let parsed = url::Url::parse(url.trim()).map_err(|e| FetchError::BadUrl(e.to_string()))?;
    match parsed.scheme() {
        "http" | "https" if parsed.host_str().is_some() => Ok(parsed),
        "http" | "https" => Err(FetchError::BadUrl("no host".into())),
        other => Err(FetchError::Scheme(sanitize_line(other))),
    }
}

/// One HTTP client, shared by every request of a run (it keeps connections open).
#[derive(Debug, Clone)]
pub struct Client {
    agent: ureq::Agent,
    limits: Limits,
}

impl Client {
    pub fn new(limits: Limits) -> Self {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .timeout_global(Some(limits.total_timeout))
            .timeout_resolve(Some(limits.connect_timeout))
            .timeout_connect(Some(limits.connect_timeout))
            .timeout_send_request(Some(limits.read_timeout))
            .timeout_recv_response(Some(limits.read_timeout))
            .timeout_recv_body(Some(limits.read_timeout))
            .max_redirects(limits.max_redirects)
            .http_status_as_error(false)
            .user_agent(concat!("dossier/", env!("CARGO_PKG_VERSION")))
            .build()
            .into();
        Self { agent, limits }
    }

    pub fn limits(&self) -> Limits {
        self.limits
    }

    /// Fetches `url`, sending `validators` for a conditional request.
    pub fn get(
        &self,
        url: &str,
        wanted: Wanted,
        validators: &Validators,
    ) -> Result<Outcome, FetchError> {
        let parsed = parse_web_url(url)?;
        let mut request = self
            .agent
            .get(parsed.as_str())
            .header("Accept", wanted.accept_header());
        if let Some(etag) = &validators.etag {
            request = request.header("If-None-Match", etag);
        }
        if let Some(modified) = &validators.last_modified {
            request = request.header("If-Modified-Since", modified);
        }
        let mut response = request.call().map_err(|e| self.describe(e))?;
        let status = response.status().as_u16();
        if status == 304 {
            return Ok(Outcome::NotModified);
        }
        if !(200..300).contains(&status) {
            return Err(FetchError::Status(status));
        }
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        let content_type = header("content-type").unwrap_or_default();
        let (mime, charset) = split_content_type(&content_type);
        // A server that names no type gets the benefit of the doubt; the parsers judge.
        if !mime.is_empty() && !wanted.accepts(&mime) {
            return Err(FetchError::ContentType {
                sent: sanitize_line(&mime),
                what: wanted.refusal(),
            });
        }
        let validators = Validators {
            etag: header("etag"),
            last_modified: header("last-modified"),
        };
        let final_url = response.get_uri().to_string();
        let max = self.limits.max_bytes;
        let reader = response.body_mut().with_config().limit(u64::MAX).reader();
        let mut body = Vec::new();
        // One byte over the cap is enough to know it is too large; the rest is never read.
        reader
            .take(max.saturating_add(1))
            .read_to_end(&mut body)
            .map_err(|e| read_error(&e))?;
        if body.len() as u64 > max {
            return Err(FetchError::TooLarge(max));
        }
        Ok(Outcome::Fetched(Response {
            url: final_url,
            mime,
            charset,
            body,
            validators,
        }))
    }

    fn describe(&self, err: ureq::Error) -> FetchError {
        match err {
            ureq::Error::HostNotFound => FetchError::Dns,
            ureq::Error::Timeout(_) => FetchError::Timeout,
            ureq::Error::TooManyRedirects => FetchError::Redirects(self.limits.max_redirects),
            ureq::Error::StatusCode(code) => FetchError::Status(code),
            ureq::Error::BadUri(uri) => FetchError::BadUrl(sanitize_line(&uri)),
            ureq::Error::RedirectFailed => FetchError::BadUrl("a redirect to nowhere".into()),
            ureq::Error::Tls(message) => FetchError::Tls(message.into()),
            ureq::Error::Rustls(err) => FetchError::Tls(sanitize_line(&err.to_string())),
            ureq::Error::ConnectionFailed => FetchError::Connect("connection refused".into()),
            ureq::Error::BodyExceedsLimit(_) => FetchError::TooLarge(self.limits.max_bytes),
            ureq::Error::Io(io) => read_error(&io),
            other => FetchError::Connect(sanitize_line(&other.to_string())),
        }
    }
}

fn read_error(err: &std::io::Error) -> FetchError {
    use std::io::ErrorKind;
    // ureq passes rustls's handshake errors up as I/O errors.
    if let Some(tls) = err
        .get_ref()
        .and_then(|e| e.downcast_ref::<rustls::Error>())
    {
        return FetchError::Tls(sanitize_line(&tls.to_string()));
    }
    match err.kind() {
        ErrorKind::TimedOut | ErrorKind::WouldBlock => FetchError::Timeout,
        ErrorKind::ConnectionRefused => FetchError::Connect("connection refused".into()),
        _ => {
            let text = err.to_string();
            let lower = text.to_ascii_lowercase();
            // The standard library's resolver reports failures as uncategorised I/O errors.
            if lower.contains("failed to lookup address")
                || lower.contains("name or service not known")
            {
                FetchError::Dns
            } else if lower.contains("timed out") || text.contains("Timeout") {
                FetchError::Timeout
            } else {
                FetchError::Body(sanitize_line(&text))
            }
        }
    }
}

/// `text/html; charset=UTF-8` → (`text/html`, `Some("utf-8")`).
fn split_content_type(value: &str) -> (String, Option<String>) {
    let mut parts = value.split(';');
    let mime = parts.next().unwrap_or_default().trim().to_ascii_lowercase();
    let charset = parts.find_map(|p| {
        let (key, value) = p.split_once('=')?;
        (key.trim().eq_ignore_ascii_case("charset"))
            .then(|| value.trim().trim_matches('"').to_ascii_lowercase())
    });
    (mime, charset)
}

/// The form of a URL used to recognise the same page: no fragment, default port dropped,
/// scheme and host lower case (the `url` crate does those two).
pub fn normalize_url(url: &str) -> Option<String> {
    let mut parsed = parse_web_url(url).ok()?;
    parsed.set_fragment(None);
    Some(parsed.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_urls_are_fetched() {
        assert!(matches!(
            parse_web_url("file:///etc/passwd"),
            Err(FetchError::Scheme(s)) if s == "file"
        ));
        assert!(matches!(
            parse_web_url("not a url"),
            Err(FetchError::BadUrl(_))
        ));
        assert!(parse_web_url("https://example.org/a").is_ok());
    }

    #[test]
    fn content_types_split_and_checked() {
        assert_eq!(
            split_content_type("Text/HTML; charset=\"ISO-8859-1\""),
            ("text/html".into(), Some("iso-8859-1".into()))
        );
        assert!(Wanted::Page.accepts("text/html"));
        assert!(!Wanted::Page.accepts("image/png"));
        assert!(Wanted::FeedOrPage.accepts("application/rss+xml"));
        assert!(Wanted::FeedOrPage.accepts("application/feed+json"));
        assert!(!Wanted::FeedOrPage.accepts("application/pdf"));
    }

    #[test]
    fn normalized_urls_drop_fragments_and_case() {
        assert_eq!(
            normalize_url("HTTPS://Example.ORG:443/a?b=1#top").as_deref(),
            Some("https://example.org/a?b=1")
        );
    }
}
