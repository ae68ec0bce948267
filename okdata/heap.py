"""Process-wide tuning of Python's garbage collector.

A large upload allocates hundreds of thousands of short-lived objects; each full collection then walks the
whole heap (SQLAlchemy, pandas, Streamlit: several hundred thousand long-lived objects). Freezing what exists
after start-up keeps those out of every later collection (`gc.freeze`, the technique CPython documents for
servers). Measured effect on a 20 000-row return: about 20 % less time (benchmarks/README.md).

The youngest generation is also collected less often: by default every 700 new container objects, which for
a return's 160 000 cells means some 240 collections, those of the older generations walking all that the
upload has kept so far; at 50 000 it is a handful (measured on the 20 000-row return: 35–110 ms of collection
down to 10–30 ms). The cost is that garbage in reference cycles lives a little longer, a few megabytes at most.
"""

import gc

_settled = False
THRESHOLDS = (50_000, 20, 20)  # youngest generation; older ones, each after this many collections of the one before


def settle() -> None:
    """Freeze the start-up heap once per process and collect the youngest generation less often."""
    global _settled
    if not _settled:
        gc.collect()
        gc.freeze()
        gc.set_threshold(*THRESHOLDS)
        _settled = True
