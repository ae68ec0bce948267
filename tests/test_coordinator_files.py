"""Test that the coordinator's own uploads (a catalog workbook, an SCB population export) are read as safely as a
return: bounded before the reader allocates, in the reading process with its limits, refused in Swedish."""

import io

import openpyxl
import pytest

from tests.db_support import run
from tests.return_corpus import _append_rows, _rezip

pytestmark = pytest.mark.cli

# A cell at XFD1048576: python-calamine asks for ~512 GB for the sheet's grid and aborts the process that reads it.
HUGE = b'<row r="1048576"><c r="XFD1048576" t="n"><v>1</v></c></row>'


def _workbook(title: str, rows: list[list]) -> bytes:
    wb = openpyxl.Workbook()
    wb.active.title = title
    for r in rows:
        wb.active.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


@pytest.mark.parametrize("command, title", [(["catalog", "import"], "Plan"), (["population", "import"], "SCB")])
def test_a_workbook_that_would_take_the_server_down_is_refused_in_swedish(command, title, sample_url, tmp_path):
    """Test that a catalog or population workbook with one cell at XFD1048576 is refused with the reading limits'
    Swedish message, exit 1, and no traceback (it aborted the process that read it before)."""
    data = _rezip(_workbook(title, [["region", "ålder", "2025"], ["0180 Stockholm", "totalt", 1000]]),
                  "xl/worksheets/sheet1.xml", _append_rows(HUGE))
    path = tmp_path / "fil.xlsx"
    path.write_bytes(data)
    r = run(*command, str(path), "--dry-run", "--user", "demo-samordnare", url=sample_url)
    assert r.returncode == 1, (r.returncode, r.stdout, r.stderr)
    assert "rad 1\xa0048\xa0576" in r.stdout + r.stderr  # the reading limits' own message
    assert "inrapportering" not in r.stdout + r.stderr  # a catalog or SCB file is not a return
    assert "Traceback" not in r.stdout + r.stderr
