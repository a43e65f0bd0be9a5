"""The S3 store against a real S3-compatible HTTP server (moto), driven by the real minio client."""

import hashlib
import socket
import threading
import time
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from minio import Minio

from maestro.s3store import S3Store
from maestro.store import (
    InvalidKeyError,
    LocalStore,
    ObjectMissingError,
    StoreError,
    StoreUnavailableError,
    redact,
    store_from_url,
)
from tests.integration.conftest import free_port

pytestmark = pytest.mark.integration

ACCESS = "maestro-access"
SECRET = "s3cr3t/With+Chars"  # contains '/' and '+', as AWS secrets often do


def new_bucket() -> str:
    return f"maestro-{uuid.uuid4().hex[:12]}"


@pytest.fixture
def store(s3_endpoint: str) -> S3Store:
    return S3Store(s3_endpoint, ACCESS, SECRET, new_bucket(), secure=False)


def admin(endpoint: str) -> Minio:
    """A plain client, to look at the server without going through the code under test."""
    return Minio(endpoint, access_key=ACCESS, secret_key=SECRET, secure=False)


def test_the_bucket_is_created_when_missing_on_first_use(s3_endpoint: str) -> None:
    bucket = new_bucket()
    store = S3Store(s3_endpoint, ACCESS, SECRET, bucket, secure=False)
    assert not admin(s3_endpoint).bucket_exists(bucket), "the constructor must not touch the network"
    assert not store.exists("a.txt")
    assert admin(s3_endpoint).bucket_exists(bucket)


def test_an_existing_bucket_is_reused(s3_endpoint: str) -> None:
    bucket = new_bucket()
    admin(s3_endpoint).make_bucket(bucket)
    S3Store(s3_endpoint, ACCESS, SECRET, bucket, secure=False).put("k", b"v", "text/plain")
    assert store_from_url(f"s3://{ACCESS}:x@{s3_endpoint}/{bucket}").get("k") == b"v"


def test_put_then_get_returns_the_same_bytes_and_the_stored_file_describes_them(store: S3Store) -> None:
    data = bytes(range(256)) * 40
    stored = store.put("jobs/1/canvas/sheet.png", data, "image/png")
    assert store.get("jobs/1/canvas/sheet.png") == data
    assert stored.key == "jobs/1/canvas/sheet.png"
    assert stored.sha256 == hashlib.sha256(data).hexdigest()
    assert stored.bytes == len(data)
    assert stored.content_type == "image/png"
    stat = admin(store.endpoint).stat_object(store.bucket, "jobs/1/canvas/sheet.png")
    assert stat.content_type == "image/png"


def test_an_empty_object_round_trips(store: S3Store) -> None:
    assert store.put("empty.bin", b"", "application/octet-stream").bytes == 0
    assert store.get("empty.bin") == b""


def test_exists_is_false_before_put_and_true_after(store: S3Store) -> None:
    assert not store.exists("a/b.json")
    store.put("a/b.json", b"{}", "application/json")
    assert store.exists("a/b.json")
    assert not store.exists("a/b")


def test_a_missing_key_is_a_permanent_error_naming_it(store: S3Store) -> None:
    with pytest.raises(ObjectMissingError, match=r"nope\.json"):
        store.get("nope.json")


def test_a_bucket_deleted_under_the_store_is_a_missing_object_not_a_retry(store: S3Store) -> None:
    store.put("a.txt", b"1", "text/plain")
    client = admin(store.endpoint)
    client.remove_object(store.bucket, "a.txt")
    client.remove_bucket(store.bucket)
    with pytest.raises(ObjectMissingError):
        store.get("a.txt")


@pytest.mark.parametrize("key", ["", "/etc/passwd", "../x", "a/../../x", "a//b", "./a"])
def test_keys_that_could_escape_are_refused(store: S3Store, key: str) -> None:
    for call in (
        lambda: store.put(key, b"x", "text/plain"),
        lambda: store.get(key),
        lambda: store.exists(key),
        lambda: store.url(key),
    ):
        with pytest.raises(InvalidKeyError, match="invalid store key"):
            call()


def test_the_presigned_url_downloads_the_object_over_http(store: S3Store) -> None:
    store.put("jobs/2/build/index.html", b"<!doctype html>", "text/html")
    link = store.url("jobs/2/build/index.html", expires_seconds=120)
    assert link.startswith(f"http://{store.endpoint}/{store.bucket}/jobs/2/build/index.html?")
    assert SECRET not in link
    with urllib.request.urlopen(link, timeout=10) as response:
        assert response.read() == b"<!doctype html>"
        assert response.headers["Content-Type"] == "text/html"


def test_overwriting_a_key_replaces_it_whole(store: S3Store) -> None:
    store.put("a/b.bin", b"a much longer first version", "application/octet-stream")
    stored = store.put("a/b.bin", b"22", "text/plain")
    assert store.get("a/b.bin") == b"22"
    assert stored.bytes == 2
    assert admin(store.endpoint).stat_object(store.bucket, "a/b.bin").content_type == "text/plain"


def test_store_from_url_parses_s3_urls_with_credentials(s3_endpoint: str) -> None:
    bucket = new_bucket()
    encoded_secret = SECRET.replace("/", "%2F")
    store = store_from_url(f"s3://{ACCESS}:{encoded_secret}@{s3_endpoint}/{bucket}", "ignored", "ignored-too")
    assert isinstance(store, S3Store)
    assert (store.endpoint, store.bucket, store.secure, store.access_key) == (s3_endpoint, bucket, False, ACCESS)
    assert store._secret_key == SECRET
    store.put("x", b"1", "text/plain")
    assert admin(s3_endpoint).get_object(bucket, "x").read() == b"1"
    unescaped = store_from_url(f"s3://{ACCESS}:{SECRET}@{s3_endpoint}/{bucket}")
    assert isinstance(unescaped, S3Store)
    assert (unescaped.endpoint, unescaped._secret_key) == (s3_endpoint, SECRET)


def test_store_from_url_takes_credentials_from_arguments_when_the_url_has_none(s3_endpoint: str) -> None:
    store = store_from_url(f"s3://{s3_endpoint}/{new_bucket()}?region=us-east-1", ACCESS, SECRET)
    assert isinstance(store, S3Store)
    assert (store.access_key, store._secret_key, store.region, store.secure) == (ACCESS, SECRET, "us-east-1", False)
    store.put("y", b"2", "text/plain")
    assert store.get("y") == b"2"


@pytest.mark.parametrize(
    ("url", "secure"),
    [
        ("s3://localhost:9000/bkt", False),
        ("s3://127.0.0.1:9000/bkt", False),
        ("s3://minio.internal:9000/bkt", True),
        ("s3://s3.amazonaws.com/bkt", True),
        ("s3://minio.internal:9000/bkt?secure=false", False),
        ("s3://localhost:9000/bkt/?secure=true", True),
    ],
)
def test_store_from_url_defaults_secure_to_false_only_for_localhost(url: str, secure: bool) -> None:
    store = store_from_url(url, "a", "s")
    assert isinstance(store, S3Store)
    assert store.secure is secure
    assert store.bucket == "bkt"


def test_store_from_url_maps_file_urls_and_plain_paths_to_a_local_store(tmp_path: Path) -> None:
    for url in (tmp_path.as_uri(), str(tmp_path), f"file://localhost{tmp_path}"):
        store = store_from_url(url)
        assert isinstance(store, LocalStore)
        assert store.root == tmp_path
    local = store_from_url(str(tmp_path))
    local.put("a/b.txt", b"hi", "text/plain")
    assert local.url("a/b.txt") == (tmp_path / "a" / "b.txt").as_uri()
    with urllib.request.urlopen(local.url("a/b.txt")) as response:
        assert response.read() == b"hi"


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("gs://bucket/x", "unsupported store URL scheme 'gs'"),
        ("http://host:9000/b", "unsupported store URL scheme 'http'"),
        ("s3://host:9000", "exactly one bucket"),
        ("s3://host:9000/bkt/extra", "exactly one bucket"),
        ("s3://host:9000/Bad_Bucket", "invalid S3 store settings.*bucket"),
        ("s3:///bkt", "no host"),
        ("s3://host/bkt?secure=maybe", "secure must be true or false"),
        ("s3://host/bkt?colour=blue", "unknown options"),
        ("file://remote/x", "must be local"),
        ("", "empty store URL"),
    ],
)
def test_store_from_url_refuses_what_it_cannot_serve(url: str, message: str) -> None:
    with pytest.raises(StoreError, match=message):
        store_from_url(url)


def test_an_unreachable_endpoint_fails_fast_naming_the_endpoint_but_not_the_secret() -> None:
    endpoint = f"127.0.0.1:{free_port()}"  # nothing listens there: connection refused
    store = S3Store(endpoint, ACCESS, SECRET, "some-bucket", secure=False)
    for call in (lambda: store.put("k", b"v", "text/plain"), lambda: store.get("k"), lambda: store.exists("k")):
        started = time.monotonic()
        with pytest.raises(StoreUnavailableError) as caught:
            call()
        assert time.monotonic() - started < 5
        message = str(caught.value)
        assert endpoint in message
        assert "some-bucket" in message
        assert SECRET not in message
        assert SECRET not in repr(caught.value.__cause__) and caught.value.__suppress_context__


@pytest.fixture
def silent_endpoint() -> Iterator[str]:
    """A server that accepts connections and never answers: the case timeouts exist for."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        server.settimeout(0.1)
        while not stop.is_set():
            try:
                accepted.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"127.0.0.1:{server.getsockname()[1]}"
    stop.set()
    thread.join()
    for conn in accepted:
        conn.close()
    server.close()


def test_a_server_that_never_answers_fails_within_the_read_timeout(silent_endpoint: str) -> None:
    store = S3Store(silent_endpoint, ACCESS, SECRET, "bkt", secure=False, read_timeout=0.5)
    started = time.monotonic()
    with pytest.raises(StoreUnavailableError, match=silent_endpoint):
        store.exists("k")
    assert time.monotonic() - started < 5


def test_repr_and_redact_never_show_the_secret(s3_endpoint: str) -> None:
    store = store_from_url(f"s3://{ACCESS}:{SECRET}@{s3_endpoint}/bkt")
    assert SECRET not in repr(store)
    assert s3_endpoint in repr(store) and "'bkt'" in repr(store)
    assert redact(f"s3://{ACCESS}:{SECRET}@{s3_endpoint}/b?secure=false") == (
        f"s3://{ACCESS}:***@{s3_endpoint}/b?secure=false"
    )
    assert redact("s3://AK:p%40ss@host:9000/b") == "s3://AK:***@host:9000/b"
    assert redact("s3://AK:we?ird#se@cret@host/b") == "s3://AK:***@host/b"
    assert redact("s3://host:9000/b") == "s3://host:9000/b"
    assert redact("s3://AK@host:9000/b") == "s3://AK@host:9000/b"
    assert redact("/plain/path") == "/plain/path"
    with pytest.raises(StoreError) as caught:
        store_from_url(f"gs://{ACCESS}:{SECRET}@host/b")
    assert SECRET not in str(caught.value)


def test_the_keys_under_a_folder_are_listed_and_a_deleted_one_is_gone(store: S3Store) -> None:
    for key in ("jobs/a/codex/game.js", "jobs/a/gdd.txt", "jobs/ab/gdd.txt"):
        store.put(key, b"x", "text/plain")
    assert store.keys("jobs/a") == ["jobs/a/codex/game.js", "jobs/a/gdd.txt"]
    store.delete("jobs/a/gdd.txt")
    store.delete("jobs/a/gdd.txt")  # already gone: S3 says nothing either
    assert store.keys("jobs/a") == ["jobs/a/codex/game.js"] and not store.exists("jobs/a/gdd.txt")
