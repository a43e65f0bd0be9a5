"""Alembic's entry point: runs the migrations against Maestro's models' metadata.

`maestro.db.migrate.upgrade` hands in an open connection (``config.attributes["connection"]``)
so the upgrade runs inside its transaction and lock; without one (a developer running Alembic's
commands with `maestro.db.migrate.make_config`), an engine is made from ``sqlalchemy.url``.
SQLite cannot alter tables in place, so there Alembic's batch mode (copy and swap) is used.
"""

from alembic import context
from sqlalchemy import Connection

from maestro.db.models import Base
from maestro.db.session import make_engine, parse_url

config = context.config
target_metadata = Base.metadata


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_offline() -> None:
    """Print the SQL (``alembic upgrade --sql``) instead of running it."""
    context.configure(
        url=parse_url(config.get_main_option("sqlalchemy.url") or "sqlite://"),
        target_metadata=target_metadata,
        literal_binds=True,
        dialect_opts={"paramstyle": "named"},
    )
    with context.begin_transaction():
        context.run_migrations()


def run_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    engine = make_engine(config.get_main_option("sqlalchemy.url") or "sqlite://")
    try:
        with engine.connect() as fresh:
            _run(fresh)
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
