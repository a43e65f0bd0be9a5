"""One settings object for every mode (pydantic-settings, prefix ``MAESTRO_``, ``.env`` read too).

No broker, database or store URL means the embedded mode: ``maestro run`` on a laptop. Setting
them means the cluster mode. Secrets are ``SecretStr``: they never show in a repr or a log.
"""

from functools import lru_cache
from typing import Literal

from pydantic import SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

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

    @property
    def mode(self) -> Literal["embedded", "cluster"]:
        return "cluster" if self.broker_url and self.database_url and self.store_url else "embedded"

    def make_store(self) -> Store:
        """The store ``MAESTRO_STORE_URL`` names, with the keys set beside it."""
        if self.store_url is None:
            raise StoreError("MAESTRO_STORE_URL is not set")
        secret = self.store_secret_key.get_secret_value() if self.store_secret_key else None
        return store_from_url(self.store_url.get_secret_value(), self.store_access_key, secret)


@lru_cache(maxsize=1)
def settings() -> Settings:
    return Settings()
