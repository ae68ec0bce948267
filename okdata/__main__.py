"""The command line: `python -m okdata COMMAND` (contract in RETURN_FORMAT.md, documented in the README)."""

import argparse
import csv
import json
import sys

from okdata import db, texts


def _out_rows(rows: list[dict], fmt: str) -> None:
    if fmt == "json":
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=2, default=str)
        sys.stdout.write("\n")
    elif rows:
        w = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def cmd_init(args) -> int:
    from okdata.install import init_database

    r = init_database(sample=args.sample)
    print(texts.CLI["init_done"].format(plan=r.plan, revision=r.revision, url=_safe_url()))
    if r.published_values:
        print(texts.CLI["init_published"].format(n=r.published_values))
    if r.example_values:
        print(texts.CLI["init_examples"].format(n=r.example_values))
    return 0


def cmd_catalog(args) -> int:
    from okdata.catalog import catalog_rows

    with db.read_session() as s:
        _out_rows(catalog_rows(s), args.format)
    return 0


def _safe_url() -> str:
    from sqlalchemy.engine import make_url

    return make_url(db.database_url()).render_as_string(hide_password=True)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, with Swedish help texts."""
    p = argparse.ArgumentParser(prog="python -m okdata", description=texts.APP_TITLE)
    sub = p.add_subparsers(dest="command", required=True, metavar="KOMMANDO")

    c = sub.add_parser("init", help=texts.CLI["help_init"])
    c.add_argument("--sample", action="store_true", help=texts.CLI["help_sample"])
    c.set_defaults(func=cmd_init)

    c = sub.add_parser("catalog", help=texts.CLI["help_catalog"])
    c.add_argument("--format", choices=["csv", "json"], default="csv")
    c.set_defaults(func=cmd_catalog)
    return p


def main(argv: list[str] | None = None) -> int:
    """Run one command; returns its exit code."""
    sys.stdout.reconfigure(encoding="utf-8")
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
