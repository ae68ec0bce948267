"""The example returns the benchmarks upload (sample_data/exempel_*_2025.xlsx). A fresh checkout has none until
`bash run.sh app` writes them; here they are written the same way, from a new example database, when missing."""

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
YEAR = 2025


def example_return(name: str) -> Path:
    """The path of sample_data/<name>, written first (with every other example return) if it is not there."""
    path = ROOT / "sample_data" / name
    if not path.exists():
        from okdata import db
        from okdata.install import init_database
        from okdata.sample_returns import write_sample_returns

        with tempfile.TemporaryDirectory() as tmp:
            url = f"sqlite:///{tmp}/exempel.db"
            init_database(url, sample=True)
            with db.read_session(url) as s:
                write_sample_returns(s, path.parent, YEAR)
            db.get_engine(url).dispose()
    return path
