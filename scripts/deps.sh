#!/usr/bin/env bash
# Installs what the make targets need on a fresh Debian machine, by part:
#   npm      node_modules from package-lock.json (npm ci, when it changed;
#            Node.js and npm are installed only if that must run)
#   node     Node.js and npm themselves (the tests run Node)
#   go       the Go modules pinned in go.sum
#   nginx    nginx with the brotli module (make preview, the serving tests)
#   browser  Chromium (the browser tests)
#   bench    wrk (the serving load test)
#   pod      unshare and setpriv (util-linux), mount, ip (iproute2): the
#            Kubernetes tests run nginx as its pod would (deploy/kubernetes)
# With no arguments, all of them (make test). Debian packages are installed
# with apt-get as root; otherwise the missing ones are named.
set -euo pipefail
cd "$(dirname "$0")/.."

parts=("$@")
[ ${#parts[@]} -gt 0 ] || parts=(npm node go nginx browser bench pod)
wants() { [[ " ${parts[*]} " == *" $1 "* ]]; }

stamp=node_modules/.package-lock.sha256
lock=$(sha256sum package-lock.json | cut -d' ' -f1)
npm_stale=false
if wants npm && [ "$(cat "$stamp" 2>/dev/null)" != "$lock" ]; then
  npm_stale=true
fi

missing=()
if wants node || $npm_stale; then
  command -v node >/dev/null || missing+=(nodejs)
  command -v npm >/dev/null || missing+=(npm)
fi
if wants nginx; then
  [ -x /usr/sbin/nginx ] || missing+=(nginx)
  [ -f /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ] || missing+=(libnginx-mod-http-brotli-static)
fi
if wants browser; then
  [ -x /usr/bin/chromium ] || missing+=(chromium)
fi
if wants bench; then
  command -v wrk >/dev/null || missing+=(wrk)
fi
if wants pod; then
  [ -x /usr/bin/unshare ] && [ -x /usr/bin/setpriv ] || missing+=(util-linux)
  [ -x /usr/bin/mount ] || missing+=(mount)
  [ -x /usr/sbin/ip ] || [ -x /usr/bin/ip ] || missing+=(iproute2)
fi
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "deps: missing ${missing[*]}; run as root or: sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
  echo "deps: apt-get install ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if $npm_stale; then
  echo "deps: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$lock" > "$stamp"
fi

if wants go; then
  go mod download
fi
