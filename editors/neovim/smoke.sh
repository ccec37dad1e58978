#!/usr/bin/env bash
# Checks `copydesk lsp` against a real client: headless Neovim with its built-in LSP client opens a
# story, reads back the diagnostics, applies a quick fix and sees the finding go (smoke.lua).
# Skips (exit 0) when nvim is not installed. Uses $COPYDESK_BIN, else target/debug/copydesk
# (built if missing).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"

if ! command -v nvim >/dev/null 2>&1; then
  echo "editors/neovim/smoke.sh: skipped (nvim is not installed)"
  exit 0
fi

bin="${COPYDESK_BIN:-$root/target/debug/copydesk}"
if [ ! -x "$bin" ]; then
  (cd "$root" && cargo build --quiet)
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cat >"$work/story.md" <<'EOF'
# Café owners count the cost

Le Café “Étoile” 😀 owners spent alot of time on the plan, Pak said.

The council will vote on TK soon.
EOF

set +e
COPYDESK_BIN="$bin" COPYDESK_STORY="$work/story.md" COPYDESK_OUT="$work/report.txt" \
  timeout 120 nvim --headless --clean -n -c "luafile $here/smoke.lua" >/dev/null 2>"$work/nvim.err"
code=$?
set -e
echo "== Neovim $(nvim --version | head -n 1) with copydesk lsp"
cat "$work/report.txt" 2>/dev/null || true
if [ "$code" -ne 0 ] || ! grep -qx OK "$work/report.txt" 2>/dev/null; then
  echo "editors/neovim/smoke.sh: FAILED (nvim exit $code)" >&2
  cat "$work/nvim.err" >&2 || true
  exit 1
fi
echo "editors/neovim/smoke.sh: passed"
