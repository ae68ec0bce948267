"""Eight uploads at once from separate processes, with readers running: each saves completely or fails with
a clear message; nothing is lost or half-written; no "database is locked" reaches a user."""

import os
import subprocess
import sys
import time

import pytest
from sqlalchemy import func, select, text

from okdata import db
from okdata.models import ImportBatch, Observation
from okdata.store import OBSERVATION_KEY

pytestmark = pytest.mark.cli
FILES = ["Polisen", "Aklagarmyndigheten", "Kriminalvarden", "Region_Stockholm", "Lansstyrelsen",
         "Arbetsformedlingen", "Botkyrka", "Stockholms_stad"]
READER = """
import sys, time
from okdata import db
from okdata.report import report_data
from okdata.snapshot import measure_progress
deadline = time.time() + float(sys.argv[1])
n = 0
while time.time() < deadline:
    with db.read_session() as s:
        report_data(s, 2025, False)
        measure_progress(s, 2025, False)
    n += 1
print("reads", n)
"""


def test_eight_simultaneous_uploads_with_readers(sample_url):
    env = {**os.environ, "OKDATA_DATABASE_URL": sample_url}
    with db.read_session(sample_url) as s:
        batches_before = s.scalar(select(func.count()).select_from(ImportBatch))
    readers = [subprocess.Popen([sys.executable, "-c", READER, "6"], env=env, cwd=db.ROOT, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True) for _ in range(2)]
    time.sleep(1.0)
    uploads = [subprocess.Popen([sys.executable, "-m", "okdata", "import",
                                 str(db.ROOT / "sample_data" / f"exempel_{name}_2025.xlsx"), "--user",
                                 "demo-samordnare"], env=env, cwd=db.ROOT, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True) for name in FILES]
    results = [p.communicate(timeout=180) + (p.returncode,) for p in uploads]
    reads = [p.communicate(timeout=180) + (p.returncode,) for p in readers]

    for out, err, code in results + reads:
        assert "locked" not in (out + err).lower()
        assert code == 0, err
    assert all("Sparat som inrapportering" in out for out, _, _ in results)
    assert all(int(out.split()[-1]) > 0 for out, _, _ in reads)

    with db.read_session(sample_url) as s:
        new = s.scalars(select(ImportBatch).where(ImportBatch.kind == "upload")).all()
        assert len(new) == len(FILES) == s.scalar(select(func.count()).select_from(ImportBatch)) - batches_before
        for b in new:  # every batch complete: all its rows are there
            rows = s.scalar(select(func.count()).select_from(Observation).where(Observation.batch_id == b.id))
            assert rows == b.n_new + b.n_changed + b.n_unchanged  # a return holds every value it confirms
        key = ", ".join(OBSERVATION_KEY)
        doubles = s.execute(text(f"SELECT {key}, count(*) FROM observation WHERE is_current "
                                 f"GROUP BY {key} HAVING count(*) > 1")).all()
        assert doubles == []  # one current value per key, even where two agencies report the same indicator
        latest = s.execute(text(f"""SELECT o.id FROM observation o JOIN import_batch b ON b.id = o.batch_id
            WHERE b.status IN ('submitted', 'approved') AND o.id = (SELECT max(o2.id) FROM observation o2
            JOIN import_batch b2 ON b2.id = o2.batch_id WHERE b2.status IN ('submitted', 'approved')
            AND {' AND '.join(f'o2.{k} = o.{k}' for k in OBSERVATION_KEY)})""")).scalars().all()
        current = s.scalars(select(Observation.id).where(Observation.is_current.is_(True))).all()
        assert sorted(latest) == sorted(current)  # the flags are exactly what the rows say

HOLDER = """
import sys, time
from okdata import db
with db.session() as s:
    s.connection()  # SQLite: BEGIN IMMEDIATE; PostgreSQL: the writers' advisory lock
    print("held", flush=True)
    time.sleep(float(sys.argv[1]))
"""
# The command line exactly, with the writers' wait shortened from 30 s to 0.5 s.
IMPATIENT_CLI = """
import sys
from okdata import db
db.BUSY_TIMEOUT_MS = 500
from okdata.__main__ import main
sys.exit(main(sys.argv[1:]))
"""


def test_an_upload_that_waits_too_long_is_refused_in_swedish_and_saves_nothing(sample_url):
    from okdata import texts

    env = {**os.environ, "OKDATA_DATABASE_URL": sample_url}
    with db.read_session(sample_url) as s:
        before = s.scalar(select(func.count()).select_from(ImportBatch))
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, "8"], env=env, cwd=db.ROOT, stdout=subprocess.PIPE,
                              text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        r = subprocess.run([sys.executable, "-c", IMPATIENT_CLI, "import",
                            str(db.ROOT / "sample_data" / "exempel_Polisen_2025.xlsx"), "--user", "demo-samordnare"],
                           env=env, cwd=db.ROOT, capture_output=True, text=True, timeout=120)
        assert holder.poll() is None, "the other writer must still hold the database"
    finally:
        holder.communicate(timeout=60)
    assert r.returncode == 1 and texts.DATABASE_BUSY in r.stderr
    assert "locked" not in (r.stdout + r.stderr).lower() and "Traceback" not in r.stderr
    with db.read_session(sample_url) as s:
        assert s.scalar(select(func.count()).select_from(ImportBatch)) == before
