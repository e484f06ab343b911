# Shared by scripts/run and scripts/test: make sure Java 17, Maven and the Python venv exist.
# Sourced, not executed. Installs only what is missing; re-runs are quick.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
VENV="$ROOT/.venv"

say() { printf 'alumni-graph: %s\n' "$*" >&2; }

ensure_java_maven() {
  if [ -n "${NEO4J_URI:-}" ] && [ -z "${1:-}" ]; then return 0; fi
  local missing=()
  command -v java >/dev/null 2>&1 || missing+=(openjdk-17-jre-headless)
  command -v mvn >/dev/null 2>&1 || missing+=(maven)
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing ${missing[*]} with apt-get"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    say "missing: ${missing[*]} — install Java 17 and Maven (or set NEO4J_URI to use another Neo4j)"
    exit 1
  fi
}

ensure_venv() {
  local extras="${1:-}"
  local py="${PYTHON:-python3}"
  if ! command -v "$py" >/dev/null 2>&1; then say "python3 (3.11+) is required"; exit 1; fi
  if ! "$py" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)'; then
    say "Python 3.11 or newer is required (found $("$py" --version 2>&1))"; exit 1
  fi
  if [ ! -x "$VENV/bin/python" ]; then
    say "creating the virtual environment in .venv"
    "$py" -m venv "$VENV" || { say "could not create a venv (Debian: apt-get install python3-venv)"; exit 1; }
  fi
  local stamp="$VENV/.installed$extras"
  local want
  want="$(cat "$ROOT/pyproject.toml" "$ROOT/constraints.txt" | sha256sum | cut -d' ' -f1)"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    say "installing Python packages (pinned in constraints.txt)"
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check -c "$ROOT/constraints.txt" -e "$ROOT$extras"
    echo "$want" > "$stamp"
  fi
  export PATH="$VENV/bin:$PATH"
}

ensure_npm() {
  if ! command -v npm >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      say "installing nodejs and npm with apt-get"
      DEBIAN_FRONTEND=noninteractive apt-get update -qq
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
    else
      say "Node.js and npm are needed for $1"; exit 1
    fi
  fi
}

ensure_node_audit() {
  # The GraphQL-over-HTTP audit suite runs on Node.js (npm package graphql-http, pinned by its lock file).
  ensure_npm "the HTTP conformance audit"
  local dir="$ROOT/tests/conformance"
  if [ ! -d "$dir/node_modules/graphql-http" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    say "installing the graphql-http audit suite (npm ci)"
    (cd "$dir" && npm ci --no-audit --no-fund --silent)
  fi
}

ensure_bench_peer() {
  # The benchmark's peer (bench/peer: the Neo4j GraphQL Library, pinned by its lock file), as
  # `alumni-graph bench` installs it; the benchmark's test runs it.
  ensure_npm "the benchmark's peer"
  local dir="$ROOT/bench/peer"
  if [ ! -d "$dir/node_modules/@neo4j/graphql" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    say "installing the benchmark peer (npm ci in bench/peer)"
    (cd "$dir" && npm ci --no-audit --no-fund --silent)
  fi
}

ensure_explorer() {
  # The explorer web page (explorer/: Vite + TypeScript, pinned by its lock file), built into
  # explorer/dist (git-ignored) when its sources are newer than the build; the server serves it at /explore.
  ensure_npm "the explorer web page"
  local dir="$ROOT/explorer"
  if [ ! -d "$dir/node_modules/vite" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    say "installing the explorer's packages (npm ci in explorer/)"
    (cd "$dir" && npm ci --no-audit --no-fund --silent)
  fi
  local out="$dir/dist/index.html"
  if [ ! -f "$out" ] || [ -n "$(find "$dir/src" "$dir/graphiql" "$dir/index.html" "$dir/vite.config.ts" \
        "$dir/tsconfig.json" "$dir/package-lock.json" -newer "$out" -print -quit)" ]; then
    say "building the explorer (npm run build in explorer/)"
    local log="$dir/.build.log"
    if ! (cd "$dir" && npm run build >"$log" 2>&1); then
      cat "$log" >&2; say "the explorer did not build (log above)"; exit 1
    fi
    touch "$out"
  fi
}

ensure_chromium() {
  # The browser tests drive Debian's Chromium (never a browser download) and need a CJK font so
  # that the Chinese pages render readably in screenshots.
  local missing=()
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  [ -n "$(fc-list :lang=zh 2>/dev/null)" ] || missing+=(fonts-wqy-zenhei)
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing ${missing[*]} with apt-get"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    say "missing: ${missing[*]} — install Debian's chromium (and a Chinese font) for the browser tests"; exit 1
  fi
}
