"""Where artifacts live: one small interface, so stages never care whether it is a folder or S3.

Stages call :meth:`Store.put` with bytes and get back a :class:`StoredFile` (key, sha256, size,
content type) for their manifest. Writes are atomic: a reader sees the whole object or nothing,
so a worker killed mid-write leaves no half-written artifact (S3 gives that for free: an object
appears only once its upload completes).

Two backends: :class:`LocalStore` (a folder; embedded mode and tests) and :class:`S3Store` (any
S3-compatible server: MinIO, AWS, moto), picked from a URL by :func:`store_from_url` so that
configuration is one string. Such URLs may carry a secret key: log them through :func:`redact`.
"""

import hashlib
import io
import os
import re
import tempfile
import threading
from datetime import timedelta
from pathlib import Path, PurePosixPath
from typing import NoReturn, Protocol
from urllib.parse import unquote, urlsplit

import certifi
import urllib3
from minio import Minio
from minio.error import MinioException, S3Error
from minio.helpers import check_bucket_name

from maestro.errors import MaestroError
from maestro.manifest import StoredFile


class StoreError(MaestroError):
    """The store refused or could not answer (missing key, bad key, unreachable server)."""


class Store(Protocol):
    def put(self, key: str, data: bytes, content_type: str) -> StoredFile: ...

    def get(self, key: str) -> bytes: ...

    def exists(self, key: str) -> bool: ...

    def url(self, key: str, expires_seconds: int = 3600) -> str:
        """A link a browser or another process can fetch the object from (without our credentials)."""
        ...


def check_key(key: str) -> str:
    """Refuse keys that could escape the store's root or collide with its temporary files."""
    path = PurePosixPath(key)
    if not key or path.is_absolute() or any(part in ("", ".", "..") for part in key.split("/")):
        raise StoreError(f"invalid store key {key!r}: use relative a/b/c keys without '.' or '..'")
    return key


def describe(key: str, data: bytes, content_type: str) -> StoredFile:
    return StoredFile(key=key, sha256=hashlib.sha256(data).hexdigest(), bytes=len(data), content_type=content_type)


class LocalStore:
    """A folder on disk; the embedded mode's store and the one tests use."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)

    def _path(self, key: str) -> Path:
        return self.root.joinpath(*check_key(key).split("/"))

    def put(self, key: str, data: bytes, content_type: str) -> StoredFile:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".partial-")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        return describe(key, data, content_type)

    def get(self, key: str) -> bytes:
        path = self._path(key)
        try:
            return path.read_bytes()
        except FileNotFoundError:
            raise StoreError(f"store has no object {key!r} (looked in {path})") from None

    def exists(self, key: str) -> bool:
        return self._path(key).is_file()

    def url(self, key: str, expires_seconds: int = 3600) -> str:
        """A ``file://`` URI of the object; ``expires_seconds`` is ignored (files do not expire).

        Kept signature-compatible with :meth:`S3Store.url` so callers need not know the backend.
        """
        del expires_seconds
        return self._path(key).resolve().as_uri()

    def __repr__(self) -> str:
        return f"LocalStore({str(self.root)!r})"


# Connection setup must fail fast: a worker pointed at a dead endpoint should report it in seconds,
# not hang for minio's defaults (5-minute timeouts, 5 retries with backoff).
S3_CONNECT_TIMEOUT = 3.0
S3_READ_TIMEOUT = 30.0
S3_RETRIES = 1


class S3Store:
    """An S3-compatible bucket (MinIO in deployment, moto in tests) behind the :class:`Store` interface.

    Workers on different machines share artifacts through it, which a folder cannot do. The bucket is
    created on first use (not in the constructor) so that building a store never touches the network:
    configuration errors surface where the store is used, as a :class:`StoreError` naming the endpoint
    and bucket. The secret key never appears in ``repr`` or in error messages.
    """

    def __init__(
        self,
        endpoint: str,
        access_key: str | None,
        secret_key: str | None,
        bucket: str,
        secure: bool,
        region: str | None = None,
        *,
        connect_timeout: float = S3_CONNECT_TIMEOUT,
        read_timeout: float = S3_READ_TIMEOUT,
        retries: int = S3_RETRIES,
    ) -> None:
        self.endpoint = endpoint
        self.bucket = bucket
        self.secure = secure
        self.region = region
        self.access_key = access_key
        self._secret_key = secret_key
        self._bucket_ready = False
        self._bucket_lock = threading.Lock()
        # minio builds a PoolManager with 5-minute timeouts when given none; ours keeps its TLS
        # settings (certifi CAs, or SSL_CERT_FILE like minio) but fails fast and retries little.
        http = urllib3.PoolManager(
            timeout=urllib3.Timeout(connect=connect_timeout, read=read_timeout),
            maxsize=10,
            cert_reqs="CERT_REQUIRED",
            ca_certs=os.environ.get("SSL_CERT_FILE") or certifi.where(),
            retries=urllib3.Retry(
                total=retries, backoff_factor=0.2, status_forcelist=[500, 502, 503, 504], raise_on_status=False
            ),
        )
        try:
            check_bucket_name(bucket, strict=True)  # a bad name should fail here, not on the first put in a worker
            self._client = Minio(
                endpoint, access_key=access_key, secret_key=secret_key, secure=secure, region=region, http_client=http
            )
        except ValueError as exc:
            raise StoreError(f"invalid S3 store settings for {self._where()}: {self._scrub(str(exc))}") from None

    def __repr__(self) -> str:
        return (
            f"S3Store(endpoint={self.endpoint!r}, bucket={self.bucket!r}, secure={self.secure}, "
            f"region={self.region!r}, access_key={self.access_key!r})"
        )

    def _where(self) -> str:
        scheme = "https" if self.secure else "http"
        return f"{scheme}://{self.endpoint} bucket {self.bucket!r}"

    def _scrub(self, text: str) -> str:
        """Belt and braces: no library message may carry the secret into logs."""
        return text.replace(self._secret_key, "***") if self._secret_key else text

    def _fail(self, action: str, exc: BaseException) -> NoReturn:
        if isinstance(exc, S3Error):
            detail = f"{exc.code}: {exc.message}"
        elif isinstance(exc, urllib3.exceptions.MaxRetryError) and exc.reason is not None:
            detail = f"unreachable ({type(exc.reason).__name__}: {exc.reason})"
        else:
            detail = f"{type(exc).__name__}: {exc}"
        raise StoreError(f"S3 store {self._where()}: {action} failed: {self._scrub(detail)}") from None

    def _ensure_bucket(self) -> None:
        """Create the bucket once per store, so a fresh MinIO works without a setup step."""
        if self._bucket_ready:
            return
        with self._bucket_lock:
            if self._bucket_ready:
                return
            try:
                if not self._client.bucket_exists(self.bucket):
                    try:
                        self._client.make_bucket(self.bucket, location=self.region)
                    except S3Error as exc:
                        # Another worker may have created it between our check and our request.
                        if exc.code not in ("BucketAlreadyOwnedByYou", "BucketAlreadyExists"):
                            raise
            except (MinioException, urllib3.exceptions.HTTPError, OSError, ValueError) as exc:
                self._fail("checking/creating the bucket", exc)
            self._bucket_ready = True

    def put(self, key: str, data: bytes, content_type: str) -> StoredFile:
        check_key(key)
        self._ensure_bucket()
        try:
            self._client.put_object(self.bucket, key, io.BytesIO(data), len(data), content_type=content_type)
        except (MinioException, urllib3.exceptions.HTTPError, OSError, ValueError) as exc:
            self._fail(f"put {key!r}", exc)
        return describe(key, data, content_type)

    def get(self, key: str) -> bytes:
        check_key(key)
        self._ensure_bucket()
        response = None
        try:
            response = self._client.get_object(self.bucket, key)
            return response.read()
        except S3Error as exc:
            if exc.code == "NoSuchKey":
                raise StoreError(f"store has no object {key!r} (in {self._where()})") from None
            self._fail(f"get {key!r}", exc)
        except (MinioException, urllib3.exceptions.HTTPError, OSError, ValueError) as exc:
            self._fail(f"get {key!r}", exc)
        finally:
            if response is not None:
                response.close()
                response.release_conn()

    def exists(self, key: str) -> bool:
        check_key(key)
        self._ensure_bucket()
        try:
            self._client.stat_object(self.bucket, key)
        except S3Error as exc:
            if exc.code in ("NoSuchKey", "NoSuchObject", "ResourceNotFound"):
                return False
            self._fail(f"stat {key!r}", exc)
        except (MinioException, urllib3.exceptions.HTTPError, OSError, ValueError) as exc:
            self._fail(f"stat {key!r}", exc)
        return True

    def url(self, key: str, expires_seconds: int = 3600) -> str:
        """A presigned GET link: lets a browser or the build stage fetch one object without credentials."""
        check_key(key)
        self._ensure_bucket()
        try:
            return self._client.presigned_get_object(self.bucket, key, expires=timedelta(seconds=expires_seconds))
        except (MinioException, urllib3.exceptions.HTTPError, OSError, ValueError) as exc:
            self._fail(f"presign {key!r}", exc)


_LOCAL_HOSTS = ("localhost", "127.0.0.1", "[::1]")
_TRUE = ("1", "true", "yes", "on")
_FALSE = ("0", "false", "no", "off")


def _split_s3_url(url: str) -> tuple[str | None, str | None, str, str, str]:
    """(user, secret, host[:port], path, query) of ``s3://...``, parsed by hand.

    ``urlsplit`` stops the authority at the first ``/``, and AWS-style secrets often contain one; the
    userinfo is taken up to the *last* ``@`` before the query instead (hosts and buckets have none).
    """
    rest = url[len("s3://") :]
    rest, _, query = rest.partition("?")
    rest = rest.partition("#")[0]
    userinfo, at, hostpath = rest.rpartition("@")
    user: str | None = None
    secret: str | None = None
    if at:
        raw_user, colon, raw_secret = userinfo.partition(":")
        user = unquote(raw_user) or None
        secret = unquote(raw_secret) if colon else None
    host, slash, path = hostpath.partition("/")
    return user, secret, host, path if slash else "", query


def store_from_url(url: str, access_key: str | None = None, secret_key: str | None = None) -> Store:
    """The store a configuration string names, so deployment picks a backend without code changes.

    * ``file:///abs/path`` or a plain path: a :class:`LocalStore` there.
    * ``s3://[ACCESS:SECRET@]host[:port]/bucket[?secure=true|false&region=...]``: an :class:`S3Store`.
      Credentials in the URL win over the arguments (percent-encode ``@ : ? #`` in them); ``secure``
      defaults to false for localhost/127.0.0.1 (a dev MinIO) and true elsewhere.
    """
    scheme_match = re.match(r"^([A-Za-z][A-Za-z0-9+.-]*):", url)
    scheme = scheme_match.group(1).lower() if scheme_match else ""
    if not url.strip():
        raise StoreError("empty store URL: use a path, file:///abs/path or s3://host:port/bucket")
    if scheme == "" or (len(scheme) == 1 and os.name == "nt"):
        return LocalStore(url)
    if scheme == "file":
        parts = urlsplit(url)
        if parts.netloc not in ("", "localhost"):
            raise StoreError(f"file store URL must be local (file:///abs/path), not host {parts.netloc!r}")
        if not parts.path:
            raise StoreError("file store URL has no path: use file:///abs/path")
        return LocalStore(unquote(parts.path))
    if scheme != "s3":
        raise StoreError(f"unsupported store URL scheme {scheme!r} in {redact(url)}: use a path, file:// or s3://")
    user, secret, host, path, query = _split_s3_url(url)
    bucket = path.strip("/")
    if not host:
        raise StoreError(f"S3 store URL {redact(url)} has no host: use s3://host:port/bucket")
    if not bucket or "/" in bucket:
        raise StoreError(f"S3 store URL {redact(url)} must name exactly one bucket: s3://host:port/bucket")
    options: dict[str, str] = {}
    for pair in filter(None, query.split("&")):
        name, _, value = pair.partition("=")
        options[unquote(name)] = unquote(value)
    unknown = set(options) - {"secure", "region"}
    if unknown:
        raise StoreError(f"S3 store URL {redact(url)} has unknown options {sorted(unknown)}: use secure, region")
    hostname = host.rsplit(":", 1)[0] if not host.startswith("[") else host.partition("]")[0] + "]"
    secure = hostname.lower() not in _LOCAL_HOSTS
    if "secure" in options:
        flag = options["secure"].lower()
        if flag not in _TRUE + _FALSE:
            raise StoreError(f"S3 store URL {redact(url)}: secure must be true or false, not {options['secure']!r}")
        secure = flag in _TRUE
    return S3Store(
        host,
        user if user is not None else access_key,
        secret if secret is not None else secret_key,
        bucket,
        secure=secure,
        region=options.get("region") or None,
    )


def redact(url: str) -> str:
    """``url`` with any password in its userinfo replaced by ``***``: safe for logs and doctor output.

    Errs on the side of hiding: the userinfo runs to the *last* ``@`` in the URL, so a secret holding
    an unescaped ``/``, ``?`` or ``#`` is still hidden rather than half-printed.
    """
    match = re.match(r"^([A-Za-z][A-Za-z0-9+.-]*://)(.*)$", url, flags=re.DOTALL)
    if not match:
        return url
    prefix, rest = match.groups()
    userinfo, at, after = rest.rpartition("@")
    if not at:
        return url
    user, colon, _secret = userinfo.partition(":")
    return f"{prefix}{user}{':***' if colon else ''}@{after}"
