#!/usr/bin/env bash
# The two commands of the README:
#   bash run.sh app    start the app on http://localhost:8501 with a ready SQLite database
#   bash run.sh test   run the whole test suite (installs what it needs first)
set -euo pipefail
cd "$(dirname "$0")"
VENV=${OKDATA_VENV:-.venv}
PY=${PYTHON:-python3}

venv() {  # $1: requirements file; reinstalls only when it changed
  [ -x "$VENV/bin/python" ] || "$PY" -m venv "$VENV"
  local stamp="$VENV/.installed-$(basename "$1")" sum
  sum=$(cat requirements*.txt | sha256sum | cut -d' ' -f1)
  if [ "$(cat "$stamp" 2>/dev/null)" != "$sum" ]; then
    "$VENV/bin/pip" install --quiet --disable-pip-version-check -r "$1"
    echo "$sum" > "$stamp"
  fi
}

system_packages() {  # Debian packages the tests use: Chromium for browser tests, poppler for PDF pages, LibreOffice for the deck, PostgreSQL server binaries
  local need=()
  [ -x /usr/bin/chromium ] || need+=(chromium fonts-dejavu-core)
  command -v pdftoppm >/dev/null || need+=(poppler-utils)  # the report test looks at the PDF's pages as pictures
  command -v soffice >/dev/null || need+=(libreoffice-impress libreoffice-writer)  # the deck rendered as opened
  command -v initdb >/dev/null || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
  [ ${#need[@]} -eq 0 ] && return 0
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  if command -v apt-get >/dev/null && { [ -z "$sudo" ] || command -v sudo >/dev/null; }; then
    echo "Installerar systempaket: ${need[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${need[@]}" >/dev/null
  else
    echo "Saknar systempaket: ${need[*]} (installera dem, annars hoppas webbläsar- och PostgreSQL-tester över)" >&2
  fi
}

case "${1:-}" in
  app)
    venv requirements.txt
    "$VENV/bin/python" -m okdata init --sample-if-new
    # The example returns of the README are made from the example database, not checked in.
    [ -f sample_data/exempel_med_fel_2025.xlsx ] || "$VENV/bin/python" -m okdata examples --out sample_data
    exec "$VENV/bin/python" -m streamlit run serve.py "${@:2}"  # app.py plus the sign-in cookie routes
    ;;
  test)
    system_packages
    venv requirements-dev.txt
    "$VENV/bin/python" -m ruff check .
    # The migrations must describe the models exactly (alembic check on a fresh database).
    check_db=$(mktemp -d)/alembic-check.db
    OKDATA_DATABASE_URL="sqlite:///$check_db" "$VENV/bin/python" -m alembic upgrade head >/dev/null
    OKDATA_DATABASE_URL="sqlite:///$check_db" "$VENV/bin/python" -m alembic check
    echo "== Testsviten mot SQLite"
    "$VENV/bin/python" -m pytest -n 2 --db=sqlite "${@:2}"
    echo "== Testsviten mot PostgreSQL (en riktig server startas i en temporär katalog)"
    exec "$VENV/bin/python" -m pytest -n 2 --db=postgresql "${@:2}"
    ;;
  *)
    echo "Användning: bash run.sh app | test" >&2
    exit 2
    ;;
esac
