"""Where artifacts live: one small interface, so stages never care whether it is a folder or S3.

Stages call :meth:`Store.put` with bytes and get back a :class:`StoredFile` (key, sha256, size,
content type) for their manifest. Writes are atomic: a reader sees the whole object or nothing,
so a worker killed mid-write leaves no half-written artifact (S3 gives that for free: an object
appears only once its upload completes).

Two backends: :class:`LocalStore` (a folder; embedded mode and tests) and
:class:`~maestro.s3store.S3Store` (any
S3-compatible server: MinIO, AWS, moto), picked from a URL by :func:`store_from_url` so that
configuration is one string. Such URLs may carry a secret key: log them through :func:`redact`.

Both raise one family of errors, classed by whether trying again can help: `StoreUnavailableError`
(transient: unreachable, timed out, a 5xx) and `ObjectMissingError`, `InvalidKeyError`,
`StoreRefusedError` (permanent), all `StoreError`.
"""

import errno
import hashlib
import os
import re
import stat
import tempfile
from pathlib import Path, PurePosixPath
from typing import Protocol
from urllib.parse import unquote, urlsplit

from maestro.errors import MaestroError
from maestro.manifest import StoredFile
from maestro.safe_text import mask_url


class StoreError(MaestroError):
    """The store refused or could not answer; the subclasses say whether trying again can help.

    A caller that retries (a Celery task) retries `StoreUnavailableError` only: a missing object or a
    refused key stays missing or refused however often it is asked for, so retrying it only delays
    the failure and hides its reason. A plain `StoreError` (a store URL that cannot be used) is
    permanent too.
    """


class StoreUnavailableError(StoreError):
    """Transient: the store did not answer in time, could not be reached, or failed on its side (5xx)."""


class ObjectMissingError(StoreError):
    """Permanent: no object under the key (or its bucket is gone)."""


class InvalidKeyError(StoreError):
    """Permanent: a key Maestro or the server will never accept (empty, absolute, ``..``, too long)."""


class StoreRefusedError(StoreError):
    """Permanent: the store answered and said no (access denied, bad credentials, a request it rejects)."""


class Store(Protocol):
    def put(self, key: str, data: bytes, content_type: str) -> StoredFile: ...

    def get(self, key: str) -> bytes: ...

    def exists(self, key: str) -> bool: ...

    def url(self, key: str, expires_seconds: int = 3600) -> str:
        """A link a browser or another process can fetch the object from (without our credentials)."""
        ...

    def keys(self, prefix: str, limit: int = 10_000) -> list[str]:
        """The keys under ``prefix`` (a folder: ``jobs/<id>``), sorted, at most ``limit`` of them."""
        ...

    def delete(self, key: str) -> None:
        """Remove the object; a key that holds nothing is not an error."""
        ...


def check_key(key: str) -> str:
    """Refuse keys that could escape the store's root or collide with its temporary files."""
    path = PurePosixPath(key)
    if not key or path.is_absolute() or any(part in ("", ".", "..") for part in key.split("/")):
        raise InvalidKeyError(f"invalid store key {key!r}: use relative a/b/c keys without '.' or '..'")
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
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".partial-")
        except OSError as error:
            raise _local_error(f"cannot write {key!r} under {self.root}", error) from None
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(data)
                os.fchmod(out.fileno(), FILE_MODE)  # mkstemp makes 0600; stored files are for reading
            os.replace(temporary, path)
        except BaseException as error:
            Path(temporary).unlink(missing_ok=True)
            if isinstance(error, OSError):
                raise _local_error(f"cannot write {key!r} under {self.root}", error) from None
            raise
        return describe(key, data, content_type)

    def get(self, key: str) -> bytes:
        """The object's bytes, never following a symbolic link below the root.

        Each part of the key is opened relative to the folder before it with ``O_NOFOLLOW``, so a
        link planted in the store (``build/index.html -> /etc/passwd``) is refused, not read, even
        if it appears between a check and the read; only a regular file is read (a FIFO would
        block a worker forever).
        """
        parts = check_key(key).split("/")
        try:
            folder = os.open(self.root, os.O_RDONLY | os.O_DIRECTORY)
        except OSError as error:
            raise _local_error(f"cannot read {key!r} under {self.root}", error) from None
        try:
            for part in parts[:-1]:
                inner = self._open_part(key, part, _NO_FOLLOW | os.O_DIRECTORY, folder)
                os.close(folder)
                folder = inner
            handle = self._open_part(key, parts[-1], _NO_FOLLOW, folder)
        finally:
            os.close(folder)
        mode = os.fstat(handle).st_mode
        if not stat.S_ISREG(mode):
            os.close(handle)
            if stat.S_ISDIR(mode):
                raise ObjectMissingError(f"store has no object {key!r}: it is a folder (looked in {self.root})")
            raise InvalidKeyError(f"refused {key!r}: the store holds something other than a file there")
        with os.fdopen(handle, "rb") as file:
            return file.read()

    def _open_part(self, key: str, part: str, flags: int, folder: int) -> int:
        try:
            return os.open(part, flags, dir_fd=folder)
        except OSError as error:
            if error.errno in (errno.ELOOP, errno.EMLINK, errno.ENOTDIR) and _is_link(part, folder):
                raise InvalidKeyError(f"refused {key!r}: {part!r} in the store is a symbolic link") from None
            if error.errno in (errno.ENOENT, errno.ENOTDIR):
                raise ObjectMissingError(f"store has no object {key!r} (looked in {self.root})") from None
            raise _local_error(f"cannot read {key!r} under {self.root}", error) from None

    def exists(self, key: str) -> bool:
        path = self._path(key)
        return path.is_file() and not path.is_symlink()

    def keys(self, prefix: str, limit: int = 10_000) -> list[str]:
        """The regular files under the folder ``prefix``, as keys; links and temporary files are left out."""
        folder = self._path(prefix)
        if not folder.is_dir() or folder.is_symlink():
            return []
        found: list[str] = []
        for parent, folders, files in os.walk(folder):  # os.walk does not follow links to folders
            folders.sort()
            for name in sorted(files):
                path = Path(parent, name)
                if not name.startswith(".partial-") and path.is_file() and not path.is_symlink():
                    found.append(path.relative_to(self.root).as_posix())
                    if len(found) >= limit:
                        return sorted(found)
        return sorted(found)

    def delete(self, key: str) -> None:
        path = self._path(key)
        try:
            if path.is_file() or path.is_symlink():
                path.unlink()
        except OSError as error:
            raise _local_error(f"cannot delete {key!r} under {self.root}", error) from None

    def url(self, key: str, expires_seconds: int = 3600) -> str:
        """A ``file://`` URI of the object; ``expires_seconds`` is ignored (files do not expire).

        Kept signature-compatible with :meth:`S3Store.url` so callers need not know the backend.
        """
        del expires_seconds
        return self._path(key).resolve().as_uri()

    def __repr__(self) -> str:
        return f"LocalStore({str(self.root)!r})"


#: How :meth:`LocalStore.get` opens each part of a key: never through a link, never blocking.
_NO_FOLLOW = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)


def _is_link(name: str, folder: int) -> bool:
    try:
        return stat.S_ISLNK(os.stat(name, dir_fd=folder, follow_symlinks=False).st_mode)
    except OSError:
        return False


def _local_error(action: str, error: OSError) -> StoreError:
    """A folder's error, classed: a full disk or a permission will not fix itself between retries.

    Only a timeout or an interrupted call (a network file system) is worth another try.
    """
    reason = f"{action}: {error.strerror or type(error).__name__}"
    if isinstance(error, TimeoutError | InterruptedError | BlockingIOError):
        return StoreUnavailableError(reason)
    if isinstance(error, NotADirectoryError | IsADirectoryError | FileExistsError):
        return InvalidKeyError(f"{reason} (the key clashes with another key's folder)")
    return StoreRefusedError(reason)


_LOCAL_HOSTS = ("localhost", "127.0.0.1", "[::1]")
_TRUE = ("1", "true", "yes", "on")
_FALSE = ("0", "false", "no", "off")


def _split_s3_url(url: str) -> tuple[str | None, str | None, str, str, str]:
    """(user, secret, host[:port], path, query) of ``s3://...``, parsed by hand.

    ``urlsplit`` stops the authority at the first ``/``, and AWS-style secrets often contain one; the
    userinfo is taken up to the *last* ``@`` of the URL instead (hosts, buckets and options have
    none), so a secret holding an unescaped ``?`` or ``#`` is still read whole.
    """
    userinfo, at, rest = url[len("s3://") :].rpartition("@")
    rest, _, query = rest.partition("?")
    hostpath = rest.partition("#")[0]
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
            raise StoreError(f"file store URL must be local (file:///abs/path), not {redact(url)}")
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
    """``url`` with every secret in it replaced by ``***``: safe for logs and doctor output.

    One masking rule for every URL Maestro prints: :func:`maestro.safe_text.mask_url`.
    """
    return mask_url(url)
