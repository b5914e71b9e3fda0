//! A minimal HTTP/1.1 client over `std::net` for `geokg push` and the tests: `http://` and
//! `https://` (rustls with the ring provider; the system's roots, webpki's bundled roots and
//! any `--ca-cert` file), one request per connection (`Connection: close`), responses delimited
//! by `Content-Length`, chunked transfer coding or the end of the connection.

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName};
use rustls::{ClientConfig, ClientConnection, RootCertStore, StreamOwned};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock};
use std::time::Duration;

/// The parts of an `http://` or `https://` URL a request needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HttpUrl {
    /// Whether the scheme is `https`.
    pub tls: bool,
    /// Host name or address (IPv6 without brackets).
    pub host: String,
    pub port: u16,
    /// Path and query, starting with `/`; the fragment is dropped.
    pub target: String,
}

impl HttpUrl {
    fn default_port(&self) -> u16 {
        if self.tls {
            443
        } else {
            80
        }
    }

    /// The `Host` header value.
    pub fn host_header(&self) -> String {
        let host = if self.host.contains(':') {
            format!("[{}]", self.host)
        } else {
            self.host.clone()
        };
        if self.port == self.default_port() {
            host
        } else {
            format!("{host}:{}", self.port)
        }
    }
}

/// Parses an `http[s]://host[:port][/path][?query][#fragment]` URL.
pub fn parse_url(url: &str) -> Result<HttpUrl, String> {
    let (scheme, rest) = url
        .split_once("://")
        .ok_or_else(|| format!("'{url}' is not an absolute http:// or https:// URL"))?;
    let tls = if scheme.eq_ignore_ascii_case("https") {
        true
    } else if scheme.eq_ignore_ascii_case("http") {
        false
    } else {
        return Err(format!(
            "'{url}': only http:// and https:// URLs are supported"
        ));
    };
    let rest = rest.split('#').next().unwrap_or("");
    let split = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, target) = rest.split_at(split);
    if authority.contains('@') {
        return Err(format!(
            "'{url}': credentials in the URL are not supported; use --user and --password"
        ));
    }
    let (host, port) = if let Some(v6) = authority.strip_prefix('[') {
        let (host, after) = v6
            .split_once(']')
            .ok_or_else(|| format!("'{url}': unclosed '[' in the host"))?;
        (host, after.strip_prefix(':'))
    } else {
        match authority.rsplit_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (authority, None),
        }
    };
    if host.is_empty() {
        return Err(format!("'{url}': no host"));
    }
    let port = match port {
        None | Some("") => {
            if tls {
                443
            } else {
                80
            }
        }
        Some(p) => p
            .parse::<u16>()
            .map_err(|_| format!("'{url}': bad port '{p}'"))?,
    };
    let target = match target {
        "" => "/".to_owned(),
        t if t.starts_with('?') => format!("/{t}"),
        t => t.to_owned(),
    };
    if target.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(format!("'{url}': spaces or control characters in the path"));
    }
    Ok(HttpUrl {
        tls,
        host: host.to_owned(),
        port,
        target,
    })
}

/// The certificates of a PEM file (`-----BEGIN CERTIFICATE-----` sections).
pub fn read_pem_certificates(path: &Path) -> Result<Vec<CertificateDer<'static>>, String> {
    let pem = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let certs = CertificateDer::pem_slice_iter(&pem)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| format!("{}: not a PEM certificate file: {e}", path.display()))?;
    if certs.is_empty() {
        return Err(format!(
            "{}: no '-----BEGIN CERTIFICATE-----' section in it",
            path.display()
        ));
    }
    Ok(certs)
}

/// The TLS client configuration: rustls with the ring provider, trusting the system's root
/// certificates, webpki's bundled roots (Mozilla's) and the certificates of `extra_ca` (PEM
/// files, for private CAs).
pub fn tls_config(extra_ca: &[PathBuf]) -> Result<Arc<ClientConfig>, String> {
    let mut roots = RootCertStore::empty();
    roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    // a system root that rustls cannot parse is skipped, as browsers do
    let native = rustls_native_certs::load_native_certs();
    roots.add_parsable_certificates(native.certs);
    for path in extra_ca {
        for cert in read_pem_certificates(path)? {
            roots
                .add(cert)
                .map_err(|e| format!("{}: unusable CA certificate: {e}", path.display()))?;
        }
    }
    let config =
        ClientConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
            .with_safe_default_protocol_versions()
            .map_err(|e| format!("TLS set-up: {e}"))?
            .with_root_certificates(roots)
            .with_no_client_auth();
    Ok(Arc::new(config))
}

/// The configuration [`request`] uses for `https://`: system and webpki roots, no extra CA.
fn default_tls() -> std::io::Result<Arc<ClientConfig>> {
    static CONFIG: LazyLock<Result<Arc<ClientConfig>, String>> = LazyLock::new(|| tls_config(&[]));
    CONFIG.clone().map_err(std::io::Error::other)
}

/// A response with its whole body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HttpResponse {
    pub status: u16,
    pub reason: String,
    /// Header names lower-cased, in the order received.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl HttpResponse {
    /// The first header of that name (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        let name = name.to_ascii_lowercase();
        self.headers
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

fn invalid(msg: impl Into<String>) -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::InvalidData, msg.into())
}

fn read_line(r: &mut impl BufRead) -> std::io::Result<String> {
    let mut line = Vec::new();
    r.by_ref().take(64 * 1024).read_until(b'\n', &mut line)?;
    if !line.ends_with(b"\n") {
        return Err(invalid(
            "the response ended early or has a line over 64 KiB",
        ));
    }
    while line.last().is_some_and(|b| *b == b'\n' || *b == b'\r') {
        line.pop();
    }
    String::from_utf8(line).map_err(|_| invalid("a response line is not UTF-8"))
}

fn read_chunked(r: &mut impl BufRead) -> std::io::Result<Vec<u8>> {
    let mut body = Vec::new();
    loop {
        let line = read_line(r)?;
        let size = line.split(';').next().unwrap_or("").trim();
        let size = usize::from_str_radix(size, 16)
            .map_err(|_| invalid(format!("bad chunk size '{size}'")))?;
        if size == 0 {
            // trailers, up to the blank line
            while !read_line(r)?.is_empty() {}
            return Ok(body);
        }
        let start = body.len();
        body.resize(start + size, 0);
        r.read_exact(&mut body[start..])?;
        if !read_line(r)?.is_empty() {
            return Err(invalid("a chunk is longer than its size"));
        }
    }
}

/// A connection: plain TCP or TLS over TCP.
trait Stream: Read + Write {}
impl<T: Read + Write> Stream for T {}

/// Reads until the peer closes; a TLS peer that closes without `close_notify` ends the body
/// too (the length was not announced, so nothing can be missing that a header promised).
fn read_to_close(r: &mut impl Read, body: &mut Vec<u8>) -> std::io::Result<()> {
    match r.read_to_end(body) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => Ok(()),
        Err(e) => Err(e),
    }
}

/// Sends one request and reads the response. `timeout` bounds connecting and each read and
/// write. Header values must not contain line breaks. `https://` trusts the system's and
/// webpki's roots; [`request_with`] takes another TLS configuration.
pub fn request(
    method: &str,
    url: &str,
    headers: &[(&str, &str)],
    body: &[u8],
    timeout: Duration,
) -> std::io::Result<HttpResponse> {
    let tls = if parse_url(url).is_ok_and(|u| u.tls) {
        Some(default_tls()?)
    } else {
        None
    };
    request_with(method, url, headers, body, timeout, tls.as_ref())
}

/// [`request`] with the TLS configuration for `https://` URLs (see [`tls_config`]).
pub fn request_with(
    method: &str,
    url: &str,
    headers: &[(&str, &str)],
    body: &[u8],
    timeout: Duration,
    tls: Option<&Arc<ClientConfig>>,
) -> std::io::Result<HttpResponse> {
    let u = parse_url(url).map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidInput, e))?;
    let mut head = format!(
        "{method} {} HTTP/1.1\r\nHost: {}\r\nUser-Agent: geokg/{}\r\nConnection: close\r\nContent-Length: {}\r\n",
        u.target,
        u.host_header(),
        env!("CARGO_PKG_VERSION"),
        body.len()
    );
    for (k, v) in headers {
        if [k, v].iter().any(|s| s.contains(['\r', '\n'])) {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                format!("header {k} has a line break"),
            ));
        }
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");

    let mut last_error = None;
    let mut tcp = None;
    for addr in (u.host.as_str(), u.port).to_socket_addrs()? {
        match TcpStream::connect_timeout(&addr, timeout) {
            Ok(s) => {
                tcp = Some(s);
                break;
            }
            Err(e) => last_error = Some(e),
        }
    }
    let tcp = match tcp {
        Some(s) => s,
        None => {
            return Err(last_error.unwrap_or_else(|| {
                std::io::Error::new(
                    std::io::ErrorKind::NotFound,
                    format!("{} resolves to no address", u.host),
                )
            }))
        }
    };
    tcp.set_read_timeout(Some(timeout))?;
    tcp.set_write_timeout(Some(timeout))?;
    let mut stream: Box<dyn Stream> = if u.tls {
        let config = match tls {
            Some(c) => Arc::clone(c),
            None => default_tls()?,
        };
        let name = ServerName::try_from(u.host.clone()).map_err(|e| {
            std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                format!("'{}' is not a valid TLS server name: {e}", u.host),
            )
        })?;
        let conn = ClientConnection::new(config, name)
            .map_err(|e| std::io::Error::other(format!("TLS: {e}")))?;
        Box::new(StreamOwned::new(conn, tcp))
    } else {
        Box::new(tcp)
    };
    stream.write_all(head.as_bytes())?;
    stream.write_all(body)?;
    stream.flush()?;

    let mut r = BufReader::new(stream);
    loop {
        let status_line = read_line(&mut r)?;
        let mut parts = status_line.splitn(3, ' ');
        let version = parts.next().unwrap_or("");
        if !version.starts_with("HTTP/1.") {
            return Err(invalid(format!(
                "not an HTTP/1.x response: '{status_line}'"
            )));
        }
        let status: u16 = parts
            .next()
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| invalid(format!("bad status line '{status_line}'")))?;
        let reason = parts.next().unwrap_or("").to_owned();
        let mut headers = Vec::new();
        loop {
            let line = read_line(&mut r)?;
            if line.is_empty() {
                break;
            }
            if headers.len() > 200 {
                return Err(invalid("more than 200 response headers"));
            }
            let (k, v) = line
                .split_once(':')
                .ok_or_else(|| invalid(format!("bad header line '{line}'")))?;
            headers.push((k.trim().to_ascii_lowercase(), v.trim().to_owned()));
        }
        if (100..200).contains(&status) {
            continue; // 100 Continue and other interim answers
        }
        let mut response = HttpResponse {
            status,
            reason,
            headers,
            body: Vec::new(),
        };
        if method.eq_ignore_ascii_case("HEAD") || status == 204 || status == 304 {
            return Ok(response);
        }
        let chunked = response
            .header("transfer-encoding")
            .is_some_and(|v| v.to_ascii_lowercase().contains("chunked"));
        if chunked {
            response.body = read_chunked(&mut r)?;
        } else if let Some(len) = response.header("content-length") {
            let len: usize = len
                .parse()
                .map_err(|_| invalid(format!("bad Content-Length '{len}'")))?;
            response.body.resize(len, 0);
            r.read_exact(&mut response.body)?;
        } else {
            read_to_close(&mut r, &mut response.body)?;
        }
        return Ok(response);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_parse() {
        assert_eq!(
            parse_url("http://127.0.0.1:7878/store?x=1#frag").unwrap(),
            HttpUrl {
                tls: false,
                host: "127.0.0.1".into(),
                port: 7878,
                target: "/store?x=1".into()
            }
        );
        let u = parse_url("HTTP://example.org?graph=a").unwrap();
        assert_eq!((u.port, u.target.as_str()), (80, "/?graph=a"));
        assert_eq!(u.host_header(), "example.org");
        let u = parse_url("http://[::1]:8080").unwrap();
        assert_eq!(
            (u.host.as_str(), u.port, u.target.as_str()),
            ("::1", 8080, "/")
        );
        assert_eq!(u.host_header(), "[::1]:8080");
        let u = parse_url("https://example.org/store").unwrap();
        assert!(u.tls);
        assert_eq!((u.port, u.host_header()), (443, "example.org".to_owned()));
        let u = parse_url("HTTPS://example.org:8443").unwrap();
        assert_eq!(u.host_header(), "example.org:8443");
        assert!(!parse_url("http://example.org:443").unwrap().tls);
        assert!(parse_url("ftp://h/x")
            .unwrap_err()
            .contains("only http:// and https://"));
        assert!(parse_url("http://u:p@h/x").unwrap_err().contains("--user"));
        assert!(parse_url("http://h:99999/")
            .unwrap_err()
            .contains("bad port"));
        assert!(parse_url("h/x").is_err());
        assert!(parse_url("http:///x").is_err());
        assert!(parse_url("http://h/a b").is_err());
    }

    #[test]
    fn pem_files_are_checked() {
        let dir = tempfile::tempdir().unwrap();
        let empty = dir.path().join("empty.pem");
        std::fs::write(&empty, "not a certificate\n").unwrap();
        assert!(read_pem_certificates(&empty)
            .unwrap_err()
            .contains("no '-----BEGIN CERTIFICATE-----'"));
        let bad = dir.path().join("bad.pem");
        std::fs::write(
            &bad,
            "-----BEGIN CERTIFICATE-----\n!!!\n-----END CERTIFICATE-----\n",
        )
        .unwrap();
        assert!(read_pem_certificates(&bad)
            .unwrap_err()
            .contains("not a PEM certificate file"));
        assert!(tls_config(&[dir.path().join("missing.pem")])
            .unwrap_err()
            .contains("missing.pem"));
        // the default roots load
        assert!(tls_config(&[]).is_ok());
    }

    #[test]
    fn chunked_bodies_decode() {
        let mut r = std::io::Cursor::new(
            b"4\r\nWiki\r\n6;ext=1\r\npedia \r\n0\r\nTrailer: x\r\n\r\n".to_vec(),
        );
        assert_eq!(read_chunked(&mut r).unwrap(), b"Wikipedia ");
        let mut r = std::io::Cursor::new(b"zz\r\n".to_vec());
        assert!(read_chunked(&mut r).is_err());
        let mut r = std::io::Cursor::new(b"2\r\nabc\r\n".to_vec());
        assert!(read_chunked(&mut r).is_err());
    }
}
