"""Creating and upgrading a database: schema (Alembic), catalog, reference data, optional examples."""

import threading
from dataclasses import dataclass

from alembic import command
from alembic.config import Config
from sqlalchemy import inspect, select

from okdata import catalog, db
from okdata.auth import create_demo_users
from okdata.catalog import file_checksum, load_areas, load_catalog
from okdata.models import ImportBatch, PlanPeriod
from okdata.population import load_population
from okdata.sample import load_examples, load_published

_lock = threading.Lock()


@dataclass(frozen=True)
class InitResult:
    """What `init` did."""

    plan: str
    revision: int
    published_values: int
    example_values: int
    is_sample: bool
    catalog_file_changed: bool = False  # the catalog file differs from the stored plan's (not applied)


def alembic_config(url: str) -> Config:
    """Alembic's configuration for a database URL."""
    cfg = Config(str(db.ROOT / "alembic.ini"))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def upgrade_database(url: str | None = None, revision: str = "head") -> None:
    """Bring the schema to the newest migration (or to `revision`)."""
    url = url or db.database_url()
    with db.get_engine(url).begin() as conn:
        cfg = alembic_config(url)
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)


def schema_revision(url: str | None = None) -> str | None:
    """The migration the database is at."""
    from alembic.runtime.migration import MigrationContext

    with db.get_engine(url or db.database_url()).connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def init_database(url: str | None = None, sample: bool = False) -> InitResult:
    """Create or upgrade the database and load the catalog; `sample` adds the example figures."""
    url = url or db.database_url()
    upgrade_database(url)
    with db.session(url) as s:
        load_areas(s)
        plan = load_catalog(s, catalog.CATALOG_PATH)
        changed = plan.catalog_checksum != file_checksum(catalog.CATALOG_PATH)  # read once, not parsed again
        load_population(s)
        published = load_published(s)
        examples = load_examples(s) if sample else 0
        if sample:
            create_demo_users(s)
        is_sample = s.scalars(select(ImportBatch).where(ImportBatch.kind == "sample")).first() is not None
        return InitResult(plan.code, plan.revision, published, examples, is_sample, changed)


def has_catalog(url: str | None = None) -> bool:
    """Whether the database exists with a loaded catalog."""
    url = url or db.database_url()
    if db.is_sqlite(url) and not db.sqlite_path(url).exists():
        return False
    if "plan_period" not in inspect(db.get_engine(url)).get_table_names():
        return False
    with db.read_session(url) as s:
        return s.scalars(select(PlanPeriod)).first() is not None


def ensure_database(url: str | None = None) -> bool:
    """Create the sample database on first start when no SQLite file exists; True when created now.

    A server database (PostgreSQL) is never filled with examples behind the operator's back.
    """
    url = url or db.database_url()
    with _lock:
        missing = db.is_sqlite(url) and not db.sqlite_path(url).exists()
        if not missing:
            return False
        init_database(url, sample=True)
        return True
