"""Bring a job database's schema up to date: ``maestro db upgrade`` and the embedded mode call this.

Alembic is configured here in code rather than with an ``alembic.ini``, so the migrations ship
inside the package and run from wherever Maestro is installed. On PostgreSQL the upgrade holds
an advisory lock, so several workers starting at once upgrade one after another (the later ones
find nothing to do) instead of racing to create the same tables.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util import CommandError
from sqlalchemy import text

from maestro.db.session import DatabaseError, database_errors, describe, make_engine

#: The folder holding Alembic's env.py and versions/.
MIGRATIONS = Path(__file__).with_name("migrations")
#: Arbitrary constant naming Maestro's migration lock among PostgreSQL advisory locks.
_ADVISORY_LOCK_KEY = 0x6D61657374726F  # "maestro"


def make_config(url: str) -> Config:
    """An Alembic config for ``url``, for `upgrade` and for developers writing a new revision.

    E.g. ``alembic.command.revision(make_config(url), message="...", autogenerate=True)``.
    """
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    # configparser reads "%" as interpolation; a URL-encoded password holds "%" signs.
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(url: str, revision: str = "head") -> None:
    """Create or migrate the tables at ``url`` to ``revision``; a no-op when already there.

    Raises `DatabaseError` when the database cannot be reached or its schema is not one this
    version of Maestro knows (e.g. a newer Maestro migrated it).
    """
    engine = make_engine(url)
    try:
        with database_errors(engine.url), engine.begin() as connection:
            if connection.dialect.name == "postgresql":
                connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _ADVISORY_LOCK_KEY})
            config = make_config(url)
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
    except CommandError as error:
        raise DatabaseError(f"cannot migrate {describe(engine.url)}: {error}") from error
    finally:
        engine.dispose()


def head_revision() -> str:
    """The newest schema revision this version of Maestro ships."""
    head = ScriptDirectory.from_config(make_config("sqlite://")).get_current_head()
    assert head is not None, "the migrations folder holds no revision"
    return head


def current_revision(url: str) -> str | None:
    """The schema revision the database at ``url`` is at, or None if it was never migrated."""
    engine = make_engine(url)
    try:
        with database_errors(engine.url), engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    finally:
        engine.dispose()
