"""Where artifacts live: one small interface, so stages never care whether it is a folder or S3.

Stages call :meth:`Store.put` with bytes and get back a :class:`StoredFile` (key, sha256, size,
content type) for their manifest. Writes are atomic: a reader sees the whole object or nothing,
so a worker killed mid-write leaves no half-written artifact (S3 gives that for free: an object
appears only once its upload completes).

Two backends: :class:`LocalStore` (a folder; embedded mode and tests) and
:class:`~maestro.s3store.S3Store` (any
S3-compatible server: MinIO, AWS, moto), picked from a URL by :func:`store_from_url` so that
configuration is one string. Such URLs may carry a secret key: log them through :func:`redact`.
"""

import hashlib
import os
import re
import tempfile
from pathlib import Path, PurePosixPath
from typing import Protocol
from urllib.parse import unquote, urlsplit

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


#: Mode of every file a :class:`LocalStore` writes: readable by all, as the build folder's files are.
FILE_MODE = 0o644


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
                os.fchmod(out.fileno(), FILE_MODE)  # mkstemp makes 0600; stored files are for reading
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
    from maestro.s3store import S3Store  # minio is imported only by those who use S3

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
