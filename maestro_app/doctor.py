"""``maestro doctor``: is each service of the cluster reachable, and if not, exactly why.

Every check names the service and its address with credentials hidden, and fails in seconds.
"""

from __future__ import annotations

import base64
import urllib.error
import urllib.request

from maestro.settings import Settings

Check = tuple[str, bool, str]


def checks(config: Settings | None = None) -> list[Check]:
    config = config or Settings()
    if config.mode == "embedded":
        return [("mode", True, "embedded: no broker, database or store set; 'maestro run' needs none")]
    return [_broker(config), _database(config), _store(config), _flower(config)]


def _broker(config: Settings) -> Check:
    from kombu import Connection

    url = config.broker_url or ""
    try:
        with Connection(url, connect_timeout=3) as connection:
            connection.ensure_connection(max_retries=1, timeout=3)
        return "broker", True, _hide(url)
    except Exception as error:
        return "broker", False, f"{_hide(url)}: {type(error).__name__}: {error}"


def _database(config: Settings) -> Check:
    from maestro.db.migrate import current_revision, head_revision
    from maestro.db.session import describe, make_engine, ping

    assert config.database_url is not None
    url = config.database_url.get_secret_value()
    try:
        ping(make_engine(url))
        revision = current_revision(url)
    except Exception as error:
        return "database", False, f"{describe(url)}: {error}"
    if revision != head_revision():
        return "database", False, f"{describe(url)}: at revision {revision}, run 'maestro db upgrade'"
    return "database", True, describe(url)


def _store(config: Settings) -> Check:
    from maestro.store import redact

    assert config.store_url is not None
    url = config.store_url.get_secret_value()
    try:
        config.make_store().exists("doctor/probe")
        return "store", True, redact(url)
    except Exception as error:
        return "store", False, f"{redact(url)}: {error}"


def _flower(config: Settings) -> Check:
    request = urllib.request.Request(config.flower_url.rstrip("/") + "/api/workers?refresh=false")
    if config.flower_user and config.flower_password:
        token = f"{config.flower_user}:{config.flower_password.get_secret_value()}".encode()
        request.add_header("Authorization", "Basic " + base64.b64encode(token).decode())
    try:
        with urllib.request.urlopen(request, timeout=3) as response:
            return "flower", True, f"{config.flower_url} (HTTP {response.status})"
    except urllib.error.HTTPError as error:
        return "flower", False, f"{config.flower_url}: HTTP {error.code} (check MAESTRO_FLOWER_USER/PASSWORD)"
    except Exception as error:
        return "flower", False, f"{config.flower_url}: {error}"


def _hide(url: str) -> str:
    from maestro.store import redact

    return redact(url)
