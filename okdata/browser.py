"""Debian's Chromium for rendering charts and PDFs (no browser is downloaded)."""

import os
import shutil

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def chromium_path() -> str:
    """OKDATA_CHROMIUM, else chromium on the PATH, else /usr/bin/chromium."""
    return os.environ.get("OKDATA_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
