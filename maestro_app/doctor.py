"""``maestro doctor``: is each service of the cluster reachable, and if not, exactly why.

Every check names the service and its address with credentials hidden (:func:`mask_url`, and
:func:`scrub` over what a driver says, since drivers quote the URL, or a "port" that was really a
password), fails in seconds, and turns any error, even a URL no driver can read, into its line
instead of a traceback.
"""

from __future__ import annotations

import base64
import urllib.error
import urllib.request

from maestro.safe_text import mask_url, scrub
from maestro.settings import Settings
from maestro.store import StoreError

Check = tuple[str, bool, str]
#: Seconds each service gets to answer.
TIMEOUT_SECONDS = 3


def checks(config: Settings | None = None) -> list[Check]:
    config = config or Settings()
    if config.mode == "embedded":
        return [("mode", True, "embedded: no broker, database or store set; 'maestro run' needs none")]
    return [_broker(config), _database(config), _store(config), _flower(config)]


def _failed(name: str, url: str, error: BaseException) -> Check:
    """The failed check's line: the masked address, then the error's first line, secrets scrubbed."""
    text = str(error).strip()
    reason = text.splitlines()[0] if text else type(error).__name__
    return name, False, f"{mask_url(url)}: {scrub(reason, url)}"


def _broker(config: Settings) -> Check:
    from kombu import Connection

    url = config.broker_url or ""
    try:
        with Connection(url, connect_timeout=TIMEOUT_SECONDS) as connection:
            connection.ensure_connection(max_retries=1, timeout=TIMEOUT_SECONDS)
    except Exception as error:  # any failure is this check's answer, never a traceback
        return _failed("broker", url, error)
    return "broker", True, mask_url(url)


def _database(config: Settings) -> Check:
    from maestro.db.migrate import current_revision, head_revision
    from maestro.db.session import make_engine, ping

    assert config.database_url is not None
    url = config.database_url.get_secret_value()
    try:
        ping(make_engine(url))
        revision = current_revision(url)
    except Exception as error:  # a port that is not a number is a ValueError deep in SQLAlchemy
        return _failed("database", url, error)
    if revision != head_revision():
        return "database", False, f"{_describe(url)}: at revision {revision}, run 'maestro db upgrade'"
    return "database", True, _describe(url)


def _describe(url: str) -> str:
    """The database's short, password-free name, or its masked URL when even that cannot be read."""
    from maestro.db.session import describe

    try:
        return scrub(describe(url), url)
    except ValueError:
        return mask_url(url)


def _store(config: Settings) -> Check:
    assert config.store_url is not None
    url = config.store_url.get_secret_value()
    try:
        store = config.make_store()
    except StoreError as error:  # make_store scrubbed it already; a second pass could garble its advice
        return "store", False, f"{mask_url(url)}: {error}"
    except Exception as error:  # anything else the S3 client raises while setting up
        return _failed("store", url, error)
    try:
        store.exists("doctor/probe")
    except Exception as error:  # the store's own errors, the S3 client's
        return _failed("store", url, error)
    return "store", True, mask_url(url)


def _flower(config: Settings) -> Check:
    url = config.flower_url
    try:
        request = urllib.request.Request(url.rstrip("/") + "/api/workers?refresh=false")
        if config.flower_user and config.flower_password:
            token = f"{config.flower_user}:{config.flower_password.get_secret_value()}".encode()
            request.add_header("Authorization", "Basic " + base64.b64encode(token).decode())
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
            return "flower", True, f"{mask_url(url)} (HTTP {response.status})"
    except urllib.error.HTTPError as error:
        return "flower", False, f"{mask_url(url)}: HTTP {error.code} (check MAESTRO_FLOWER_USER/PASSWORD)"
    except Exception as error:  # a refused connection, a URL urllib cannot read
        return _failed("flower", url, error)
