"""One settings object for every mode (pydantic-settings, prefix ``MAESTRO_``, ``.env`` read too).

No broker, database or store URL means the embedded mode: ``maestro run`` on a laptop. Setting
them means the cluster mode. Secrets are ``SecretStr``: they never show in a repr or a log.
"""

import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from maestro.safe_text import MASK, MIN_SCRUB_LENGTH, holds_credentials, mask_url, scrub
from maestro.store import Store, StoreError, store_from_url


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="MAESTRO_", env_file=".env", extra="ignore")

    broker_url: str | None = None
    result_backend: str | None = None
    database_url: SecretStr | None = None
    store_url: SecretStr | None = None
    store_access_key: str | None = None
    store_secret_key: SecretStr | None = None
    flower_url: str = "http://127.0.0.1:5555"
    flower_user: str | None = None
    flower_password: SecretStr | None = None
    #: A file holding Flower's password (a mounted secret), read when ``flower_password`` is unset.
    flower_password_file: str | None = None
    #: Seconds a stage task may run before its worker kills it (Celery's hard time limit); the
    #: soft limit, which lets the task fail with a reason, is 80 % of it.
    task_time_limit: int = Field(default=15 * 60, ge=10, le=24 * 3600)
    #: The first backoff of a task retried after a transient error (store, database, broker): doubled
    #: on each of the five retries, at most 60 s (1 s: 1, 2, 4, 8, 16 s, about half a minute in all).
    retry_backoff_seconds: float = Field(default=1.0, ge=0.05, le=60.0)
    #: Seconds between two passes of the sweeper (``maestro.sweep``, sent by Celery beat).
    sweep_seconds: float = Field(default=15.0, ge=1.0, le=3600.0)
    #: Seconds a due task may be nowhere (in no queue, held by no worker) before the sweeper
    #: sends it again: long enough for a message to move from a queue to a worker.
    lost_after_seconds: float = Field(default=60.0, ge=1.0, le=24 * 3600.0)

    #: Reuse a stage's files when a job asks it for exactly what an earlier job did (maestro.cache).
    stage_cache: bool = True
    #: Where this host's worker processes keep their Prometheus metrics for ``maestro metrics`` to
    #: serve; default: one folder per user and broker under the temporary folder (maestro.metrics).
    metrics_dir: str | None = None

    #: An OpenAI-compatible server (OpenAI, vLLM, Ollama, llama.cpp's server) the parse stage may
    #: ask for a second reading of a GDD; unset (the default) means no model is ever called.
    llm_base_url: str | None = None
    llm_model: str | None = None
    llm_api_key: SecretStr | None = None
    #: Seconds one model call may take before it is given up (the client's own timeout).
    llm_timeout_seconds: float = Field(default=30.0, gt=0, le=600)
    #: Retries of one call the client makes, with backoff, on a connection error, a 429 or a 5xx.
    llm_max_retries: int = Field(default=2, ge=0, le=10)
    #: Tokens (prompt and answer) one job may spend on the model; past it the model is not asked again.
    llm_token_budget: int = Field(default=24_000, ge=0, le=10_000_000)
    #: Seconds all of one job's model calls may take together, so a slow server never holds a stage.
    llm_deadline_seconds: float = Field(default=120.0, gt=0, le=3600)
    #: Characters of GDD per prompt: a long GDD is read in chunks of whole sections of about this size,
    #: so a model with a small context window still sees every part.
    llm_chunk_chars: int = Field(default=3_000, ge=500, le=200_000)
    #: Where ``maestro run`` keeps what is worth keeping between runs (the model's answers); default
    #: ``$XDG_CACHE_HOME/maestro`` or ``~/.cache/maestro``.
    cache_dir: str | None = None
    #: How a prompt binds the answer to a JSON Schema: ``json_object`` (JSON mode with the schema as a
    #: grammar: llama.cpp's server) or ``json_schema`` (OpenAI's structured outputs; vLLM, Ollama).
    llm_structured: Literal["json_object", "json_schema"] = "json_object"

    @property
    def cache_path(self) -> Path:
        """The folder of ``cache_dir``: ``MAESTRO_CACHE_DIR``, else ``$XDG_CACHE_HOME/maestro``, else
        ``~/.cache/maestro``."""
        if self.cache_dir:
            return Path(self.cache_dir)
        return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "maestro"

    @property
    def mode(self) -> Literal["embedded", "cluster"]:
        return "cluster" if self.broker_url and self.database_url and self.store_url else "embedded"

    def make_store(self) -> Store:
        """The store ``MAESTRO_STORE_URL`` names, with the keys set beside it.

        A URL that cannot be used is a :class:`StoreError` whose message never holds the secret
        key: the URL's shape is checked here first (a secret with an unescaped ``?`` or ``#``, a
        forgotten ``@``), and whatever the store's parser says is scrubbed of the secret.
        """
        if self.store_url is None:
            raise StoreError("MAESTRO_STORE_URL is not set")
        url = self.store_url.get_secret_value()
        check_store_url(url)
        secret = self.store_secret_key.get_secret_value() if self.store_secret_key else None
        try:
            return store_from_url(url, self.store_access_key, secret)
        except (StoreError, ValueError) as error:
            message = scrub(str(error), url)
            if secret and len(secret) >= MIN_SCRUB_LENGTH:
                message = message.replace(secret, MASK)
            raise StoreError(message) from None


def check_store_url(url: str) -> None:
    """Refuse a store URL whose secret a URL parser would misread, naming the fix, not the secret.

    ``s3://KEY:se?cret@host/bucket`` reads as a query ``cret@host/bucket``; ``s3://KEY:SECRET/host``
    (no ``@``) reads as a host named ``KEY`` on a port named ``SECRET``. Both would go on to fail
    with an error quoting the pieces of the secret.
    """
    scheme, separator, rest = url.partition("://")
    if not separator:
        return
    userinfo, at, _ = rest.rpartition("@")
    if at:
        unescaped = sorted({char for char in userinfo.partition(":")[2] if char in "?#"})
        if unescaped:
            shown = " and ".join(f"'{char}' (write %{ord(char):02X})" for char in unescaped)
            raise StoreError(f"the secret key in MAESTRO_STORE_URL {mask_url(url)} holds an unescaped {shown}: "
                             "percent-encode it, or set MAESTRO_STORE_SECRET_KEY instead")
    elif holds_credentials(re.split(r"[/?#]", rest, maxsplit=1)[0]):
        raise StoreError(f"MAESTRO_STORE_URL {mask_url(url)} has a key and secret but no '@' before the host: "
                         f"use {scheme}://KEY:SECRET@host:port/bucket")


@lru_cache(maxsize=1)
def settings() -> Settings:
    return Settings()
