"""Eight uploads at once from separate processes, with readers running: each saves completely or fails with
a clear message; nothing is lost or half-written; no "database is locked" reaches a user."""

import os
import subprocess
import sys
import time

from sqlalchemy import func, select, text

from okdata import db
from okdata.models import ImportBatch, Observation
from okdata.store import OBSERVATION_KEY

FILES = ["Polisen", "Aklagarmyndigheten", "Kriminalvarden", "Region_Stockholm", "Lansstyrelsen",
         "Arbetsformedlingen", "Botkyrka", "Stockholms_stad"]
READER = """
import sys, time
from okdata import db
from okdata.report import report_data
from okdata.values import status_counts
deadline = time.time() + float(sys.argv[1])
n = 0
while time.time() < deadline:
    with db.read_session() as s:
        report_data(s, 2025, False)
        status_counts(s, 2025, False)
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
            assert rows == b.n_new + b.n_changed
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
