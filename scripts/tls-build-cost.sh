#!/usr/bin/env bash
# What geokg's TLS stack (push over https://) costs at compile time: builds a throw-away crate
# that depends only on the TLS crates geokg uses (rustls 0.23 with ring, rustls-native-certs,
# webpki-roots), with the versions of geokg's Cargo.lock, in a cold target directory, and prints
# the wall time, the number of crates compiled and the size of the compiled artefacts.
# Usage: scripts/tls-build-cost.sh   (needs the crates in ~/.cargo/registry: run a geokg build first)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/src"
cat > "$work/Cargo.toml" <<'TOML'
[package]
name = "tls-cost"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
rustls = { version = "0.23", default-features = false, features = ["ring", "std", "tls12", "logging"] }
webpki-roots = "1"
rustls-native-certs = "0.8"
TOML
cat > "$work/src/main.rs" <<'RS'
fn main() {
    let mut roots = rustls::RootCertStore::empty();
    roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    roots.add_parsable_certificates(rustls_native_certs::load_native_certs().certs);
    let config = rustls::ClientConfig::builder_with_provider(std::sync::Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .unwrap()
    .with_root_certificates(roots)
    .with_no_client_auth();
    println!("{} roots, {:?}", config.crypto_provider().cipher_suites.len(), std::mem::size_of_val(&config));
}
RS
# the same versions as geokg
cp "$root/Cargo.lock" "$work/Cargo.lock"
cd "$work"
/usr/bin/time -f '%e %U %S' -o "$work/time" \
  cargo build --release --offline --target-dir "$work/target" 2>"$work/build.log" || { cat "$work/build.log"; exit 1; }
read -r wall user sys < "$work/time"
crates=$(grep -c '^ *Compiling' "$work/build.log" || true)
size=$(du -sh "$work/target/release" | cut -f1)
printf 'TLS stack: %s crates compiled in %s s wall, %s s CPU (user %s + sys %s; cargo build --release, cold, %s cores, load average %s); target/release %s\n' \
  "$crates" "$wall" "$(echo "$user + $sys" | bc)" "$user" "$sys" "$(nproc)" "$(cut -d' ' -f1 /proc/loadavg)" "$size"
grep '^ *Compiling' "$work/build.log" | sed 's/^ *Compiling /  /'
