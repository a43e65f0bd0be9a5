"""The local-folder store: what stages rely on when they put and get artifacts, and how it fails."""

import os
from pathlib import Path

import pytest
import urllib3
from minio.error import InvalidResponseError, S3Error, ServerError

from maestro.db.session import DatabaseError, DatabaseUnavailableError
from maestro.s3store import error_class
from maestro.store import (
    InvalidKeyError,
    LocalStore,
    ObjectMissingError,
    StoreError,
    StoreRefusedError,
    StoreUnavailableError,
)
from workers.context import TRANSIENT


def test_put_returns_the_hash_and_size_and_get_returns_the_bytes(tmp_path: Path) -> None:
    store = LocalStore(tmp_path)
    stored = store.put("jobs/1/labyrinth/level-01.json", b"{}\n", "application/json")
    assert stored.bytes == 3
    assert stored.sha256 == "ca3d163bab055381827226140568f3bef7eaac187cebd76878e0b63e9e442356"
    assert store.get("jobs/1/labyrinth/level-01.json") == b"{}\n"
    assert store.exists("jobs/1/labyrinth/level-01.json")


def test_overwriting_leaves_no_temporary_files(tmp_path: Path) -> None:
    store = LocalStore(tmp_path)
    store.put("a/b.bin", b"1", "application/octet-stream")
    store.put("a/b.bin", b"22", "application/octet-stream")
    assert [p.name for p in (tmp_path / "a").iterdir()] == ["b.bin"]
    assert store.get("a/b.bin") == b"22"


@pytest.mark.parametrize("key", ["", "/etc/passwd", "../x", "a/../../x", "a//b", "./a"])
def test_keys_that_could_escape_the_root_are_refused(tmp_path: Path, key: str) -> None:
    with pytest.raises(InvalidKeyError, match="invalid store key"):
        LocalStore(tmp_path).put(key, b"x", "text/plain")


def test_a_missing_key_is_a_permanent_error_naming_it(tmp_path: Path) -> None:
    with pytest.raises(ObjectMissingError, match=r"nope\.json"):
        LocalStore(tmp_path).get("nope.json")
    assert not LocalStore(tmp_path).exists("nope.json")
    LocalStore(tmp_path).put("a/b.json", b"{}", "application/json")
    with pytest.raises(ObjectMissingError):
        LocalStore(tmp_path).get("a")  # a folder, not an object
    with pytest.raises(ObjectMissingError):
        LocalStore(tmp_path).get("a/b.json/c")


def test_a_key_clashing_with_another_keys_file_is_an_invalid_key(tmp_path: Path) -> None:
    store = LocalStore(tmp_path)
    store.put("a/b", b"1", "text/plain")
    with pytest.raises(InvalidKeyError, match=r"'a/b/c'"):
        store.put("a/b/c", b"2", "text/plain")


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes through file permissions")
def test_a_folder_that_cannot_be_written_is_refused_not_retried(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        with pytest.raises(StoreRefusedError, match="cannot write 'x/y'"):
            LocalStore(locked).put("x/y", b"1", "text/plain")
    finally:
        locked.chmod(0o700)


def test_every_store_error_is_a_store_error() -> None:
    for kind in (StoreUnavailableError, ObjectMissingError, InvalidKeyError, StoreRefusedError):
        assert issubclass(kind, StoreError)


def _s3_error(code: str, status: int) -> S3Error:
    response = urllib3.HTTPResponse(body=b"", status=status)
    return S3Error(response, code, "message", "/bucket/key", "request", "host")


@pytest.mark.parametrize(("error", "kind"), [
    (_s3_error("NoSuchKey", 404), ObjectMissingError),
    (_s3_error("NoSuchBucket", 404), ObjectMissingError),
    (_s3_error("KeyTooLongError", 400), InvalidKeyError),
    (_s3_error("AccessDenied", 403), StoreRefusedError),
    (_s3_error("SignatureDoesNotMatch", 403), StoreRefusedError),
    (_s3_error("InternalError", 500), StoreUnavailableError),
    (_s3_error("SlowDown", 503), StoreUnavailableError),
    (_s3_error("SomethingNew", 502), StoreUnavailableError),
    (_s3_error("SomethingNew", 400), StoreRefusedError),
    (ServerError("server failed with HTTP status code 503", 503), StoreUnavailableError),
    (InvalidResponseError(502, "text/html", "<h1>Bad gateway</h1>"), StoreUnavailableError),
    (InvalidResponseError(403, "text/html", "<h1>Forbidden</h1>"), StoreRefusedError),
    (urllib3.exceptions.MaxRetryError(None, "/", urllib3.exceptions.NewConnectionError(None, "refused")),
     StoreUnavailableError),
    (urllib3.exceptions.ReadTimeoutError(None, "/", "read timed out"), StoreUnavailableError),
    (ConnectionRefusedError(111, "Connection refused"), StoreUnavailableError),
    (ValueError("bad argument"), StoreRefusedError),
])
def test_s3_errors_are_classed_transient_only_when_the_server_may_answer_later(error: Exception,
                                                                              kind: type[StoreError]) -> None:
    assert error_class(error) is kind


def test_only_transient_errors_are_retried() -> None:
    assert issubclass(StoreUnavailableError, TRANSIENT) and issubclass(DatabaseUnavailableError, TRANSIENT)
    for permanent in (StoreError, ObjectMissingError, InvalidKeyError, StoreRefusedError, DatabaseError):
        assert not issubclass(permanent, TRANSIENT), permanent


def test_a_local_store_never_follows_a_symbolic_link(tmp_path: Path) -> None:
    outside = tmp_path / "secret.txt"
    outside.write_text("not the store's")
    store = LocalStore(tmp_path / "store")
    store.put("jobs/a/build/index.html", b"<p>", "text/html")
    (store.root / "jobs/a/build/passwd").symlink_to(outside)
    (store.root / "jobs/b").symlink_to(tmp_path)
    with pytest.raises(InvalidKeyError, match="symbolic link"):
        store.get("jobs/a/build/passwd")
    with pytest.raises(InvalidKeyError, match="symbolic link"):
        store.get("jobs/b/secret.txt")
    assert not store.exists("jobs/a/build/passwd")
    assert store.get("jobs/a/build/index.html") == b"<p>"


def test_a_local_store_reads_plain_files_only(tmp_path: Path) -> None:
    store = LocalStore(tmp_path)
    store.put("jobs/a/x", b"1", "text/plain")
    os.mkfifo(tmp_path / "jobs/a/fifo")
    with pytest.raises(InvalidKeyError, match="other than a file"):
        store.get("jobs/a/fifo")  # a FIFO would block the reader forever


def test_a_local_store_lists_a_jobs_files_and_deletes_them_without_touching_links(tmp_path: Path) -> None:
    store = LocalStore(tmp_path / "store")
    for key in ("jobs/a/codex/game.js", "jobs/a/gdd.txt", "jobs/ab/gdd.txt"):
        store.put(key, b"x", "text/plain")
    outside = tmp_path / "secret.txt"
    outside.write_text("keep me", encoding="utf-8")
    (tmp_path / "store" / "jobs" / "a" / "link.txt").symlink_to(outside)
    assert store.keys("jobs/a") == ["jobs/a/codex/game.js", "jobs/a/gdd.txt"]
    assert store.keys("jobs/none") == []
    store.delete("jobs/a/codex/game.js")
    store.delete("jobs/a/codex/game.js")  # already gone: not an error
    store.delete("jobs/a/link.txt")
    assert store.keys("jobs/a") == ["jobs/a/gdd.txt"] and outside.read_text(encoding="utf-8") == "keep me"
