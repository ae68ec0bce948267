"""Small helpers the tests share: an indicator's database id, the command line in a subprocess."""

import os
import subprocess
import sys
from pathlib import Path

from okdata.catalog import indicators_frame

ROOT = Path(__file__).resolve().parent.parent


def indicator_id(s, code: str) -> int:
    """The database id of the indicator with the catalog id `code` (e.g. "2.4a")."""
    i = indicators_frame(s)
    return int(i[i.code == code].id.iloc[0])


def run(*args, url: str, input: str | None = None) -> subprocess.CompletedProcess:
    """`python -m okdata ARGS` in a subprocess, as a script would call it (`input` on its standard input)."""
    env = {**os.environ, "OKDATA_DATABASE_URL": url}
    return subprocess.run([sys.executable, "-m", "okdata", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, encoding="utf-8", timeout=300, input=input)
