"""`streamlit run serve.py` with server-side timings, for bench_load.py: every script run (script_timer.py) and
every local sign-in (okdata.signin.sign_in: the read, the password check and the short write) is appended to the
file named by OKDATA_TIMINGS as `kind<TAB>seconds<TAB>end time`. Benchmarks only.

    OKDATA_TIMINGS=/tmp/t.tsv .venv/bin/python benchmarks/timed_server.py --server.port 8599 …
"""

import os
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks import script_timer  # noqa: E402
from okdata import routes, signin  # noqa: E402

_lock = threading.Lock()
_out = open(os.environ["OKDATA_TIMINGS"], "a", buffering=1)


def note(kind: str, seconds: float) -> None:
    with _lock:
        _out.write(f"{kind}\t{seconds:.4f}\t{time.time():.3f}\n")


def _timed_sign_in(original):
    def sign_in(*args, **kwargs):
        t0 = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            note("signin", time.perf_counter() - t0)
    return sign_in


def _timed_redeem(original):
    def redeem(*args, **kwargs):
        t0 = time.perf_counter()
        found = None
        try:
            found = original(*args, **kwargs)
            return found
        finally:
            note("cookie" if found else "cookie_refused", time.perf_counter() - t0)
    return redeem


signin.sign_in = _timed_sign_in(signin.sign_in)  # before the pages import it
routes._redeem = _timed_redeem(routes._redeem)  # the one-time code traded for the cookie (or refused)
script_timer.install(lambda page, seconds: note("run", seconds))  # wall time: what a person waits

if __name__ == "__main__":
    from streamlit.web import cli

    os.chdir(ROOT)
    sys.argv = ["streamlit", "run", "serve.py", *sys.argv[1:]]
    sys.exit(cli.main())
