#!/usr/bin/env bash
# The pre-commit hook, run for real: Debian's pre-commit (installed here when missing),
# this checkout committed into a temporary hook repository (working-tree changes included),
# and a temporary project whose .pre-commit-config.yaml uses `repo: <hook repo>, hooks: [{id: kubeward}]`.
# `git commit` must be refused while a staged manifest is insecure, and accepted once it is fixed;
# unstaged and non-Kubernetes files are not reported.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
t0=$SECONDS; say() { echo "pre-commit test [+$((SECONDS-t0))s] $*"; }
die() { echo "pre-commit test FAILED: $*" >&2; exit 1; }
for v in $(compgen -e); do case "$v" in npm_*|NPM_*|NODE|INIT_CWD) unset "$v" ;; esac; done

if ! command -v pre-commit >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then SUDO=(); elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO=(sudo -n); else
    die "pre-commit is missing. Install it as root: apt-get install -y pre-commit"
  fi
  command -v apt-get >/dev/null 2>&1 || die "pre-commit is missing and there is no apt-get here; install pre-commit with your package manager"
  say "apt-get install pre-commit"
  "${SUDO[@]}" apt-get update -qq || die "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive "${SUDO[@]}" apt-get install -y -qq --no-install-recommends pre-commit >/dev/null || die "apt-get install pre-commit failed"
fi
command -v pre-commit >/dev/null 2>&1 || die "pre-commit is still not on PATH"
say "$(pre-commit --version)"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/kubeward-pre-commit-XXXXXX")
trap 'rm -rf "$WORK"' EXIT
export PRE_COMMIT_HOME="$WORK/cache" GIT_AUTHOR_NAME=test GIT_AUTHOR_EMAIL=test@example.com GIT_COMMITTER_NAME=test GIT_COMMITTER_EMAIL=test@example.com
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1

# The hook repository: this checkout's files as they are now (tracked and new, not ignored).
mkdir "$WORK/hooks"
(cd "$ROOT" && git ls-files -z --cached --others --exclude-standard | while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done | tar --null -T - -cf -) | tar -xf - -C "$WORK/hooks"
git -C "$WORK/hooks" init -q
git -C "$WORK/hooks" add -A
git -C "$WORK/hooks" commit -qm "kubeward under test"
REV=$(git -C "$WORK/hooks" rev-parse HEAD)

# The project that uses the hook.
P="$WORK/project"
mkdir -p "$P/k8s"
git -C "$P" init -q
cat >"$P/.pre-commit-config.yaml" <<YAML
repos:
  - repo: $WORK/hooks
    rev: $REV
    hooks:
      - id: kubeward
YAML
cat >"$P/k8s/pod.yaml" <<'YAML'
apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: shop
spec:
  containers:
    - name: web
      image: nginx:1.27
      securityContext:
        privileged: true
YAML
printf 'image:\n  tag: latest\nprivileged: true\n' >"$P/values.yaml"   # YAML, not a manifest
printf 'apiVersion: v1\nkind: Pod\nmetadata: {name: unstaged}\nspec:\n  hostPID: true\n  containers: [{name: a, image: nginx:1.27}]\n' >"$P/k8s/draft.yaml"
(cd "$P" && git add .pre-commit-config.yaml k8s/pod.yaml values.yaml && pre-commit install >/dev/null)

say "first commit (installs the hook environment: npm install, npm pack, npm install -g)"
set +e
(cd "$P" && git commit -qm "insecure pod") >"$WORK/out1.txt" 2>&1
code=$?
set -e
cat "$WORK/out1.txt"
[ "$code" -ne 0 ] || die "the commit of a privileged pod was accepted"
grep -q 'pod-privileged' "$WORK/out1.txt" || die "the hook output does not name pod-privileged"
grep -q 'k8s/pod.yaml' "$WORK/out1.txt" || die "the hook output does not name k8s/pod.yaml"
! grep -q 'draft.yaml\|values.yaml' "$WORK/out1.txt" || die "the hook reported a file that is not a staged manifest"
[ -z "$(git -C "$P" rev-list -n1 --all 2>/dev/null)" ] || die "a commit was made"

say "second commit, after the fix"
sed -i 's/privileged: true/privileged: false/' "$P/k8s/pod.yaml"
git -C "$P" add k8s/pod.yaml
(cd "$P" && git commit -qm "secure pod") >"$WORK/out2.txt" 2>&1 || { cat "$WORK/out2.txt"; die "the commit of a fixed pod was refused"; }
cat "$WORK/out2.txt"
grep -q 'kubeward.*Passed' "$WORK/out2.txt" || die "pre-commit did not report the kubeward hook as passed"
[ "$(git -C "$P" rev-list --count HEAD)" = 1 ] || die "no commit was made"
say "ok: insecure staged manifest refused, fixed one committed"
