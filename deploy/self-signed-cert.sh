#!/usr/bin/env bash
# A throwaway self-signed certificate for trying compose.yaml on this machine:
# writes DIR/chat.pem (certificate + key, the file HAProxy loads) for HOST.
# Usage: deploy/self-signed-cert.sh [DIR=deploy/certs] [HOST=localhost]
# For a real deployment put your own chain + key in DIR/chat.pem instead.
set -euo pipefail
dir="${1:-deploy/certs}"
host="${2:-localhost}"
mkdir -p "$dir"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=$host" \
  -addext "subjectAltName=DNS:$host,IP:127.0.0.1" \
  -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null
cat "$work/cert.pem" "$work/key.pem" > "$dir/chat.pem"
# HAProxy's image runs as its own user (uid 99), which must read it: fine for a
# throwaway; a real key belongs to that uid alone (chown 99 chat.pem; chmod 400).
chmod 644 "$dir/chat.pem"
echo "wrote $dir/chat.pem for $host (valid 30 days)"
