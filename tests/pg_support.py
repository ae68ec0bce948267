"""A real PostgreSQL server for the tests, started in a temporary directory on 127.0.0.1.

Uses the server binaries on the machine (/usr/local/bin, /usr/lib/postgresql/*/bin, or the PATH). PostgreSQL
refuses to run as root, so as root the server runs as the `postgres` system user (Debian's package creates it),
or as `nobody` where there is no such user (binaries built from source).
"""

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

import psycopg

from tests.browser_support import free_port

SUPERUSER = "okdata"


def find_bindir() -> Path | None:
    """The directory holding initdb and pg_ctl, or None."""
    found = shutil.which("initdb")
    if found:  # /usr/local/bin/initdb may be a link into /usr/lib/postgresql/N/bin, where pg_dump sits too
        return Path(found).resolve().parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),  # the newest major version: 16 before 9.6
                        key=lambda p: [int(n) for n in Path(p).parts[-3].split(".") if n.isdigit()], reverse=True)
    return Path(candidates[0]).parent if candidates else None


def _server_user() -> pwd.struct_passwd | None:
    """The unprivileged account the server runs as when we are root; None when we are not root."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    raise RuntimeError("running as root with neither a `postgres` nor a `nobody` user to run PostgreSQL as")


def _as_server_user(cmd: list[str]) -> list[str]:
    user = _server_user()
    return cmd if user is None else ["runuser", "-u", user.pw_name, "--", *cmd]


@contextmanager
def postgres_server():
    """Start a throwaway cluster; yields the SQLAlchemy URL of its `postgres` database."""
    bindir = find_bindir()
    if bindir is None:
        raise RuntimeError("PostgreSQL server binaries not found (apt-get install postgresql)")
    tmp = Path(tempfile.mkdtemp(prefix="okdata-pg-"))
    data = tmp / "data"
    user = _server_user()
    if user is not None:
        os.chown(tmp, user.pw_uid, user.pw_gid)
    port = free_port()
    subprocess.run(_as_server_user([str(bindir / "initdb"), "-D", str(data), "-U", SUPERUSER, "--auth=trust",
                                    "-E", "UTF8", "--no-locale"]), check=True, capture_output=True)
    options = (f"-p {port} -k {tmp} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off "
               "-c full_page_writes=off -c max_connections=200")
    subprocess.run(_as_server_user([str(bindir / "pg_ctl"), "-D", str(data), "-o", options, "-l",
                                    str(tmp / "server.log"), "-w", "start"]), check=True, capture_output=True)
    url = f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{port}/postgres"
    try:
        deadline = time.time() + 30
        while True:
            try:
                psycopg.connect(f"host=127.0.0.1 port={port} user={SUPERUSER} dbname=postgres").close()
                break
            except psycopg.OperationalError:
                if time.time() > deadline:
                    raise
                time.sleep(0.2)
        yield url
    finally:
        subprocess.run(_as_server_user([str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
                       capture_output=True)
        shutil.rmtree(tmp, ignore_errors=True)


def admin_execute(url: str, sql: str) -> None:
    """Run one statement outside a transaction (CREATE/DROP DATABASE) on the cluster of `url`."""
    from sqlalchemy.engine import make_url

    u = make_url(url)
    with psycopg.connect(host=u.host, port=u.port, user=u.username, dbname="postgres", autocommit=True) as c:
        c.execute(sql)


def database_url(url: str, name: str) -> str:
    """The URL of another database on the same cluster."""
    from sqlalchemy.engine import make_url

    return make_url(url).set(database=name).render_as_string(hide_password=False)
