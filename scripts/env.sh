# Sourced by scripts/setup, scripts/run and scripts/test: puts cargo's binaries and, when the
# system's Node.js is older than 20.19, the one scripts/setup installs on PATH.
# shellcheck shell=bash

JOBDOC_NODE_DIR="${JOBDOC_NODE_DIR:-${XDG_DATA_HOME:-$HOME/.local/share}/jobdoc/node}"
export JOBDOC_NODE_DIR

case ":$PATH:" in *":$HOME/.cargo/bin:"*) ;; *) [ -d "$HOME/.cargo/bin" ] && PATH="$HOME/.cargo/bin:$PATH" ;; esac

# Vite 7 and vitest 3 need Node.js 20.19+ (or 22.12+).
node_ok() {
  command -v node >/dev/null 2>&1 || return 1
  node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 22 || (a === 22 && b >= 12) || (a === 20 && b >= 19) ? 0 : 1)' 2>/dev/null
}

if ! node_ok && [ -x "$JOBDOC_NODE_DIR/bin/node" ]; then
  PATH="$JOBDOC_NODE_DIR/bin:$PATH"
  hash -r
fi
export PATH
