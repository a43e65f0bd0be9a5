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
from dataclasses import dataclass, field

from maestro.recovery import Action
from maestro.safe_text import mask_url, scrub
from maestro.settings import Settings
from maestro.store import StoreError

Check = tuple[str, bool, str]
#: Seconds each service gets to answer.
TIMEOUT_SECONDS = 3


def checks(config: Settings | None = None) -> list[Check]:
    config = config or Settings()
    model = [_model(config)] if config.llm_base_url else []
    if config.mode == "embedded":
        return [("mode", True, "embedded: no broker, database or store set; 'maestro run' needs none"), *model]
    return [_broker(config), _database(config), _store(config), _flower(config), *model]


def _model(config: Settings) -> Check:
    """The model server of ``MAESTRO_LLM_BASE_URL``: does it answer, and does it serve the model?

    A failure here never stops a job (the rules build the game alone), but the operator should know
    that the model's second reading is being skipped.
    """
    from maestro.llm import LLMConfig, LLMError, check_endpoint

    url = config.llm_base_url or ""
    try:
        llm = LLMConfig.from_settings(config)
        if llm is None:
            return "model", True, "not configured"
        ok, detail = check_endpoint(llm, TIMEOUT_SECONDS)
        return "model", ok, detail
    except LLMError as error:
        return "model", False, str(error)
    except Exception as error:  # a URL the client cannot read
        return _failed("model", url, error)


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


def _flower_password(config: Settings) -> str | None:
    """Flower's password from the settings, or from the file they name (as `maestro_app.flower` reads it)."""
    from maestro_app.flower import credentials

    if config.flower_password is not None:
        return config.flower_password.get_secret_value()
    if not config.flower_password_file or not config.flower_user:
        return None
    try:
        return credentials({"MAESTRO_FLOWER_USER": config.flower_user,
                            "MAESTRO_FLOWER_PASSWORD_FILE": config.flower_password_file}).partition(":")[2]
    except SystemExit:
        return None


def _flower(config: Settings) -> Check:
    url = config.flower_url
    try:
        request = urllib.request.Request(url.rstrip("/") + "/api/workers?refresh=false")
        password = _flower_password(config)
        if config.flower_user and password:
            token = f"{config.flower_user}:{password}".encode()
            request.add_header("Authorization", "Basic " + base64.b64encode(token).decode())
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
            return "flower", True, f"{mask_url(url)} (HTTP {response.status})"
    except urllib.error.HTTPError as error:
        return "flower", False, f"{mask_url(url)}: HTTP {error.code} (check MAESTRO_FLOWER_USER/PASSWORD)"
    except Exception as error:  # a refused connection, a URL urllib cannot read
        return _failed("flower", url, error)


@dataclass
class JobsReport:
    """``maestro doctor --jobs``: what a sweep would move on now, and files no record names."""

    stuck: list[Action] = field(default_factory=list)
    broker_read: bool = False
    orphans: dict[str, list[str]] = field(default_factory=dict)
    removed: int = 0


def jobs_report(limit: int = 200, remove_orphans: bool = False) -> JobsReport:
    """Stuck jobs (the sweeper's view) and orphaned files of the newest ``limit`` jobs that ended.

    With ``remove_orphans`` the orphans are deleted: a rerun of their stage would write them
    again anyway (same keys, same bytes), and nothing reads a file no record names.
    """
    from workers.context import context
    from workers.sweeper import find_orphans, find_stuck

    report = JobsReport()
    report.stuck, report.broker_read = find_stuck()
    report.orphans = find_orphans(limit)
    ctx = context()
    if remove_orphans:
        for keys in report.orphans.values():
            for key in keys:
                ctx.store.delete(key)
                report.removed += 1
    return report
