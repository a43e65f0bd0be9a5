"""What a worker process talks to: the store and the database, made once per process from settings.

Embedded runs and tests call :func:`configure` with their own store and database URL instead.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from kombu.exceptions import OperationalError as BrokerError

from maestro.db import repository
from maestro.db.session import DatabaseUnavailableError, make_engine, session_factory, session_scope
from maestro.settings import settings
from maestro.store import Store, StoreUnavailableError

#: Errors worth a retry with backoff: the store, the database or the broker did not answer (or
#: answered "later"). Everything else is permanent and fails the stage at once: a missing object,
#: a refused key, an integrity error or a bad argument is the same on the next try, and retrying
#: it would only hide the reason for minutes.
TRANSIENT: tuple[type[BaseException], ...] = (
    StoreUnavailableError, DatabaseUnavailableError, BrokerError, ConnectionError, TimeoutError,
)


@dataclass
class Context:
    store: Store
    factory: Any
    repo: ModuleType = repository

    @contextmanager
    def session(self) -> Iterator[Any]:
        with session_scope(self.factory) as session:
            yield session


_current: Context | None = None


def configure(store: Store, database_url: str) -> Context:
    """Use this store and database in this process (embedded runs, tests)."""
    global _current
    _current = Context(store, session_factory(make_engine(database_url)))
    return _current


def context() -> Context:
    """The process's context, made from the settings on first use."""
    global _current
    if _current is None:
        config = settings()
        if config.store_url is None or config.database_url is None:
            raise RuntimeError("MAESTRO_STORE_URL and MAESTRO_DATABASE_URL must be set for a worker")
        _current = Context(config.make_store(), session_factory(make_engine(config.database_url.get_secret_value())))
    return _current
