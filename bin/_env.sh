# Shared helpers for bin/run and bin/test; sourced, never run.
# Keeps one virtualenv in .venv, reinstalled only when pyproject.toml changes.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
PY="$VENV/bin/python"

step() { printf '\n==> %s\n' "$*"; }
warn() { printf 'WARNING: %s\n' "$*" >&2; }
die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

find_python() {
  local candidate
  for candidate in "${PYTHON:-}" python3.11 python3; do
    [ -n "$candidate" ] || continue
    if command -v "$candidate" >/dev/null 2>&1 &&
      "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null; then
      command -v "$candidate"
      return 0
    fi
  done
  die "Python 3.11 is required (set PYTHON=/path/to/python3.11)."
}

# ensure_system_packages: the Debian packages pip cannot install (Pango for WeasyPrint, the
# PDF font), named by thidua/core/systemdeps.py. As root they are installed with apt-get; otherwise
# the exact command is printed and the script stops, before anything prints a traceback.
ensure_system_packages() {
  local missing
  missing="$(cd "$ROOT" && "$(find_python)" -m thidua.core.systemdeps)" && return 0
  [ -n "$missing" ] || die "could not tell which system packages are missing (python -m thidua.core.systemdeps)."
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    step "Installing system packages… (apt-get install $missing)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # shellcheck disable=SC2086  # one word a package
    apt-get install -y -qq --no-install-recommends $missing >/dev/null
    missing="$(cd "$ROOT" && "$(find_python)" -m thidua.core.systemdeps)" ||
      die "apt-get ran but these are still missing: $missing"
    return 0
  fi
  die "these system packages are missing: $missing
       Install them (Debian/Ubuntu):  sudo apt-get install $missing
       (WeasyPrint needs Pango to print PDFs; every document is set in the Tinos font.)"
}

# ensure_test_packages: Debian packages only the tests use (TEST_PACKAGES, a command each to
# tell whether it is there). softhsm2: a software PKCS#11 token, initialised per test run, that
# the server-side signing test signs through (tests/awards/test_signed_decisions.py). As root
# they are installed with apt-get; otherwise a warning names them and those tests are skipped.
TEST_PACKAGES="softhsm2:softhsm2-util"
ensure_test_packages() {
  local entry missing=""
  for entry in $TEST_PACKAGES; do
    command -v "${entry#*:}" >/dev/null 2>&1 || missing="$missing ${entry%%:*}"
  done
  [ -n "$missing" ] || return 0
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    step "Installing test packages… (apt-get install$missing)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # shellcheck disable=SC2086  # one word a package
    apt-get install -y -qq --no-install-recommends $missing >/dev/null
    return 0
  fi
  warn "test packages missing:$missing (sudo apt-get install$missing); their tests are skipped."
}

# ensure_venv [test]: create .venv if missing and install the project (with the test extras
# when asked). The stamp holds the hash of pyproject.toml and the extras installed, so an
# unchanged project starts in a second.
ensure_venv() {
  local extras="${1:-}" spec="." stamp="$VENV/.thidua-install" want have=""
  [ -n "$extras" ] && spec=".[$extras]"
  want="$(sha256sum "$ROOT/pyproject.toml" | cut -d' ' -f1)"
  [ -f "$stamp" ] && have="$(cat "$stamp")"
  if [ -x "$PY" ] && "$PY" -c 'import sys' 2>/dev/null &&
    { [ "$have" = "$want test" ] || [ "$have" = "$want $extras" ]; }; then
    step "Installing… (up to date, skipped)"
    return 0
  fi
  step "Installing… ($spec into .venv)"
  if ! [ -x "$PY" ] || ! "$PY" -c 'import sys' 2>/dev/null; then
    rm -rf "$VENV"
    "$(find_python)" -m venv "$VENV" ||
      die "Python could not create $VENV: on Debian/Ubuntu, 'sudo apt-get install python3-venv'."
  fi
  "$PY" -m pip install --quiet --disable-pip-version-check --upgrade pip
  # xstatic-bootstrap ships only an sdist whose setup.py imports pkg_resources,
  # which setuptools 81 removed: pin the build backend for every sdist we build.
  local constraints="$VENV/build-constraints.txt"
  printf 'setuptools<81\n' >"$constraints"
  (cd "$ROOT" && PIP_BUILD_CONSTRAINT="$constraints" \
    "$PY" -m pip install --quiet --disable-pip-version-check -e "$spec")
  printf '%s %s\n' "$want" "$extras" >"$stamp"
}
