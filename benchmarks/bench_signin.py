"""Benchmark: 30 simultaneous local sign-ins, against a bare argon2 verification measured in the same run.

Thirty people open the app at the start of a meeting and sign in within the same second: thirty threads of one
process (as Streamlit runs each session's script in a thread of the server) call okdata.signin.sign_in at once,
each for its own account, against a real SQLite file and a real PostgreSQL server. A sign-in reads the account,
checks the password with argon2 outside any transaction and records the outcome in one short write.

The baseline is what no implementation can avoid: the same argon2 verification, alone and thirty at once, with
no database. `--old` also times the path before issue 16 for comparison: argon2-cffi's default parameters (64 MiB,
t=3, p=4), verified inside the write transaction (`BEGIN IMMEDIATE` / the advisory lock), as faeccf1 did.

    .venv/bin/python benchmarks/bench_signin.py [--users 30] [--rounds 5] [--old] [--no-postgresql]
"""

import argparse
import platform
import statistics
import sys
import tempfile
import threading
import time
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from argon2 import PasswordHasher  # noqa: E402
from sqlalchemy import select  # noqa: E402

from okdata import db  # noqa: E402
from okdata.auth import HASHER, add_user, operator_actor  # noqa: E402
from okdata.domain import Role  # noqa: E402
from okdata.heap import settle  # noqa: E402
from okdata.install import upgrade_database  # noqa: E402
from okdata.models import User  # noqa: E402
from okdata.signin import sign_in  # noqa: E402

PASSWORD = "korrekt häst batteri häftklammer"


def at_once(n: int, work) -> tuple[list[float], list[BaseException]]:
    """Run work(i) in n threads released together; each call's seconds from the release, and any errors."""
    barrier, times, errors = threading.Barrier(n + 1), [0.0] * n, []

    def run(i: int) -> None:
        barrier.wait()
        started = time.perf_counter()
        try:
            work(i)
        except BaseException as e:  # noqa: BLE001  (counted and reported)
            errors.append(e)
        times[i] = time.perf_counter() - started

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    barrier.wait()
    for t in threads:
        t.join()
    return times, errors


def percentiles(times: list[float]) -> tuple[float, float, float]:
    """p50, p95 and the maximum, in seconds."""
    q = statistics.quantiles(times, n=20, method="inclusive")
    return statistics.median(times), q[18], max(times)


def accounts(url: str, n: int) -> list[str]:
    """n reader accounts with the benchmark password, made once."""
    upgrade_database(url)
    names = [f"bank{i:02d}.person" for i in range(n)]
    with db.session(url) as s:
        have = set(s.scalars(select(User.username)))
        for name in names:
            if name not in have:
                add_user(s, operator_actor(), name, Role.READER, PASSWORD)
    return names


def bench_okdata(url: str, names: list[str], rounds: int) -> tuple[list[float], int, list[str]]:
    """All sign-in times over `rounds` rounds of len(names) at once; how many were refused as busy; outcomes."""
    times, busy, outcomes = [], 0, []
    for _ in range(rounds):
        got = [None] * len(names)

        def one(i: int, got: list = got) -> None:
            got[i] = sign_in(url, names[i], PASSWORD, f"10.0.{i // 250}.{i % 250 + 1}").outcome

        t, errors = at_once(len(names), one)
        busy += sum(isinstance(e, db.Busy) for e in errors)
        if any(not isinstance(e, db.Busy) for e in errors):
            raise next(e for e in errors if not isinstance(e, db.Busy))
        times += t
        outcomes += [o for o in got if o]
    return times, busy, outcomes


def bench_old(url: str, names: list[str], rounds: int) -> tuple[list[float], int]:
    """The path before issue 16: default argon2 parameters, verified inside the write transaction."""
    old = PasswordHasher()
    hashed = old.hash(PASSWORD)
    times, busy = [], 0
    for _ in range(rounds):
        def one(i: int) -> None:
            with db.session(url) as s:
                s.scalars(select(User).where(User.username == names[i])).first()
                old.verify(hashed, PASSWORD)

        t, errors = at_once(len(names), one)
        busy += sum(isinstance(e, db.Busy) for e in errors)
        times += t
    return times, busy


def bench_bare(n: int, rounds: int, hasher: PasswordHasher) -> tuple[float, list[float]]:
    """One verification alone (median of 10) and the times of n verifications at once."""
    hashed = hasher.hash(PASSWORD)
    alone = []
    for _ in range(10):
        started = time.perf_counter()
        hasher.verify(hashed, PASSWORD)
        alone.append(time.perf_counter() - started)
    together = []
    for _ in range(rounds):
        together += at_once(n, lambda i: hasher.verify(hashed, PASSWORD))[0]
    return statistics.median(alone), together


def line(label: str, times: list[float], busy: str = "", ok: str = "") -> str:
    p50, p95, top = percentiles(times)
    return f"| {label} | {p50:.2f} s | {p95:.2f} s | {top:.2f} s | {busy} | {ok} |"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--users", type=int, default=30)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--old", action="store_true", help="also time the path before issue 16")
    ap.add_argument("--no-postgresql", action="store_true")
    args = ap.parse_args()
    settle()
    print(f"{platform.machine()}, {platform.python_version()}, {args.users} simultaneous sign-ins × {args.rounds} "
          f"rounds, argon2id {HASHER.memory_cost} KiB t={HASHER.time_cost} p={HASHER.parallelism}\n")
    alone, together = bench_bare(args.users, args.rounds, HASHER)
    rows = [f"| bare argon2 verification alone | {alone:.3f} s | | | | |",
            line(f"bare argon2, {args.users} at once (baseline)", together)]
    with ExitStack() as stack:
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        urls = {"SQLite (WAL, file)": f"sqlite:///{tmp / 'signin.db'}"}
        if not args.no_postgresql:
            from tests.pg_support import admin_execute, database_url, find_bindir, postgres_server

            if find_bindir() is not None:
                server = stack.enter_context(postgres_server())
                admin_execute(server, "CREATE DATABASE bench_signin")
                urls["PostgreSQL"] = database_url(server, "bench_signin")
        for name, url in urls.items():
            names = accounts(url, args.users)
            times, busy, outcomes = bench_okdata(url, names, args.rounds)
            ok = sum(o == "ok" for o in outcomes)
            rows.append(line(f"okdata sign-in, {name}", times, str(busy), f"{ok}/{len(times)}"))
            if args.old:
                old_alone, _ = bench_bare(1, 1, PasswordHasher())
                old_times, old_busy = bench_old(url, names, args.rounds)
                rows.append(line(f"before (faeccf1 path, emulated; argon2 alone {old_alone:.2f} s), {name}",
                                 old_times, str(old_busy)))
            db.get_engine(url).dispose()
    import os

    print(f"load average during the run: {' '.join(f'{x:.1f}' for x in os.getloadavg())}\n")
    print("| | p50 | p95 | max | refused as busy | signed in |\n| --- | --- | --- | --- | --- | --- |")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
