"""Test that the command line keeps the contract of docs/inrapportering.md."""

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.db_support import run

pytestmark = pytest.mark.cli
ROOT = Path(__file__).resolve().parent.parent


def test_init_creates_a_database_with_the_catalog_and_catalog_lists_every_indicator(backend):
    url = backend.blank()
    r = run("init", url=url)
    assert r.returncode == 0, r.stderr
    assert "Databasen är klar" in r.stdout
    r = run("catalog", "--format", "csv", url=url)
    assert r.returncode == 0, r.stderr
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert {"id", "goal", "measure", "name", "kind", "unit", "direction", "agencies", "frequency",
            "breakdowns"} <= set(rows[0])
    assert len({r["measure"] for r in rows if r["measure"]}) == 55
    row = next(r for r in rows if r["id"] == "2.4a")
    assert row["agencies"] == "Polisen, Åklagarmyndigheten" and row["kind"] == "rate"


def test_init_twice_upgrades_in_place_and_sample_adds_examples_once(backend):
    url = backend.blank()
    assert run("init", url=url).returncode == 0
    first = run("init", "--sample", url=url)
    assert first.returncode == 0 and "Exempeldata inlästa" in first.stdout
    again = run("init", "--sample", url=url)
    assert again.returncode == 0 and "Exempeldata inlästa" not in again.stdout


def test_catalog_as_json_is_utf8_with_swedish_characters(sample_url):
    r = run("catalog", "--format", "json", url=sample_url)
    data = json.loads(r.stdout)
    assert any("Åklagarmyndigheten" in d["agencies"] for d in data)


def test_an_unknown_command_is_a_usage_error_with_exit_code_2(sample_url):
    assert run("nonsense", url=sample_url).returncode == 2


ENGLISH = ("usage", "error", "required", "invalid", "choose from", "unrecognized", "options",
           "show this help", "expected", "not allowed", "ambiguous")


@pytest.mark.parametrize("args", [
    ("nonsense",), ("report",), ("report", "--year", "tjugo", "--format", "pdf", "--out", "x.pdf"),
    ("report", "--year", "2025", "--format", "odt", "--out", "x.odt"), ("batches", "--extra"),
    ("status", "--year"), ("user", "add", "anna", "--password-stdin", "--no-password"), ("--help",),
    ("import", "--help"),
])
def test_usage_errors_and_help_are_in_swedish(sample_url, args):
    r = run(*args, url=sample_url)
    said = (r.stdout + r.stderr).lower()
    assert r.returncode == (0 if "--help" in args else 2) and "traceback" not in said
    assert not [word for word in ENGLISH if word in said], said
    assert "användning: python -m okdata" in said


@pytest.mark.sqlite_only
def test_backup_and_restore_of_a_live_sqlite_database(sample_url, tmp_path):
    import os
    import subprocess
    import sys

    from sqlalchemy import func, select

    from okdata import db
    from okdata.models import ImportBatch

    env = {**os.environ, "OKDATA_DATABASE_URL": sample_url}
    run = lambda *a: subprocess.run([sys.executable, "-m", "okdata", *a], capture_output=True, text=True,  # noqa: E731
                                    env=env, cwd=db.ROOT)
    copy = tmp_path / "kopia.db"
    with db.read_session(sample_url) as s:  # a reader holds a transaction open during the backup
        r = run("backup", str(copy))
        before = s.scalar(select(func.count()).select_from(ImportBatch))
    assert r.returncode == 0 and copy.stat().st_size > 100_000
    assert run("backup", str(copy)).returncode == 2  # never overwrites
    r = run("import", str(db.ROOT / "sample_data" / "exempel_Polisen_2025.xlsx"), "--user", "demo-samordnare")
    assert r.returncode == 0
    with db.read_session(sample_url) as s:
        assert s.scalar(select(func.count()).select_from(ImportBatch)) == before + 1
    db.get_engine(sample_url).dispose()  # the app is stopped before a restore
    assert run("restore", str(copy)).returncode == 0
    with db.read_session(sample_url) as s:
        assert s.scalar(select(func.count()).select_from(ImportBatch)) == before


def test_backup_on_postgresql_explains_pg_dump(tmp_path):
    import os
    import subprocess
    import sys

    from okdata import db

    env = {**os.environ, "OKDATA_DATABASE_URL": "postgresql+psycopg://okdata@db.example:5432/okdata"}
    r = subprocess.run([sys.executable, "-m", "okdata", "backup", str(tmp_path / "x.dump")], capture_output=True,
                       text=True, env=env, cwd=db.ROOT)
    assert r.returncode == 3 and "pg_dump --format=custom --host=db.example" in r.stderr


def test_init_adds_examples_only_to_a_new_database(empty_url):
    r = subprocess.run([sys.executable, "-m", "okdata", "init", "--sample-if-new"], capture_output=True, text=True,
                       env={**os.environ, "OKDATA_DATABASE_URL": empty_url}, cwd=ROOT)
    assert r.returncode == 0 and "Exempeldata" not in r.stdout


@pytest.mark.sqlite_only
def test_backup_and_restore_refuse_what_would_lose_data(sample_url, tmp_path):
    from sqlalchemy import func, select

    from okdata import db
    from okdata.models import Observation

    with db.read_session(sample_url) as s:
        before = s.scalar(select(func.count()).select_from(Observation))
    garbage = tmp_path / "inte-en-kopia.db"
    garbage.write_text("inget SQLite här")
    r = run("restore", str(garbage), url=sample_url)
    assert r.returncode == 2 and "ingen hel säkerhetskopia" in r.stderr and "Traceback" not in r.stderr
    with db.read_session(sample_url) as s:
        assert s.scalar(select(func.count()).select_from(Observation)) == before
    r = run("backup", str(tmp_path / "saknas" / "kopia.db"), url=sample_url)
    assert r.returncode == 2 and "finns inte" in r.stderr and "Traceback" not in r.stderr
    wrong = tmp_path / "felstavad.db"
    r = run("backup", str(tmp_path / "kopia.db"), url=f"sqlite:///{wrong}")
    assert r.returncode == 2 and "finns inte" in r.stderr
    assert not wrong.exists() and not (tmp_path / "kopia.db").exists()  # no empty database made and copied


def test_the_pg_dump_command_that_backup_prints_restores_everything(backend, sample_url, tmp_path):
    if backend.kind != "postgresql":
        pytest.skip("PostgreSQL only: on SQLite backup copies the file itself")
    from sqlalchemy import func, select

    from okdata import db
    from okdata.models import SQLModel
    from tests.pg_support import admin_execute, database_url, find_bindir

    dump = tmp_path / "okdata.dump"
    r = run("backup", str(dump), url=sample_url)
    assert r.returncode == 3
    commands = [line.split() for line in r.stderr.splitlines() if line.strip().startswith(("pg_dump", "pg_restore"))]
    assert [c[0] for c in commands] == ["pg_dump", "pg_restore"]
    admin_execute(backend.server_url, f"CREATE DATABASE restored_{os.getpid()}")
    target = database_url(backend.server_url, f"restored_{os.getpid()}")
    commands[1][-2] = f"--dbname={db.get_engine(target).url.database}"
    for c in commands:  # the client of the server's own version where it sits beside initdb
        exe = find_bindir() / c[0]
        subprocess.run([str(exe) if exe.exists() else c[0], *c[1:]], check=True, capture_output=True)

    def counts(url):
        with db.read_session(url) as s:
            return {t.name: s.scalar(select(func.count()).select_from(t)) for t in SQLModel.metadata.sorted_tables}

    assert counts(target) == counts(sample_url) and counts(target)["observation"] > 4000
    db.get_engine(target).dispose()


@pytest.mark.slow
def test_report_writes_the_word_file(sample_url, tmp_path):
    """Test that `report --format docx` writes a Word file with the report's title and every goal as a heading."""
    from docx import Document

    out = tmp_path / "rapport.docx"
    r = run("report", "--year", "2025", "--format", "docx", "--out", str(out), url=sample_url)
    assert r.returncode == 0, r.stderr
    assert "rapport.docx" in r.stdout
    headings = [p.text for p in Document(str(out)).paragraphs if p.style.name == "Heading 1"]
    assert len([h for h in headings if h.startswith("Mål ")]) == 8


def test_a_reader_that_stops_reading_ends_the_command_without_a_traceback(sample_url):
    """`okdata batches | head -1` ended in a BrokenPipeError traceback on standard error."""
    for args in (("batches", "--format", "csv"), ("export", "--format", "csv")):
        env = {**os.environ, "OKDATA_DATABASE_URL": sample_url}
        p = subprocess.Popen([sys.executable, "-m", "okdata", *args], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE)
        assert p.stdout.readline()
        p.stdout.close()  # as `head -1` does after its line
        err = p.stderr.read().decode()
        p.wait(timeout=120)
        assert "Traceback" not in err and "BrokenPipe" not in err and "Exception ignored" not in err, (args, err)


def test_a_file_the_reader_cannot_parse_puts_no_english_on_standard_error(sample_url, tmp_path):
    """A numeric cell holding text made calamine fail, and its English message ('CalamineError: Parse float error')
    reached the command line's standard error beside the Swedish refusal on standard output."""
    from tests.return_corpus import SHEET_XML, _replace_cell, _rezip

    data = _rezip((ROOT / "sample_data" / "exempel_Kriminalvarden_2025.xlsx").read_bytes(), SHEET_XML,
                  _replace_cell("J20", b'<c r="J20" t="n"><v>sju</v></c>'))
    f = tmp_path / "sju.xlsx"
    f.write_bytes(data)
    r = run("import", str(f), "--user", "demo-kriminalvarden", "--dry-run", url=sample_url)
    assert r.returncode == 1 and "Ingenting sparades" in r.stdout, r.stdout
    assert r.stderr == "", r.stderr


def test_sheet_names_reach_the_terminal_without_line_breaks_or_controls(sample_url, tmp_path):
    """A sheet's name was printed as it stood in the file: a name with line breaks printed a false result line
    ('Sparat som inrapportering 999.') and a right-to-left override turned the text around."""
    from tests.return_corpus import _rezip

    def rename(xml: bytes) -> bytes:
        return xml.replace(b'name="Instruktioner"',
                           "name=\"Anteckningar\u202e&#10;Sparat som inrapportering 999.&#10;Varning\"".encode())

    data = _rezip((ROOT / "sample_data" / "exempel_Kriminalvarden_2025.xlsx").read_bytes(), "xl/workbook.xml",
                  rename)
    import zipfile

    assert b"Sparat som inrapportering 999" in zipfile.ZipFile(io.BytesIO(data)).read("xl/workbook.xml")
    f = tmp_path / "namn.xlsx"
    f.write_bytes(data)
    r = run("import", str(f), "--user", "demo-kriminalvarden", "--dry-run", url=sample_url)
    assert "Anteckningar" in r.stdout, r.stdout
    assert not any(line.startswith("Sparat som inrapportering 999") for line in r.stdout.splitlines()), r.stdout
    assert "\u202e" not in r.stdout and "\x1b" not in r.stdout


def test_a_template_for_a_plan_period_with_nothing_to_report_is_explained_not_a_traceback(sample_url, tmp_path):
    """A new plan period that carries goals but no measures or indicators: `okdata template` for one of its years
    ended in a traceback ('DataFrame' object has no attribute 'measure')."""
    carry = tmp_path / "carry.toml"
    carry.write_text("goals = [1, 2]\n", encoding="utf-8")
    r = run("plan", "new", "--from", "2024-2027", "--period", "2028-2031", "--carry", str(carry), "--user",
            "demo-samordnare", url=sample_url)
    assert r.returncode == 0, r.stderr
    out = tmp_path / "mall.xlsx"
    r = run("template", "--agency", "polisen", "--year", "2028", "--out", str(out), url=sample_url)
    assert "Traceback" not in r.stderr, r.stderr
    assert r.returncode == 1 and "2028" in r.stderr and not out.exists(), (r.stdout, r.stderr)


def test_the_command_lines_csv_lists_neutralise_a_text_a_spreadsheet_would_run(sample_url, tmp_path):
    """`okdata batches --format csv` wrote a file name starting with '=' as it was: opened in Excel, it runs."""
    f = tmp_path / "=HYPERLINK(1+1).xlsx"
    f.write_bytes((ROOT / "sample_data" / "exempel_Kriminalvarden_2025.xlsx").read_bytes())
    r = run("import", str(f), "--user", "demo-kriminalvarden", url=sample_url)
    assert r.returncode == 0, r.stdout + r.stderr
    r = run("batches", "--format", "csv", url=sample_url)
    names = [row["file_name"] for row in csv.DictReader(io.StringIO(r.stdout))]
    assert "'=HYPERLINK(1+1).xlsx" in names, names
    assert not any(n.startswith(("=", "+", "-", "@")) for n in names)
    r = run("batches", "--format", "json", url=sample_url)
    assert "=HYPERLINK(1+1).xlsx" in {b["file_name"] for b in json.loads(r.stdout)}  # JSON is data, kept as it is


@pytest.mark.parametrize("args", [
    ("export", "--out", "{missing}/x.csv"),
    ("export", "--format", "xlsx", "--out", "{dir}"),
    ("report", "--year", "2025", "--format", "xlsx", "--out", "{dir}"),
    ("template", "--agency", "KVV", "--year", "2025", "--out", "{missing}/mall.xlsx"),
    ("catalog", "--format", "xlsx", "--out", "{missing}/katalog.xlsx"),
    ("examples", "--out", "/proc/okdata-exempel"),
])
def test_an_output_path_that_cannot_be_written_is_said_in_swedish_with_exit_code_2(sample_url, tmp_path, args):
    """An audit: a folder that does not exist, or a folder given as the file, ended these commands in a Python
    traceback with exit code 1; `backup` already said it in Swedish."""
    args = [a.format(missing=tmp_path / "saknas", dir=tmp_path) for a in args]
    r = run(*args, url=sample_url)
    assert "Traceback" not in r.stderr, r.stderr
    assert r.returncode == 2 and "kan inte skrivas" in r.stderr, (r.returncode, r.stderr)


def test_report_and_status_refuse_a_year_no_plan_covers_and_a_workbook_is_not_written_to_the_terminal(sample_url,
                                                                                                      tmp_path):
    """An audit: `report --year 2019` wrote a lägesrapport for a year no plan period covers ('0 av 36 …'), `status
    --year 2030` listed statuses under the 2024–2027 plan, and `export --format xlsx` without --out wrote the
    workbook's bytes on the screen (to a file or a pipe it still writes them); `template` and `catalog` already
    refused the like."""
    for year in ("2019", "2031"):
        out = tmp_path / f"r{year}.xlsx"
        r = run("report", "--year", year, "--format", "xlsx", "--out", str(out), url=sample_url)
        assert r.returncode == 2 and year in r.stderr and "2024–2027" in r.stderr and not out.exists(), r.stderr
    r = run("status", "--year", "2030", url=sample_url)
    assert r.returncode == 2 and "2030" in r.stderr and not r.stdout, (r.stdout, r.stderr)
    # a baseline year holds values, but nobody reports for it and Översikt does not offer it (test_cli_status.py)
    assert run("status", "--year", "2023", url=sample_url).returncode == 2
    import pty

    env = {**os.environ, "OKDATA_DATABASE_URL": sample_url}
    screen, terminal = pty.openpty()  # standard out a terminal, as when a person types the command
    try:
        r = subprocess.run([sys.executable, "-m", "okdata", "export", "--format", "xlsx"], cwd=ROOT, env=env,
                           stdout=terminal, stderr=subprocess.PIPE, timeout=300)
    finally:
        os.close(terminal)
        os.close(screen)
    assert r.returncode == 2 and "--out" in r.stderr.decode("utf-8"), r.stderr
    piped = subprocess.run([sys.executable, "-m", "okdata", "export", "--format", "xlsx"], cwd=ROOT, env=env,
                           capture_output=True, timeout=300)  # `> värden.xlsx` still gives the workbook
    assert piped.returncode == 0 and piped.stdout.startswith(b"PK"), piped.stderr


@pytest.mark.parametrize("empty_file", [False, True], ids=["no file", "an empty file"])
def test_a_command_on_a_database_not_set_up_says_so_in_swedish_and_creates_nothing(tmp_path, empty_file):
    """`okdata status` on a fresh checkout, before `init` (or with a misspelt database path), ended in a traceback
    ('no such table: plan_period') and left an empty database file behind; so did every command that reads."""
    import sqlite3

    path = tmp_path / "okdata.db"
    if empty_file:
        sqlite3.connect(path).close()
    url = f"sqlite:///{path}"
    for args in (("status", "--year", "2025"), ("batches",), ("export", "--format", "csv"), ("catalog",),
                 ("template", "--agency", "KVV", "--year", "2025", "--out", str(tmp_path / "mall.xlsx"))):
        r = run(*args, url=url)
        assert "Traceback" not in r.stderr, (args, r.stderr)
        assert r.returncode == 1 and "inte satt upp" in r.stderr and "python -m okdata init" in r.stderr, (args, r)
        assert not r.stdout, (args, r.stdout)
    assert path.exists() == empty_file and not (tmp_path / "mall.xlsx").exists()


def test_a_command_on_a_database_of_another_schema_or_out_of_reach_says_so_in_swedish(tmp_path):
    """A database one migration behind this version (as after an upgrade of okdata before `init`) and a server
    that does not answer ended each command in a traceback ('no such column', 'connection refused')."""
    from alembic.script import ScriptDirectory

    from okdata.install import alembic_config, upgrade_database

    url = f"sqlite:///{tmp_path / 'aldre.db'}"
    head = ScriptDirectory.from_config(alembic_config(url)).get_current_head()
    older = ScriptDirectory.from_config(alembic_config(url)).get_revision(head).down_revision
    upgrade_database(url, older)
    r = run("status", "--year", "2025", url=url)
    assert "Traceback" not in r.stderr, r.stderr
    assert r.returncode == 1 and f"uppbyggnaden {older}" in r.stderr and f"behöver {head}" in r.stderr, r
    assert "python -m okdata init" in r.stderr
    r = run("batches", url="postgresql+psycopg://okdata@127.0.0.1:9/okdata")  # port 9: nothing listens
    assert "Traceback" not in r.stderr, r.stderr
    assert r.returncode == 1 and "går inte att nå" in r.stderr and not r.stdout, r


def test_a_database_of_a_newer_version_a_file_that_is_no_database_and_an_empty_file_are_said_for_what_they_are(
        sample_url, tmp_path):
    """The diff review: a database of a newer okdata was told to run `init`, which then failed with a traceback
    (it cannot go back); a file that is not a database still ended in a traceback ('file is not a database'); and
    an empty file was made a database (4 096 bytes) by the check that said nothing was written."""
    import shutil
    import sqlite3

    from okdata import db

    if not db.is_sqlite(sample_url):
        pytest.skip("SQLite files")
    newer = tmp_path / "nyare.db"
    shutil.copy(db.sqlite_path(sample_url), newer)
    with sqlite3.connect(newer) as c:
        c.execute("UPDATE alembic_version SET version_num = '9999_framtida'")
    r = run("batches", url=f"sqlite:///{newer}")
    assert "Traceback" not in r.stderr, r.stderr
    assert r.returncode == 1 and "nyare version av okdata" in r.stderr and "okdata init" not in r.stderr, r

    junk = tmp_path / "skrap.db"
    junk.write_bytes(b"det har ar ingen databas" * 100)
    r = run("batches", url=f"sqlite:///{junk}")
    assert "Traceback" not in r.stderr, r.stderr
    assert r.returncode == 1 and "går inte att läsa som en databas" in r.stderr, r
    assert junk.read_bytes() == b"det har ar ingen databas" * 100

    empty = tmp_path / "tom.db"
    empty.touch()
    r = run("batches", url=f"sqlite:///{empty}")
    assert r.returncode == 1 and "inte satt upp" in r.stderr, r
    assert empty.stat().st_size == 0
