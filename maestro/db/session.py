"""Engines and sessions for the job database, and the one error a caller needs to catch.

`make_engine` hides the differences between the two databases Maestro runs on: PostgreSQL (the
cluster mode, through psycopg 3) and SQLite (the embedded mode, one file, no server). It never
connects by itself; the first query does, and a database that cannot be reached then raises
`DatabaseError` naming the host and database (never the password) within a few seconds, instead
of a driver traceback or a hang.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, exc, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.orm import Session, sessionmaker

from maestro.errors import MaestroError

#: Seconds psycopg waits for PostgreSQL to answer before giving up.
CONNECT_TIMEOUT_SECONDS = 3
#: Milliseconds a SQLite writer waits for another writer's lock before giving up.
SQLITE_BUSY_TIMEOUT_MS = 10_000


class DatabaseError(MaestroError):
    """The job database cannot be used: unreachable, refused us, or the URL is wrong.

    Permanent as such (a wrong URL, a missing driver, a schema this Maestro does not know); the
    subclass `DatabaseUnavailableError` is the transient kind worth a retry. Errors about the data
    itself (an integrity or data error) are not translated at all: they are facts, or bugs.
    """


class DatabaseUnavailableError(DatabaseError):
    """Transient: the connection failed, dropped or timed out, or the server asked to try again.

    These are the driver's operational and interface errors: cannot connect, connection lost,
    a deadlock or serialization failure, SQLite's "database is locked".
    """


def describe(url: str | URL) -> str:
    """A short, password-free name for the database at ``url``, for messages and logs."""
    try:
        parsed = make_url(url) if isinstance(url, str) else url
    except (exc.ArgumentError, ValueError):  # ValueError: a port that is not a number
        return "the database (the URL could not be read)"
    if parsed.get_backend_name() == "sqlite":
        return f"the SQLite database {parsed.database or ':memory:'}"
    host = parsed.host or "localhost"
    where = f"{host}:{parsed.port}" if parsed.port else host
    user = f" as user {parsed.username!r}" if parsed.username else ""
    return f"the {parsed.get_backend_name()} database {parsed.database!r} on {where}{user}"


def parse_url(url: str) -> URL:
    """Parse ``url``, pointing plain ``postgresql://`` and ``postgres://`` URLs at psycopg 3.

    SQLAlchemy's default PostgreSQL driver is psycopg2, which Maestro does not install; people
    write the plain scheme (as libpq and most hosting dashboards print it) and expect it to work.
    """
    try:
        parsed = make_url(url)
    except (exc.ArgumentError, ValueError) as error:  # ValueError: a port that is not a number
        raise DatabaseError(
            "the database URL could not be read; expected e.g. postgresql://user:password@host/maestro "
            "or sqlite:///path/to/maestro.db"
        ) from error
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def make_engine(url: str) -> Engine:
    """An engine for ``url`` (PostgreSQL or SQLite), tuned for Maestro's short transactions.

    PostgreSQL: connections are checked before use (``pool_pre_ping``) because workers live for
    days and the server may restart under them; connecting gives up after
    `CONNECT_TIMEOUT_SECONDS`. SQLite: foreign keys are enforced, the connection may move between
    threads (Celery's thread pool, the CLI's watcher), writes wait for each other instead of
    failing, and every transaction takes the write lock when it begins (``BEGIN IMMEDIATE``):
    SQLite cannot upgrade a reader to a writer when another writer is active, so two workers
    reading then writing would otherwise fail with "database is locked". The parent folder of a
    SQLite file is created, so the embedded mode needs no setup.
    """
    parsed = parse_url(url)
    backend = parsed.get_backend_name()
    connect_args: dict[str, Any] = {}
    if backend == "postgresql":
        if "connect_timeout" not in parsed.query:
            connect_args["connect_timeout"] = CONNECT_TIMEOUT_SECONDS
        if "application_name" not in parsed.query:
            connect_args["application_name"] = "maestro"
    elif backend == "sqlite":
        connect_args["check_same_thread"] = False
        connect_args["timeout"] = SQLITE_BUSY_TIMEOUT_MS / 1000
        if parsed.database and parsed.database != ":memory:" and not parsed.database.startswith("file:"):
            path = Path(parsed.database).expanduser()
            parsed = parsed.set(database=str(path))
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise DatabaseError(f"cannot create the folder for {describe(parsed)}: {error.strerror}") from error
    try:
        engine = create_engine(parsed, pool_pre_ping=True, connect_args=connect_args)
    except (exc.ArgumentError, exc.NoSuchModuleError) as error:
        raise DatabaseError(f"cannot use {describe(parsed)}: {error}") from error
    except ImportError as error:
        raise DatabaseError(f"cannot use {describe(parsed)}: its driver is not installed ({error})") from error
    if backend == "sqlite":
        _tune_sqlite(engine)
    return engine


def _tune_sqlite(engine: Engine) -> None:
    """Take transaction control away from pysqlite (see `make_engine`) and enforce foreign keys.

    This is SQLAlchemy's documented recipe for working SAVEPOINTs and real transactions on
    pysqlite, with ``BEGIN IMMEDIATE`` instead of ``BEGIN``.
    """

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions bound to ``engine``; objects stay readable after commit (no reload per attribute)."""
    return sessionmaker(bind=engine, expire_on_commit=False)


def _password_free(message: str, url: URL | None) -> str:
    password = url.password if url is not None else None
    if password:
        message = message.replace(str(password), "***")
    return message


def _as_database_error(error: exc.DBAPIError, url: URL | None) -> DatabaseUnavailableError:
    """A `DatabaseUnavailableError` for a driver's operational error, naming the database and the reason."""
    lines = str(error.orig if error.orig is not None else error).strip().splitlines()
    reason = (lines[0] if lines else type(error).__name__).rstrip(".")
    target = describe(url) if url is not None else "the database"
    if url is not None and url.get_backend_name() == "sqlite":
        hint = " Check the file's path and permissions."
    elif error.statement is None or error.connection_invalidated:
        hint = " Is the server running, and is the database URL right?"
    else:
        hint = ""
    return DatabaseUnavailableError(_password_free(f"cannot use {target}: {reason}.{hint}", url))


@contextmanager
def database_errors(url: URL | None) -> Iterator[None]:
    """Turn "cannot connect" and "connection lost" driver errors into `DatabaseUnavailableError`.

    Only operational and interface errors are translated: an IntegrityError is a fact about the
    data, which the repository handles (or which is a bug to see in full).
    """
    try:
        yield
    except (exc.OperationalError, exc.InterfaceError) as error:
        raise _as_database_error(error, url) from error


@contextmanager
def session_scope(factory: sessionmaker[Session]) -> Iterator[Session]:
    """One unit of work: commit when the block ends, roll back if it raises.

    Connection failures come out as `DatabaseError`; everything else propagates unchanged.
    """
    bind = factory.kw.get("bind")
    url = bind.url if isinstance(bind, Engine) else None
    with database_errors(url):
        session = factory()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()
    for announce in session.info.pop(AFTER_COMMIT, ()):
        announce()


#: ``session.info`` key of what to call once the unit of work committed (never if it rolled back):
#: what it records has then really happened (a job ended), so metrics count it exactly once.
AFTER_COMMIT = "maestro_after_commit"


def after_commit(session: Session, announce: Callable[[], None]) -> None:
    """Call ``announce`` once ``session``'s unit of work (`session_scope`) has committed."""
    session.info.setdefault(AFTER_COMMIT, []).append(announce)


def ping(engine: Engine) -> None:
    """Connect and run ``SELECT 1``; raise `DatabaseError` if the database cannot be used."""
    with database_errors(engine.url), engine.connect() as connection:
        connection.execute(text("SELECT 1"))
