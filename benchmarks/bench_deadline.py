"""Benchmark: deadline day. 60 typical returns (110–400 rows: the example returns of Polisen, 113 rows, and of
Länsstyrelsen, its first 400 rows, in turn, each time with new comments, so every value is changed) saved within one
minute by 60 processes, one saving per second once all have started (Python's start-up is not timed), each as the
command line saves (returns.save_upload: checked before the write lock, the lock held for the inserts), on SQLite (a
new sample database, or a copy of --store; WAL) and on a PostgreSQL server started for the run (the sample
database). Each process times its own save; afterwards every return must be in the store.

    .venv/bin/python benchmarks/bench_deadline.py [--store /tmp/okdata-1m.db] [--returns 60] [--no-postgresql]

Ends with one line per database: `database=… returns=60 saved=60 refused=0 p50_s=… p95_s=… max_s=…`.
"""

import argparse
import io
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

COMMENT_COLUMN = "Kommentar"


SOURCES = {"exempel_Polisen_2025.xlsx": None, "exempel_Lansstyrelsen_2025.xlsx": 400}  # file: rows kept (None: all)


def variants(n: int, folder: Path) -> list[Path]:
    """n returns: the example returns in turn, each time with a new comment on every row."""
    import openpyxl

    from benchmarks.example_files import example_return
    from okdata import texts

    examples = [(example_return(name), keep) for name, keep in SOURCES.items()]
    out = []
    for i in range(n):
        source, keep = examples[i % len(examples)]
        wb = openpyxl.load_workbook(source)
        ws = wb[texts.SHEET_INDICATORS]
        header = next(r for r in ws.iter_rows(min_row=1, max_row=20) if any(c.value == texts.COLUMNS_INDICATORS["id"]
                                                                              for c in r))
        col = next((c.column for c in header if c.value == texts.COLUMNS_INDICATORS["comment"]), None)
        if col is None:
            raise SystemExit(f"{source.name}: no comment column")
        first = header[0].row + 1
        if keep is not None and ws.max_row >= first + keep:
            ws.delete_rows(first + keep, ws.max_row - first - keep + 1)
        for row in ws.iter_rows(min_row=first):
            if row[0].value:
                ws.cell(row=row[0].row, column=col, value=f"inlämning {i // len(examples) + 1}")
        buf = io.BytesIO()
        wb.save(buf)
        path = folder / f"{i:02d}_{source.name}"
        path.write_bytes(buf.getvalue())
        out.append(path)
    return out


def worker(url: str, path: str, offset: float) -> None:
    """One process: import okdata, say it is ready, wait for the run's start time (a line on stdin) and then for
    its own second, save the return as the coordinator, print seconds and outcome."""
    from okdata import db
    from okdata.auth import actor_for
    from okdata.heap import settle
    from okdata.returns import save_upload

    with db.read_session(url) as s:
        actor = actor_for(s, "demo-samordnare")
    settle()
    print("ready", flush=True)
    start = float(sys.stdin.readline())
    time.sleep(max(0.0, start + offset - time.time()))
    t0 = time.perf_counter()
    try:
        result = save_upload(url, Path(path).read_bytes(), Path(path).name, None, actor)
        outcome = result.outcome
    except db.Busy:
        outcome = "busy"
    print(json.dumps({"seconds": time.perf_counter() - t0, "outcome": outcome}))


def run(url: str, files: list[Path], spacing: float) -> dict:
    """Start a process per return, wait until every one has imported okdata (60 Python start-ups on two cores take
    longer than the minute: timed with the saves, they measured start-up, not saving), then give them one start
    time; the i-th saves i × spacing seconds after it."""
    procs = [subprocess.Popen([sys.executable, __file__, "--worker", url, str(f), str(i * spacing)],
                              cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True) for i, f in enumerate(files)]
    for p in procs:
        if p.stdout.readline().strip() != "ready":
            p.kill()
    time.sleep(2)  # let the last start-ups' memory settle
    start = time.time() + 1
    for p in procs:
        if p.poll() is None:
            p.stdin.write(f"{start}\n")
            p.stdin.flush()
    results = []
    for p in procs:
        out, err = p.communicate(timeout=900)
        line = out.strip().splitlines()[-1] if out.strip() else json.dumps({"seconds": 0, "outcome": "crash"})
        results.append(json.loads(line) if p.returncode == 0 else {"seconds": 0, "outcome": f"crash: {err[-300:]}"})
    return {"results": results, "wall": time.time() - start}


def stored(url: str, files: list[Path]) -> int:
    from sqlalchemy import func, select

    from okdata import db
    from okdata.models import ImportBatch

    with db.read_session(url) as s:
        n = s.scalar(select(func.count()).select_from(ImportBatch).where(
            ImportBatch.kind == "upload", ImportBatch.file_name.in_([f.name for f in files])))
    db.get_engine(url).dispose()
    return n


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        worker(sys.argv[2], sys.argv[3], float(sys.argv[4]))
        return
    ap = argparse.ArgumentParser()
    ap.add_argument("--store", type=Path, help="SQLite store to copy (default: a new sample database)")
    ap.add_argument("--returns", type=int, default=60)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--no-postgresql", action="store_true")
    args = ap.parse_args()
    from okdata import db
    from okdata.install import init_database

    with ExitStack() as stack:
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        files = variants(args.returns, tmp)
        from python_calamine import CalamineWorkbook

        from okdata import texts
        sizes = [len(CalamineWorkbook.from_path(str(f)).get_sheet_by_name(texts.SHEET_INDICATORS).to_python()) - 1
                 for f in files[:len(SOURCES)]]
        sqlite_path = tmp / "store.db"
        if args.store:
            shutil.copy(args.store, sqlite_path)
        urls = {"sqlite": f"sqlite:///{sqlite_path}"}
        if not args.store:
            init_database(urls["sqlite"], sample=True)
        if not args.no_postgresql:
            from tests.pg_support import admin_execute, database_url, find_bindir, postgres_server

            if find_bindir() is not None:
                server = stack.enter_context(postgres_server())
                admin_execute(server, "CREATE DATABASE bench_deadline")
                urls["postgresql"] = database_url(server, "bench_deadline")
                init_database(urls["postgresql"], sample=True)
                db.get_engine(urls["postgresql"]).dispose()
        print(f"{args.returns} returns of {min(sizes)}–{max(sizes)} rows within {args.seconds:.0f} s, "
              f"load average {os.getloadavg()[0]:.1f}")
        for name, url in urls.items():
            got = run(url, files, args.seconds / args.returns)
            times = [r["seconds"] for r in got["results"] if r["outcome"] == "saved"]
            refused = [r["outcome"] for r in got["results"] if r["outcome"] != "saved"]
            q = statistics.quantiles(times, n=20, method="inclusive") if len(times) > 1 else [0] * 19
            print(f"database={name} returns={args.returns} saved={len(times)} in_store={stored(url, files)} "
                  f"refused={len(refused)} p50_s={statistics.median(times):.2f} p95_s={q[18]:.2f} "
                  f"max_s={max(times):.2f} wall_s={got['wall']:.0f} load={os.getloadavg()[0]:.1f}"
                  + (f" ({refused[:3]})" if refused else ""))


if __name__ == "__main__":
    main()
