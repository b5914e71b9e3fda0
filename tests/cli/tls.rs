//! `geokg push` over HTTPS: a test CA and a server certificate made with rcgen, a small
//! rustls TLS-terminating proxy on 127.0.0.1 in front of `oxigraph serve`, and the graphs
//! arriving through it.

use super::serve::{build_store, free_port, oxigraph, oxigraph_serve, server_quads};
use super::*;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use rustls::{ServerConfig, ServerConnection, StreamOwned};
use std::collections::BTreeSet;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;

/// A CA certificate (PEM) and a certificate for `localhost` and 127.0.0.1 signed by it.
struct TestPki {
    ca_pem: String,
    chain: Vec<CertificateDer<'static>>,
    key: PrivateKeyDer<'static>,
}

fn test_pki(ca_name: &str) -> TestPki {
    let ca_key = rcgen::KeyPair::generate().unwrap();
    let mut ca_params = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
    ca_params
        .distinguished_name
        .push(rcgen::DnType::CommonName, ca_name);
    ca_params.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    ca_params.key_usages = vec![
        rcgen::KeyUsagePurpose::KeyCertSign,
        rcgen::KeyUsagePurpose::CrlSign,
    ];
    let ca = rcgen::CertifiedIssuer::self_signed(ca_params, ca_key).unwrap();
    let key = rcgen::KeyPair::generate().unwrap();
    let params =
        rcgen::CertificateParams::new(vec!["localhost".to_owned(), "127.0.0.1".to_owned()])
            .unwrap();
    let cert = params.signed_by(&key, &ca).unwrap();
    TestPki {
        ca_pem: ca.pem(),
        chain: vec![cert.der().clone(), ca.der().clone()],
        key: PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(key.serialize_der())),
    }
}

/// Relays one HTTP/1.1 request (with `Content-Length`, `Connection: close`) from a TLS
/// client to the backend and the backend's answer back.
fn relay(tcp: TcpStream, config: Arc<ServerConfig>, backend: u16) -> std::io::Result<()> {
    let conn = ServerConnection::new(config).map_err(std::io::Error::other)?;
    let mut tls = StreamOwned::new(conn, tcp);
    let mut buf = Vec::new();
    let mut chunk = [0u8; 16 * 1024];
    let head_end = loop {
        let n = tls.read(&mut chunk)?;
        if n == 0 {
            return Ok(());
        }
        buf.extend_from_slice(&chunk[..n]);
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).to_ascii_lowercase();
    let length: usize = head
        .lines()
        .find_map(|l| l.strip_prefix("content-length:"))
        .map_or(0, |v| v.trim().parse().unwrap_or(0));
    while buf.len() < head_end + length {
        let n = tls.read(&mut chunk)?;
        if n == 0 {
            break;
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    let mut back = TcpStream::connect(("127.0.0.1", backend))?;
    back.write_all(&buf)?;
    let mut answer = Vec::new();
    back.read_to_end(&mut answer)?;
    tls.write_all(&answer)?;
    tls.conn.send_close_notify();
    tls.flush()
}

/// A TLS-terminating proxy on 127.0.0.1 in front of `backend`; returns its port. It runs
/// until the test process ends.
fn tls_proxy(pki: &TestPki, backend: u16) -> u16 {
    let config = Arc::new(
        ServerConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_no_client_auth()
            .with_single_cert(pki.chain.clone(), pki.key.clone_key())
            .unwrap(),
    );
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for tcp in listener.incoming().flatten() {
            let config = Arc::clone(&config);
            std::thread::spawn(move || {
                // a client that refuses the certificate ends the handshake: not our error
                let _ = relay(tcp, config, backend);
            });
        }
    });
    port
}

#[test]
fn push_over_https_with_a_private_ca() {
    if !oxigraph() {
        return;
    }
    let t = tmp();
    let store = t.path().join("store");
    build_store(&store, &[SEED]);
    let local: BTreeSet<String> = String::from_utf8(dump_nq(&store))
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(str::to_owned)
        .collect();
    let backend = free_port();
    let _server = oxigraph_serve(&[], backend);
    let pki = test_pki("geokg test CA");
    let port = tls_proxy(&pki, backend);
    let ca = t.path().join("ca.pem");
    std::fs::write(&ca, &pki.ca_pem).unwrap();
    let endpoint = format!("https://localhost:{port}/store");
    let push = |extra: &[&str]| {
        let mut args = vec![
            "push",
            "--store",
            store.to_str().unwrap(),
            "--endpoint",
            &endpoint,
            "--retries",
            "1",
            "--backoff",
            "0.05",
        ];
        args.extend_from_slice(extra);
        geokg(&args, &root())
    };

    // the test CA is in no root store: the certificate is refused, at once, with the way out
    let o = push(&[]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("invalid peer certificate") && err.contains("--ca-cert FILE"),
        "{err}"
    );
    assert!(!err.contains("gave up after"), "not retried: {err}");
    assert!(server_quads(&format!("http://127.0.0.1:{backend}")).is_empty());
    // another CA's certificate does not help
    let other = t.path().join("other.pem");
    std::fs::write(&other, test_pki("another CA").ca_pem).unwrap();
    let o = push(&["--ca-cert", other.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("invalid peer certificate"));

    // with the test CA, every graph arrives
    let o = push(&["--ca-cert", ca.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("pushed 7 of 7 graphs"),
        "{}",
        stdout(&o)
    );
    assert_eq!(
        server_quads(&format!("http://127.0.0.1:{backend}")),
        local,
        "the server holds the store's quads"
    );
    // the client helper speaks HTTPS too (a query through the proxy)
    let tls = geokg::push::http::tls_config(std::slice::from_ref(&ca)).unwrap();
    let r = geokg::push::http::request_with(
        "GET",
        &format!(
            "https://127.0.0.1:{port}/query?query=ASK%7BGRAPH%20%3Fg%7B%3Fs%20%3Fp%20%3Fo%7D%7D"
        ),
        &[("Accept", "application/sparql-results+json")],
        b"",
        std::time::Duration::from_secs(30),
        Some(&tls),
    )
    .unwrap();
    assert_eq!(
        (r.status, r.text().contains("true")),
        (200, true),
        "{}",
        r.text()
    );
}
