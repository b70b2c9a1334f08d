#!/usr/bin/env bash
# Creates (once) and starts a second local PostgreSQL cluster with TLS, for the tests of TLS towards monitored
# servers (backend/test/tls-monitoring.spec.ts). Idempotent: safe to run before every test run, from the spec and
# from .ci/run. Needs Debian's postgresql-common tools and root the first time.
#
# The server certificate is issued by a test CA for the name `localhost` only (no IP address), so that verify-full
# can be shown to accept `localhost` and refuse `127.0.0.1`. A second, unrelated CA is made for verify-ca failures.
# pg_hba accepts plain and TLS sessions alike (trust, loopback only): the tests read pg_stat_ssl to tell them apart.
#
# Prints "<port> <directory holding ca.crt and other-ca.crt>". Exit status 3: the tools are missing.
set -euo pipefail

NAME=inspector_tls
PORT="${INSPECTOR_TLS_PG_PORT:-5440}"

if ! command -v pg_createcluster >/dev/null 2>&1; then
  echo "pg_createcluster not found (install postgresql-common): cannot create the TLS test cluster" >&2
  exit 3
fi
VERSION=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
CONF="/etc/postgresql/$VERSION/$NAME"

ready() { pg_isready -q -h 127.0.0.1 -p "$PORT"; }

if [[ "$(id -u)" != 0 ]]; then
  # Without root we can only use a cluster an earlier run created.
  if [[ -f "$CONF/ca.crt" ]] && ready; then echo "$PORT $CONF"; exit 0; fi
  echo "the TLS test cluster is not running and creating it needs root: run backend/test/tls-cluster.sh as root" >&2
  exit 1
fi

# Vitest workers or a parallel CI step may call this at the same time.
exec 9>/tmp/inspector-tls-cluster.lock
flock 9

if [[ ! -f "$CONF/postgresql.conf" ]]; then
  # pg_dropcluster leaves the files it did not create (ours) behind; start over from nothing.
  rm -rf "$CONF"
  pg_createcluster "$VERSION" "$NAME" -p "$PORT" --start-conf=manual >/dev/null
fi

if [[ ! -f "$CONF/server.crt" || ! -f "$CONF/other-ca.crt" ]]; then
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  new_ca() { # $1: file stem, $2: common name
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 3650 -subj "/CN=$2" \
      -addext 'basicConstraints=critical,CA:TRUE' -addext 'keyUsage=critical,keyCertSign,cRLSign' \
      -keyout "$work/$1.key" -out "$work/$1.crt" 2>/dev/null
  }
  new_ca ca "Inspector test CA"
  new_ca other-ca "Unrelated test CA"
  openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj "/CN=localhost" \
    -keyout "$work/server.key" -out "$work/server.csr" 2>/dev/null
  printf '%s\n' 'subjectAltName=DNS:localhost' 'basicConstraints=CA:FALSE' 'keyUsage=critical,digitalSignature' \
    'extendedKeyUsage=serverAuth' 'subjectKeyIdentifier=hash' 'authorityKeyIdentifier=keyid' >"$work/server.ext"
  openssl x509 -req -in "$work/server.csr" -CA "$work/ca.crt" -CAkey "$work/ca.key" -CAcreateserial -days 3650 \
    -extfile "$work/server.ext" -out "$work/server.crt" 2>/dev/null
  install -o postgres -g postgres -m 0644 "$work/ca.crt" "$work/other-ca.crt" "$work/server.crt" "$CONF/"
  install -o postgres -g postgres -m 0600 "$work/server.key" "$CONF/"
fi

mkdir -p "$CONF/conf.d"
cat >"$CONF/conf.d/inspector-tls.conf" <<EOF
# Written by backend/test/tls-cluster.sh
listen_addresses = 'localhost'
ssl = on
ssl_cert_file = '$CONF/server.crt'
ssl_key_file = '$CONF/server.key'
max_connections = 30
shared_buffers = 16MB
EOF
cat >"$CONF/pg_hba.conf" <<EOF
# Written by backend/test/tls-cluster.sh: loopback only, plain or TLS.
local all postgres peer
host  all all 127.0.0.1/32 trust
host  all all ::1/128      trust
EOF
chown -R postgres:postgres "$CONF"

# 9>&-: the server must not inherit the lock, or it would hold it for as long as it runs.
if pg_ctlcluster "$VERSION" "$NAME" status >/dev/null 2>&1; then
  pg_ctlcluster --skip-systemctl-redirect "$VERSION" "$NAME" reload 9>&-
else
  pg_ctlcluster --skip-systemctl-redirect "$VERSION" "$NAME" start 9>&-
fi
for _ in $(seq 1 30); do
  ready && break
  sleep 1
done
ready || { echo "the TLS test cluster did not start on port $PORT (see /var/log/postgresql/postgresql-$VERSION-$NAME.log)" >&2; exit 1; }
echo "$PORT $CONF"
