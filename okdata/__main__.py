"""The command line: `python -m okdata COMMAND` (every command documented in docs/inrapportering.md)."""

import argparse
import csv
import json
import logging
import os
import sys
from contextlib import contextmanager
from pathlib import Path

from okdata import db, texts
from okdata.clock import in_sweden
from okdata.domain import Role
from okdata.formatting import fmt_counted

# The command line's words for the roles (the documented contract; the database stores okdata.domain.Role).
ROLE_ARGUMENTS = {"lasare": Role.READER, "rapportor": Role.REPORTER, "samordnare": Role.COORDINATOR,
                  "admin": Role.ADMIN}


def _out_rows(rows: list[dict], fmt: str) -> None:
    """Rows as JSON (data, as they are) or CSV, whose texts a spreadsheet would run as a formula are neutralised
    as in every export (export.neutralise)."""
    if fmt == "json":
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=2, default=str)
        sys.stdout.write("\n")
    elif rows:
        from okdata.export import neutralise

        w = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows({k: neutralise(v) for k, v in row.items()} for row in rows)


def cmd_init(args) -> int:
    from okdata.install import init_database

    sample = args.sample
    if args.sample_if_new:
        from okdata.install import has_catalog

        sample = not has_catalog()
    r = init_database(sample=sample)
    print(texts.CLI["init_done"].format(plan=r.plan, revision=r.revision, url=_safe_url()))
    if r.catalog_file_changed:
        print(texts.CLI["init_catalog_file_changed"], file=sys.stderr)
    if r.published_values:
        print(texts.CLI["init_published"].format(n=r.published_values))
    if r.example_values:
        print(texts.CLI["init_examples"].format(n=r.example_values))
    return 0


def cmd_catalog(args) -> int:
    from okdata.catalog import catalog_rows, pin_plan
    from okdata.catalog_revisions import export_catalog, import_catalog, preview_file

    if args.action == "import":
        if not args.file:
            print(texts.CLI["need_file"], file=sys.stderr)
            return 2
        read = _read_and_check(args.file, lambda s, data, name: preview_file(s, data, name, args.from_year))
        if isinstance(read, int):
            return read
        data, name, preview = read
        print("\n".join(preview.lines()) or texts.CATALOG_PREVIEW["none"])
        if args.dry_run or preview.empty:
            return 1 if preview.empty else 0
        return _act_as(args.user, import_catalog, data, name, args.from_year)
    with db.read_session() as s:
        pin_plan(s, args.plan)
        if args.format in ("toml", "xlsx"):
            name, data = export_catalog(s, args.format)
        else:
            _out_rows(catalog_rows(s), args.format)
            return 0
    if args.out:
        if not _write_file(args.out, data):
            return 2
        print(texts.CLI["written"].format(path=args.out))
    elif args.format == "toml":
        sys.stdout.write(data.decode("utf-8"))
    else:
        print(texts.CLI["need_out"], file=sys.stderr)
        return 2
    return 0


def _write_file(path: str, data: bytes) -> bool:
    """Write an output file; False, with the reason in Swedish on standard error, when it cannot be written (a
    folder that does not exist, a folder given as the file, no permission): never a traceback."""
    from pathlib import Path

    try:
        Path(path).write_bytes(data)
    except OSError as e:
        print(_cannot_write(path, e), file=sys.stderr)
        return False
    return True


def _cannot_write(path, e: OSError) -> str:
    """Why an output path cannot be written, in Swedish."""
    import errno

    why = {errno.ENOENT: "katalogen finns inte", errno.EISDIR: "det är en katalog", errno.EACCES: "behörighet saknas",
           errno.EPERM: "behörighet saknas", errno.ENOSPC: "disken är full", errno.EROFS: "filsystemet är skrivskyddat",
           errno.ENOTDIR: "en del av sökvägen är ingen katalog"}.get(e.errno, "")
    return texts.CLI["cannot_write"].format(path=path, why=why or texts.CLI["cannot_write_other"])


def _outside_plan(s, year: int, message: str) -> bool:
    """Whether no plan period covers `year`; if so, texts.CLI[message] (with the plan's years) on standard error."""
    from okdata.catalog import plan_for_year
    from okdata.periods import year_field

    if plan_for_year(s, year) is not None:
        return False
    field = year_field(s)
    print(texts.CLI[message].format(year=year, start=field.first, end=field.last), file=sys.stderr)
    return True


def _read_file(path: str) -> bytes | None:
    try:
        return Path(path).read_bytes()
    except OSError:
        print(texts.CLI["no_file"].format(path=path), file=sys.stderr)
        return None


def _read_and_check(path: str, check):
    """(bytes, file name, `check(session, bytes, file name)`) for a file to import; 2 when it cannot be read, 1
    (after the Swedish reason) when the check refuses it."""
    data = _read_file(path)
    if data is None:
        return 2
    name = Path(path).name
    try:
        with db.read_session() as s:
            return data, name, check(s, data, name)
    except ValueError as e:
        print(str(e), file=sys.stderr)
        return 1


def _act_as(username: str | None, fn, *args) -> int:
    """Run `fn(session, actor, *args)` as the --user (exit 2 for an unknown or missing user)."""
    with db.read_session() as s:
        actor = _actor(s, username)
    if actor is None:
        return 2
    return _act(fn, actor, *args)


def cmd_reference(args) -> int:
    from okdata.reference import check_reference_file, import_reference

    read = _read_and_check(args.file, lambda s, data, _name: check_reference_file(s, data))
    if isinstance(read, int):
        return read
    data, name, check = read
    for line in check.problems:
        print(line, file=sys.stderr)
    for line in [*check.locked, *check.replaces]:  # what a save would touch, said before it (and in a dry run)
        print(line)
    print(fmt_counted(texts.CLI["reference_rows"], texts.COUNTED, figures_read=len(check.rows)))
    if check.problems:
        return 1
    if args.dry_run:
        return 0
    return _act_as(args.user, import_reference, data, name)


def cmd_population(args) -> int:
    from okdata.population import check_population_file, import_population

    read = _read_and_check(args.file, check_population_file)
    if isinstance(read, int):
        return read
    data, name, check = read
    for line in check.problems:
        print(line, file=sys.stderr)
    years = sorted({y for _, y, _ in check.rows})
    print(fmt_counted(texts.CLI["population_rows"], texts.COUNTED, n=len(check.rows), years=", ".join(map(str, years)),
                      regions=check.ignored_regions))
    if check.problems or not check.rows:
        return 1
    if args.dry_run:
        return 0
    return _act_as(args.user, import_population, name, data)


def cmd_plan(args) -> int:
    from okdata.plans import new_plan, read_carry_file

    data = _read_file(args.carry)
    if data is None:
        return 2
    try:
        carry = read_carry_file(data)
    except ValueError as e:
        print(str(e), file=sys.stderr)
        return 2
    return _act_as(args.user, new_plan, args.from_plan, args.period, carry, args.name)


def _agency_or_exit(s, name: str):
    from okdata.catalog import find_agency

    agency = find_agency(s, name)
    if agency is None:
        print(texts.CLI["unknown_agency"].format(name=name), file=sys.stderr)
    return agency


def cmd_template(args) -> int:

    from okdata.template import build_template

    with db.read_session() as s:
        agency = _agency_or_exit(s, args.agency)
        if agency is None:
            return 2
        try:
            t = build_template(s, agency, args.year)
        except ValueError as e:  # a year outside every plan period
            print(e, file=sys.stderr)
            return 2
    if t.is_empty:
        print(texts.TEMPLATE_NOTHING.format(agency=agency.name, year=args.year), file=sys.stderr)
        return 1
    if not _write_file(args.out, t.content):
        return 2
    print(fmt_counted(texts.CLI["template_written"], texts.COUNTED, agency=agency.name, year=args.year, out=args.out,
                      rows=t.indicator_rows, measures=t.measure_rows))
    return 0


def _print_problems(check, file_name: str) -> None:
    print(fmt_counted(texts.CLI["problems"], texts.COUNTED, errors=len(check.errors), warnings=len(check.warnings),
                      file=file_name))
    for p in check.problems:
        print(texts.CLI["problem_line"].format(severity=texts.SEVERITY[p.severity], sheet=p.sheet or "-",
                                               row=p.row or "-", column=p.column or "-", code=p.code,
                                               message=p.message))


def cmd_import(args) -> int:
    from pathlib import Path

    from okdata.returns import check_return, replaced_said, save_upload

    path = Path(args.file)
    if not path.is_file():
        print(texts.CLI["file_missing"].format(path=path), file=sys.stderr)
        return 2
    data = path.read_bytes()
    with db.read_session() as s:
        actor = _actor(s, args.user)
    if actor is None:
        return 2
    if args.dry_run:
        with db.read_session() as s:
            check = check_return(s, data, path.name, args.agency, actor=actor, year=args.year)
        outcome = "errors" if check.errors else "dry_run"
    else:  # checked before the write lock, which holds only the inserts (issue 16)
        result = save_upload(None, data, path.name, args.agency, actor, year=args.year)
        check, outcome = result.check, result.outcome
    if check.problems:
        _print_problems(check, path.name)
    if outcome == "errors":
        print(texts.CLI["nothing_saved"])
        return 1
    print(texts.CLI["changes"].format(new=check.n_new, changed=check.n_changed, unchanged=check.n_unchanged,
                                      statuses=check.n_statuses))
    if check.replaces and outcome == "dry_run" and check.duplicate_of is None and check.has_changes:
        print(replaced_said(check.replaces, texts.REPLACES_WAITING))
    for c in check.changes:
        if c.kind == "changed":
            print(texts.CLI["changed_line"].format(indicator=c.indicator, year=c.year, breakdown=c.breakdown,
                                                   old=c.old, new=c.new))
    if outcome == "dry_run":
        print(texts.CLI["dry_run_ok"])
    elif outcome == "duplicate":
        print(texts.ALREADY_SAVED.format(batch=result.batch_id))
    elif outcome == "nothing":
        print(texts.NOTHING_TO_SAVE_SAME.format(batch=result.batch_id))
    else:
        print(texts.CLI["saved"].format(batch=result.batch_id)
              + (replaced_said(check.replaces, texts.SAVED_REPLACED) if check.replaces else ""))
    return 0


def cmd_export(args) -> int:

    from okdata.export import export_frame, to_csv, to_xlsx

    if args.format == "xlsx" and not args.out and sys.stdout.isatty():  # a workbook's bytes are no use on a screen
        print(texts.CLI["need_out"], file=sys.stderr)
        return 2
    df = _read_in_scope(lambda s, scope: export_frame(s, scope, versions=args.all_versions), args.user)
    if df is None:
        return 2
    content = to_xlsx(df) if args.format == "xlsx" else to_csv(df)
    if args.out:
        if not _write_file(args.out, content):
            return 2
        print(fmt_counted(texts.CLI["export_written"], texts.COUNTED, values_exported=len(df), out=args.out))
    else:
        sys.stdout.flush()
        sys.stdout.buffer.write(content)
    return 0


def cmd_batches(args) -> int:
    from okdata.history import list_batches

    df = _read_in_scope(list_batches, args.user)
    if df is None:
        return 2
    cols = ["id", "created_at", "agency", "year", "file_name", "user_name", "kind", "status", "n_new", "n_changed",
            "n_unchanged", "n_statuses", "n_warnings", "reviewed_by", "reviewed_at"]
    def when(t) -> str:  # a time in Sweden; a batch not reviewed has none
        return "" if t is None or t != t else in_sweden(t).isoformat(timespec="seconds")

    rows = df[cols].assign(created_at=df.created_at.map(when), reviewed_at=df.reviewed_at.map(when),
                           reviewed_by=df.reviewed_by.fillna("")).to_dict("records")
    _out_rows(rows, args.format)
    return 0


def cmd_rollback(args) -> int:
    from okdata.history import rollback

    with db.read_session() as s:
        actor = _actor(s, args.user)
    if actor is None:
        return 2
    return _act(rollback, args.batch, actor)


def _act(fn, *args, **kwargs) -> int:
    """Run an action as one write and say what it came to, as the pages do: the message on standard out and 0
    when it changed something, on standard error and 1 when it did not (refused, or nothing to do)."""
    try:
        with db.session() as s:
            done = fn(s, *args, **kwargs)
    except (ValueError, PermissionError) as e:
        print(str(e), file=sys.stderr)
        return 1
    print(done.message, file=sys.stdout if done.ok else sys.stderr)
    return 0 if done.ok else 1


def _actor(s, username: str | None):
    """The acting user: --user looked up in the database; without accounts, the server operator."""
    from okdata.auth import actor_for, has_users, operator_actor

    if username:
        actor = actor_for(s, username)
        if actor is None:
            print(texts.AUTH["unknown_user"].format(username=username), file=sys.stderr)
        return actor
    if has_users(s):
        print(texts.AUTH["need_user"], file=sys.stderr)
        return None
    return operator_actor()


def _read_in_scope(reader, username: str | None):
    """`reader(session, scope)` under what a reading command may show: everything for the server's operator, the
    user's scope with --user (okdata.scope); None (after a message) for an unknown user."""
    from okdata.scope import EVERYTHING, scope_for

    with db.read_session() as s:
        if not username:
            return reader(s, EVERYTHING)
        actor = _actor(s, username)
        return reader(s, scope_for(actor)) if actor is not None else None


def cmd_review(args) -> int:
    from okdata.review import review

    with db.read_session() as s:
        actor = _actor(s, args.user)
    if actor is None:
        return 2
    return _act(review, args.batch, actor, approve=args.reason is None, reason=args.reason or "")


def cmd_user(args) -> int:
    from okdata.auth import add_user, list_users, operator_actor, set_user
    from okdata.catalog import find_agency

    if args.action == "list":
        with db.read_session() as s:
            df = list_users(s)
        by_role = {role: word for word, role in ROLE_ARGUMENTS.items()}
        _out_rows(df.assign(role=df.role.map(by_role)).to_dict("records"), args.format)
        return 0
    if not args.username:
        print(texts.CLI["user_missing_name"], file=sys.stderr)
        return 2
    try:
        # Asked before the write transaction starts: a prompt must not hold the database's write lock.
        password = None if args.action not in ("add", "password") or args.no_password else _new_password(
            args.password_stdin)
        if args.action == "password" and args.no_password:
            print(texts.CLI["user_no_password_add_only"], file=sys.stderr)
            return 2
        if args.action == "agency" and not args.agency:
            print(texts.CLI["user_agency_missing"], file=sys.stderr)
            return 2
        with db.session() as s:
            agency_id = None
            if args.agency:
                agency = find_agency(s, args.agency)
                if agency is None:
                    print(texts.CLI["unknown_agency"].format(name=args.agency), file=sys.stderr)
                    return 2
                agency_id = agency.id
            if args.action == "add":
                role = ROLE_ARGUMENTS[args.role]
                u = add_user(s, operator_actor(), args.username, role, password, args.name or "", agency_id)
                print(texts.CLI["user_added"].format(username=u.username, role=texts.ROLE_NAMES[role]))
            elif args.action == "password":  # a new password; the account's sessions end
                u = set_user(s, operator_actor(), args.username, password=password)
                print(texts.CLI["user_password"].format(username=u.username))
            elif args.action == "agency":  # another agency; the account's sessions end
                u = set_user(s, operator_actor(), args.username, agency_id=agency_id)
                print(texts.CLI["user_agency"].format(username=u.username, agency=agency.name))
            else:
                set_user(s, operator_actor(), args.username, is_active=False)
                print(texts.CLI["user_disabled"].format(username=args.username))
    except (ValueError, PermissionError) as e:
        print(str(e), file=sys.stderr)
        return 2
    return 0


def _new_password(from_stdin: bool) -> str:
    """The new account's password: one line of standard input, or typed twice at a prompt. An empty one is
    refused by the password policy: an account without a password needs --no-password."""
    import getpass

    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    password = getpass.getpass(texts.CLI["password_prompt"])
    if password and getpass.getpass(texts.CLI["password_again"]) != password:
        raise ValueError(texts.AUTH["password_mismatch"])
    return password


def cmd_report(args) -> int:
    import time

    from okdata.report import report_data, year_values
    from okdata.report_files import build
    from okdata.scope import EVERYTHING

    t0 = time.perf_counter()
    with db.read_session() as s:
        if _outside_plan(s, args.year, "report_outside_plan"):  # no return is made for it; nor does the page offer it
            return 2
        data = report_data(s, args.year)
        values = year_values(s, args.year, EVERYTHING) if args.format == "xlsx" else None
    content = build(data, args.format, values)
    if not _write_file(args.out, content):
        return 2
    print(texts.CLI["report_written"].format(year=args.year, out=args.out, size=len(content) // 1024,
                                             seconds=f"{time.perf_counter() - t0:.1f}".replace(".", ",")))
    return 0


def cmd_backup(args) -> int:
    from pathlib import Path

    url = db.database_url()
    if not db.is_sqlite(url):
        from sqlalchemy.engine import make_url

        u = make_url(url)
        conn = " ".join(f"--{k}={v}" for k, v in [("host", u.host), ("port", u.port), ("username", u.username)] if v)
        print(texts.CLI["backup_pg"].format(conn=conn, db=u.database, out=args.file), file=sys.stderr)
        return 3
    if Path(args.file).exists():
        print(texts.CLI["backup_exists"].format(out=args.file), file=sys.stderr)
        return 2
    if not Path(args.file).resolve().parent.is_dir():
        print(texts.CLI["backup_no_folder"].format(folder=Path(args.file).resolve().parent), file=sys.stderr)
        return 2
    if not db.sqlite_path(url).is_file():
        print(texts.CLI["backup_no_database"].format(path=db.sqlite_path(url)), file=sys.stderr)
        return 2
    pages = db.backup_sqlite(url, args.file)
    print(texts.CLI["backup_done"].format(out=args.file, size=Path(args.file).stat().st_size // 1024, pages=pages))
    return 0


def cmd_restore(args) -> int:
    from pathlib import Path

    from okdata.backup import RestoreRefused, restore_sqlite

    url = db.database_url()
    if not db.is_sqlite(url):
        print(texts.CLI["restore_pg"], file=sys.stderr)
        return 3
    if not Path(args.file).is_file():
        print(texts.CLI["file_missing"].format(path=args.file), file=sys.stderr)
        return 2
    try:
        done = restore_sqlite(Path(args.file), url)
    except RestoreRefused as e:
        print(texts.CLI["restore_refused"].format(src=args.file, reason=e), file=sys.stderr)
        return 2
    print(texts.CLI["restore_done"].format(src=args.file, kept=done.kept, revision=done.revision,
                                           from_revision=done.from_revision))
    return 0


def cmd_year(args) -> int:
    from datetime import date

    from okdata.periods import open_reporting_year, reopen_year, reporting_year_table

    if args.action == "list":
        with db.read_session() as s:
            df = reporting_year_table(s)
        _out_rows(df.assign(deadline=df.deadline.astype(str)).to_dict("records"), args.format)
        return 0
    if args.year is None or args.date is None:
        print(texts.CLI["year_usage"], file=sys.stderr)
        return 2
    try:
        day = date.fromisoformat(args.date)
    except ValueError:
        print(texts.CLI["bad_date"].format(value=args.date), file=sys.stderr)
        return 2
    with db.read_session() as s:
        actor = _actor(s, args.user)
    if actor is None:
        return 2
    if args.action == "open":
        return _act(open_reporting_year, actor, args.year, day)
    return _act(reopen_year, actor, args.year, day, args.reason or "")


def cmd_examples(args) -> int:
    from pathlib import Path

    from okdata.sample_returns import write_sample_returns

    with db.read_session() as s:
        try:
            written = write_sample_returns(s, Path(args.out), args.year)
        except ValueError as e:  # a year outside every plan period
            print(e, file=sys.stderr)
            return 2
        except OSError as e:
            print(_cannot_write(args.out, e), file=sys.stderr)
            return 2
    print(texts.CLI["examples_written"].format(n=len(written), out=args.out))
    return 0


def cmd_status(args) -> int:
    from okdata.catalog import plan_for_year
    from okdata.periods import year_field
    from okdata.snapshot import status_rows
    from okdata.values import year_has_values

    with db.read_session() as s:
        # as Översikt: no status for a year no plan period covers, which nobody reports for (a baseline year too)
        if plan_for_year(s, args.year) is None:
            why = ("status_no_year" if not year_has_values(s, args.year)
                   else "status_base_year" if args.year < year_field(s).first else "status_after_plan")
            _outside_plan(s, args.year, why)
            return 2
        rows = status_rows(s, args.year)
    if args.format == "csv":
        keys: list[str] = []
        for r in rows:
            keys += [k for k in r if k not in keys]
        rows = [{k: r.get(k, "") for k in keys} for r in rows]
    _out_rows(rows, args.format)
    return 0


def _not_ready() -> str | None:
    """Why the database cannot serve a command yet, in Swedish, None when it can: it does not exist, is empty or
    holds no catalog (`init` not run), its schema is an older one (`init` upgrades it) or a newer version's, it is
    not a database, it is busy, or it cannot be reached. Each command ended in a traceback on such a database.
    Nothing is created or changed: SQLite makes a database of a path it opens, even an empty file's."""
    from alembic.script import ScriptDirectory
    from alembic.util.exc import CommandError
    from sqlalchemy.exc import DatabaseError, OperationalError

    from okdata.install import alembic_config, has_catalog, schema_revision

    url, shown = db.database_url(), _safe_url()
    if db.is_sqlite(url) and (not db.sqlite_path(url).is_file() or db.sqlite_path(url).stat().st_size == 0):
        return texts.CLI["not_set_up"].format(url=shown)
    try:
        found = schema_revision(url)
        if found is None:
            return texts.CLI["not_set_up"].format(url=shown)
        scripts = ScriptDirectory.from_config(alembic_config(url))
        head = scripts.get_current_head()
        if found != head:
            try:
                scripts.get_revision(found)  # one of this version's: an older schema, which `init` upgrades
            except CommandError:
                return texts.CLI["newer_schema"].format(url=shown, found=found[:40], head=head)
            return texts.CLI["not_upgraded"].format(url=shown, found=found, head=head)
        if not has_catalog(url):
            return texts.CLI["not_set_up"].format(url=shown)
    except OperationalError as e:  # busy, or a server that does not answer, a database or user that does not exist
        if db.is_lock_timeout(e):
            return texts.CLI["busy"]
        return texts.CLI["unreachable"].format(url=shown, reason=_first_line(e))
    except DatabaseError as e:  # SQLite: "file is not a database"
        return texts.CLI["not_a_database"].format(url=shown, reason=_first_line(e))
    return None


def _first_line(error: Exception) -> str:
    """The database driver's own reason, its first line, shortened."""
    return (str(getattr(error, "orig", error)).strip().splitlines() or [""])[0][:200]


def _safe_url() -> str:
    from sqlalchemy.engine import make_url

    return make_url(db.database_url()).render_as_string(hide_password=True)


class _Placeholders(argparse.HelpFormatter):
    """Shows a value's placeholder in Swedish (--year ÅR), from the option's name."""

    def _get_default_metavar_for_optional(self, action) -> str:
        return texts.CLI_PLACEHOLDERS.get(action.dest, action.dest.upper())

    def _get_default_metavar_for_positional(self, action) -> str:
        return texts.CLI_PLACEHOLDERS.get(action.dest, action.dest)


class _Parser(argparse.ArgumentParser):
    """An argument parser whose own messages are Swedish (texts.ARGPARSE); its commands' parsers are too."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", _Placeholders)
        with swedish_argparse():
            super().__init__(*args, **kwargs)

    def parse_args(self, args=None, namespace=None):
        with swedish_argparse():
            return super().parse_args(args, namespace)

    def parse_known_args(self, args=None, namespace=None):
        with swedish_argparse():
            return super().parse_known_args(args, namespace)

    def error(self, message: str):
        with swedish_argparse():
            super().error(message)

    def format_help(self) -> str:
        with swedish_argparse():
            return super().format_help()

    def format_usage(self) -> str:
        with swedish_argparse():
            return super().format_usage()

    def _get_value(self, action, arg_string):
        try:
            return super()._get_value(action, arg_string)
        except argparse.ArgumentError as e:  # 'ska vara int' → 'ska vara ett heltal'
            name = getattr(action.type, "__name__", "")
            if name in texts.ARGPARSE_TYPES:
                e.message = e.message.replace(f"ska vara {name})", f"ska vara {texts.ARGPARSE_TYPES[name]})")
            raise


@contextmanager
def swedish_argparse():
    """argparse builds its messages with gettext (argparse._ and argparse.ngettext): Swedish while this is open."""
    saved = argparse._, argparse.ngettext
    argparse._ = lambda message: texts.ARGPARSE.get(message, message)
    argparse.ngettext = lambda one, many, n: texts.ARGPARSE.get(one if n == 1 else many, one if n == 1 else many)
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, with Swedish help texts and messages."""
    p = _Parser(prog="python -m okdata", description=texts.APP_TITLE)
    sub = p.add_subparsers(dest="command", required=True, metavar="KOMMANDO")

    c = sub.add_parser("init", help=texts.CLI["help_init"])
    c.add_argument("--sample", action="store_true", help=texts.CLI["help_sample"])
    c.add_argument("--sample-if-new", action="store_true", help=texts.CLI["help_sample_if_new"])
    c.set_defaults(func=cmd_init)

    c = sub.add_parser("catalog", help=texts.CLI["help_catalog"])
    c.add_argument("action", nargs="?", choices=["import"], help=texts.CLI["help_catalog_import"])
    c.add_argument("file", nargs="?", help=texts.CLI["help_file"])
    c.add_argument("--format", choices=["csv", "json", "toml", "xlsx"], default="csv")
    c.add_argument("--out", help=texts.CLI["help_out"])
    c.add_argument("--plan", help=texts.CLI["help_plan"])
    c.add_argument("--from-year", type=int, help=texts.CLI["help_from_year"])
    c.add_argument("--dry-run", action="store_true", help=texts.CLI["help_dry_run"])
    c.add_argument("--user")
    c.set_defaults(func=cmd_catalog)

    for name, func in (("reference", cmd_reference), ("population", cmd_population)):
        c = sub.add_parser(name, help=texts.CLI[f"help_{name}"])
        c.add_argument("action", choices=["import"])
        c.add_argument("file")
        c.add_argument("--dry-run", action="store_true", help=texts.CLI["help_dry_run"])
        c.add_argument("--user")
        c.set_defaults(func=func)

    c = sub.add_parser("plan", help=texts.CLI["help_plan_new"])
    c.add_argument("action", choices=["new"])
    c.add_argument("--from", dest="from_plan", required=True)
    c.add_argument("--period", required=True)
    c.add_argument("--carry", required=True, help=texts.CLI["help_carry"])
    c.add_argument("--name", default="")
    c.add_argument("--user")
    c.set_defaults(func=cmd_plan)

    c = sub.add_parser("template", help=texts.CLI["help_template"])
    c.add_argument("--agency", required=True)
    c.add_argument("--year", type=int, required=True)
    c.add_argument("--out", required=True)
    c.set_defaults(func=cmd_template)

    c = sub.add_parser("import", help=texts.CLI["help_import"])
    c.add_argument("file")
    c.add_argument("--agency")
    c.add_argument("--user")
    c.add_argument("--year", type=int, help=texts.CLI["help_import_year"])
    c.add_argument("--dry-run", action="store_true", help=texts.CLI["help_dry_run"])
    c.set_defaults(func=cmd_import)

    c = sub.add_parser("year", help=texts.CLI["help_year"])
    c.add_argument("action", choices=["list", "open", "reopen"])
    c.add_argument("year", type=int, nargs="?")
    c.add_argument("--deadline", "--until", dest="date", metavar="DATUM", help=texts.CLI["help_year_date"])
    c.add_argument("--reason", help=texts.CLI["help_year_reason"])
    c.add_argument("--user")
    c.add_argument("--format", choices=["csv", "json"], default="csv")
    c.set_defaults(func=cmd_year)

    c = sub.add_parser("export", help=texts.CLI["help_export"])
    c.add_argument("--format", choices=["csv", "xlsx"], default="csv")
    c.add_argument("--out")
    c.add_argument("--all-versions", action="store_true", help=texts.CLI["help_all_versions"])
    c.add_argument("--user", help=texts.CLI["help_read_user"])
    c.set_defaults(func=cmd_export)

    c = sub.add_parser("batches", help=texts.CLI["help_batches"])
    c.add_argument("--format", choices=["csv", "json"], default="csv")
    c.add_argument("--user", help=texts.CLI["help_read_user"])
    c.set_defaults(func=cmd_batches)

    c = sub.add_parser("review", help=texts.CLI["help_review"])
    c.add_argument("batch", type=int)
    c.add_argument("--return", dest="reason", metavar="SKÄL", help=texts.CLI["help_return"])
    c.add_argument("--user")
    c.set_defaults(func=cmd_review)

    c = sub.add_parser("user", help=texts.CLI["help_user"])
    c.add_argument("action", choices=["add", "list", "disable", "password", "agency"])
    c.add_argument("username", nargs="?")
    c.add_argument("--role", choices=list(ROLE_ARGUMENTS), default="lasare")
    c.add_argument("--agency")
    c.add_argument("--name")
    password = c.add_mutually_exclusive_group()
    password.add_argument("--password-stdin", action="store_true", help=texts.CLI["help_password_stdin"])
    password.add_argument("--no-password", action="store_true", help=texts.CLI["help_no_password"])
    c.add_argument("--format", choices=["csv", "json"], default="csv")
    c.set_defaults(func=cmd_user)

    c = sub.add_parser("examples", help=texts.CLI["help_examples"])
    c.add_argument("--year", type=int, default=2025)
    c.add_argument("--out", default=str(db.ROOT / "sample_data"))
    c.set_defaults(func=cmd_examples)

    c = sub.add_parser("status", help=texts.CLI["help_status"])
    c.add_argument("--year", type=int, required=True)
    c.add_argument("--format", choices=["csv", "json"], default="csv")
    c.set_defaults(func=cmd_status)

    c = sub.add_parser("report", help=texts.CLI["help_report"])
    c.add_argument("--year", type=int, required=True)
    c.add_argument("--format", choices=["pptx", "pdf", "docx", "xlsx"], required=True)
    c.add_argument("--out", required=True)
    c.set_defaults(func=cmd_report)

    c = sub.add_parser("backup", help=texts.CLI["help_backup"])
    c.add_argument("file")
    c.set_defaults(func=cmd_backup)

    c = sub.add_parser("restore", help=texts.CLI["help_restore"])
    c.add_argument("file")
    c.set_defaults(func=cmd_restore)

    c = sub.add_parser("rollback", help=texts.CLI["help_rollback"])
    c.add_argument("batch", type=int)
    c.add_argument("--user")
    c.set_defaults(func=cmd_rollback)
    return p


def main(argv: list[str] | None = None) -> int:
    """Run one command; returns its exit code."""
    sys.stdout.reconfigure(encoding="utf-8")
    # The command line speaks Swedish: what went wrong is printed as a Swedish message; the readers' technical
    # warnings (a library's English reason for a damaged file) are for the app's log, not for this terminal.
    logging.basicConfig(level=logging.ERROR, format="%(message)s")
    args = build_parser().parse_args(argv)
    from okdata.heap import settle

    settle()
    from sqlalchemy.exc import DBAPIError

    if args.func not in (cmd_init, cmd_backup, cmd_restore):  # these set up, copy or replace the database whole
        problem = _not_ready()
        if problem:
            print(problem, file=sys.stderr)
            return 1
    try:
        return args.func(args)
    except BrokenPipeError:
        # the reader of the output stopped reading (`okdata batches | head -1`): the rest goes nowhere, quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except db.Busy:
        print(texts.CLI["busy"], file=sys.stderr)
        return 1
    except DBAPIError as e:  # a database that cannot be written: said in Swedish, never a traceback
        problem = db.storage_problem(e)
        if problem is None:
            raise
        print(problem.strip(), file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
