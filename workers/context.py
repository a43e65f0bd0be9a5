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

from maestro.cache import StageCache
from maestro.db import repository
from maestro.db.session import DatabaseUnavailableError, make_engine, session_factory, session_scope
from maestro.llm import LLMConfig, LLMError
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
    #: The model the parse stage may ask (``MAESTRO_LLM_*``), or None: no model, the default.
    llm: LLMConfig | None = None
    #: Why the configured model cannot be used (a base URL without a model name): a warning per job.
    llm_problem: str | None = None
    #: Where answers are cached by (model, prompt hash); the job's store when None.
    llm_cache: Store | None = None
    #: The embedded mode's forked stages working ahead (workers.ahead), or None: each task computes its own.
    ahead: Any = None
    #: The stage cache (maestro.cache) in the job's store, or None: every stage computes (the embedded
    #: mode, whose store is new for each run; ``MAESTRO_STAGE_CACHE=false``).
    cache: StageCache | None = None

    @contextmanager
    def session(self) -> Iterator[Any]:
        with session_scope(self.factory) as session:
            yield session


_current: Context | None = None


def configure(store: Store, database_url: str, llm: LLMConfig | None = None,
              llm_cache: Store | None = None) -> Context:
    """Use this store, database and model (None: none) in this process (embedded runs, tests)."""
    global _current
    _current = Context(store, session_factory(make_engine(database_url)), llm=llm, llm_cache=llm_cache)
    return _current


def context() -> Context:
    """The process's context, made from the settings on first use."""
    global _current
    if _current is None:
        config = settings()
        if config.store_url is None or config.database_url is None:
            raise RuntimeError("MAESTRO_STORE_URL and MAESTRO_DATABASE_URL must be set for a worker")
        llm, problem = model_config()
        from workers.observe import MeteredStore

        store: Store = MeteredStore(config.make_store())
        _current = Context(store, session_factory(make_engine(config.database_url.get_secret_value())),
                           llm=llm, llm_problem=problem, cache=StageCache(store) if config.stage_cache else None)
    return _current


def model_config() -> tuple[LLMConfig | None, str | None]:
    """The model the settings name, or why they name none usable (a warning, never a stopped worker)."""
    try:
        return LLMConfig.from_settings(settings()), None
    except LLMError as error:
        return None, str(error)
