"""The S3 backend of the artifact store: any S3-compatible server (MinIO, AWS, moto) through ``minio``.

Kept apart from :mod:`maestro.store` so that a process with no S3 URL (``maestro run`` on a laptop)
never imports the minio SDK. :func:`maestro.store.store_from_url` makes one from an ``s3://`` URL.
"""

from __future__ import annotations

import io
import os
import threading
from datetime import timedelta
from typing import NoReturn

import certifi
import urllib3
from minio import Minio
from minio.error import InvalidResponseError, MinioException, S3Error, ServerError
from minio.helpers import check_bucket_name

from maestro.manifest import StoredFile
from maestro.store import (
    InvalidKeyError,
    ObjectMissingError,
    StoreError,
    StoreRefusedError,
    StoreUnavailableError,
    check_key,
    describe,
)

# Connection setup must fail fast: a worker pointed at a dead endpoint should report it in seconds,
# not hang for minio's defaults (5-minute timeouts, 5 retries with backoff).
S3_CONNECT_TIMEOUT = 3.0
S3_READ_TIMEOUT = 30.0
S3_RETRIES = 1

#: S3 error codes for an object (or bucket) that is not there: asking again will not make it appear.
MISSING_CODES = frozenset({"NoSuchKey", "NoSuchObject", "NoSuchBucket", "NoSuchVersion", "ResourceNotFound"})
#: S3 error codes for a key the server will never accept.
INVALID_KEY_CODES = frozenset({"KeyTooLongError", "InvalidObjectName", "XMinioInvalidObjectName"})
#: S3 error codes for a server that is busy, starting or briefly failing: worth another try.
TRANSIENT_CODES = frozenset({"InternalError", "ServiceUnavailable", "SlowDown", "RequestTimeout",
                             "OperationAborted", "XMinioServerNotInitialized", "XMinioReadQuorum",
                             "XMinioWriteQuorum"})


def error_class(exc: BaseException) -> type[StoreError]:
    """Which `StoreError` an S3 client error is: only an unreachable or failing server is transient.

    A 5xx or 429 status, a timeout, a refused or dropped connection: `StoreUnavailableError`. A missing
    object or bucket: `ObjectMissingError`; a key the server rejects: `InvalidKeyError`; any other answer
    (access denied, bad credentials, a malformed request): `StoreRefusedError`.
    """
    if isinstance(exc, S3Error):
        if exc.code in MISSING_CODES:
            return ObjectMissingError
        if exc.code in INVALID_KEY_CODES:
            return InvalidKeyError
        status = getattr(exc.response, "status", 0) or 0
        return StoreUnavailableError if exc.code in TRANSIENT_CODES or _transient_status(status) else StoreRefusedError
    if isinstance(exc, ServerError):
        return StoreUnavailableError if _transient_status(exc.status_code) else StoreRefusedError
    if isinstance(exc, InvalidResponseError):  # a non-XML answer: often a proxy's error page
        return StoreUnavailableError if _transient_status(getattr(exc, "_code", 0) or 0) else StoreRefusedError
    if isinstance(exc, urllib3.exceptions.HTTPError | OSError):
        return StoreUnavailableError
    return StoreRefusedError


def _transient_status(status: int) -> bool:
    return status >= 500 or status in (408, 429)


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
        raise error_class(exc)(f"S3 store {self._where()}: {action} failed: {self._scrub(detail)}") from None

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
                raise ObjectMissingError(f"store has no object {key!r} (in {self._where()})") from None
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

    def keys(self, prefix: str, limit: int = 10_000) -> list[str]:
        """The object keys under the folder ``prefix``, sorted, at most ``limit``."""
        folder = check_key(prefix).rstrip("/") + "/"
        self._ensure_bucket()
        found: list[str] = []
        try:
            for item in self._client.list_objects(self.bucket, prefix=folder, recursive=True):
                if item.object_name is not None and not item.is_dir:
                    found.append(item.object_name)
                    if len(found) >= limit:
                        break
        except (MinioException, urllib3.exceptions.HTTPError, OSError, ValueError) as exc:
            self._fail(f"list {folder!r}", exc)
        return sorted(found)

    def delete(self, key: str) -> None:
        check_key(key)
        self._ensure_bucket()
        try:
            self._client.remove_object(self.bucket, key)
        except (MinioException, urllib3.exceptions.HTTPError, OSError, ValueError) as exc:
            self._fail(f"delete {key!r}", exc)

    def url(self, key: str, expires_seconds: int = 3600) -> str:
        """A presigned GET link: lets a browser or the build stage fetch one object without credentials."""
        check_key(key)
        self._ensure_bucket()
        try:
            return self._client.presigned_get_object(self.bucket, key, expires=timedelta(seconds=expires_seconds))
        except (MinioException, urllib3.exceptions.HTTPError, OSError, ValueError) as exc:
            self._fail(f"presign {key!r}", exc)
