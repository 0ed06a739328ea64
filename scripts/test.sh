#!/usr/bin/env bash
# The one test command (README.md, .ci/run): installs what it needs, then runs every gate.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1 && [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "okno: installing Debian's chromium for the browser tests"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "okno: chromium is missing; run as root or: sudo apt-get install -y chromium" >&2
    exit 1
  fi
fi

# The softphone e2e tests run against a real Kamailio (resources/kamailio/okno.cfg), over WebSocket
# and (one test) TLS WebSocket: the binary and both module packages must be there.
kamailio_modules=$(ls -d /usr/lib/*/kamailio/modules 2>/dev/null | head -n 1 || true)
if { ! command -v kamailio >/dev/null 2>&1 && [ ! -x /usr/sbin/kamailio ]; } ||
  [ -z "$kamailio_modules" ] || [ ! -f "$kamailio_modules/websocket.so" ] || [ ! -f "$kamailio_modules/tls.so" ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "okno: installing Debian's kamailio for the softphone tests"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq kamailio kamailio-websocket-modules kamailio-tls-modules >/dev/null
  else
    echo "okno: kamailio is missing; the softphone tests will skip (sudo apt-get install -y kamailio kamailio-websocket-modules kamailio-tls-modules)" >&2
  fi
fi

# The call-queue tests (tests/integration/pbx-queue.test.ts) run rtpengine next to Kamailio with its
# evapi and jansson modules (kamailio-extra-modules), and baresip phones as callers and agents.
if [ ! -x /usr/bin/rtpengine ] || ! command -v baresip >/dev/null 2>&1 || ! command -v sipp >/dev/null 2>&1 ||
  [ -z "$kamailio_modules" ] || [ ! -f "$kamailio_modules/evapi.so" ] || [ ! -f "$kamailio_modules/jansson.so" ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "okno: installing rtpengine, baresip, sipp and Kamailio's extra modules for the call-queue tests"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq rtpengine-daemon baresip sip-tester kamailio-extra-modules >/dev/null
  else
    echo "okno: rtpengine/baresip/kamailio-extra-modules are missing; the call-queue tests will skip (sudo apt-get install -y rtpengine-daemon baresip sip-tester kamailio-extra-modules)" >&2
  fi
fi

# The recording tests measure the recorded audio with sox (duration, silence, levels).
if ! command -v sox >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    echo "okno: installing sox for the recording tests"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq sox >/dev/null
  else
    echo "okno: sox is missing; the recording checks will skip (sudo apt-get install -y sox)" >&2
  fi
fi

# The email tests run against a real Dovecot (IMAP + LMTP) and OpenSMTPD, started by the test harness.
if [ ! -x /usr/sbin/dovecot ] || [ ! -x /usr/lib/dovecot/lmtp ] || [ ! -x /usr/sbin/smtpd ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "okno: installing Debian's dovecot and opensmtpd for the email tests"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq dovecot-imapd dovecot-lmtpd opensmtpd >/dev/null
  else
    echo "okno: dovecot/opensmtpd are missing; the email tests will skip (sudo apt-get install -y dovecot-imapd dovecot-lmtpd opensmtpd)" >&2
  fi
fi

# The hub suite runs a second time on PostgreSQL (vitest.pg.config.ts), a server the harness starts on
# a loopback port in a temporary folder; the cluster tests add nats-server and HAProxy. No system
# service is used: the packages' own units stay stopped.
if [ ! -x /usr/lib/postgresql/15/bin/postgres ] || ! command -v nats-server >/dev/null 2>&1 ||
  ! command -v haproxy >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    echo "okno: installing Debian's postgresql, nats-server and haproxy for the scale-out tests"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql nats-server haproxy >/dev/null
  else
    echo "okno: postgresql/nats-server/haproxy are missing; the PostgreSQL run and cluster tests will skip (sudo apt-get install -y postgresql nats-server haproxy)" >&2
  fi
fi

# The Electron runtime is fetched from outside the npm registry; where that is impossible the
# package still installs and the Electron-only tests skip.
export ELECTRON_SKIP_BINARY_DOWNLOAD=1
npm ci --no-audit --no-fund

npm run format:check
npm run lint
npm run typecheck
npm run build
npx vitest run
if [ -x /usr/lib/postgresql/15/bin/postgres ]; then npm run test:pg; fi
npx playwright test
