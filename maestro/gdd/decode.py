"""Bytes -> GDD text, or an error that tells the designer exactly what is wrong with the file.

A GDD arrives as bytes from a file, a CLI upload or another service. Before any parsing we make
sure it is text we can read: not empty, not over the size limit, not a binary file (a designer
will sooner or later hand us a .docx or a PDF), and UTF-8. A byte-order mark is honoured
(UTF-8, or UTF-16 as Windows Notepad writes it) because such a file is unambiguous text; any
other encoding is refused with the offending byte's position and a guess at what the file is.
"""

from __future__ import annotations

import codecs
import re

from maestro.errors import BinaryGDDError, EmptyGDDError, GDDEncodingError, GDDTooLargeError

MAX_GDD_BYTES = 1024 * 1024

# Magic numbers of the binary files designers most often mistake for their GDD.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (a .docx, .odt or .zip file)"),
    (b"\xd0\xcf\x11\xe0", "a legacy Office document (.doc)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"{\\rtf", "an RTF document"),
    (b"\x7fELF", "an executable"),
    (b"\x1f\x8b", "a gzip archive"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def decode_gdd(data: bytes) -> str:
    """Return the GDD's text with normalised newlines, or raise a `GDDError` saying why not."""
    if len(data) > MAX_GDD_BYTES:
        raise too_large(len(data))
    text = _decode(data)
    if _CONTROL.search(text[:4096]) and _control_share(text) > 0.01:
        raise BinaryGDDError("GDD is not text: it contains binary control bytes")
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = text.replace("\u200b", "").replace("\ufeff", "")
    if not text.strip():
        raise EmptyGDDError("GDD is empty: the file holds no text")
    return text


def too_large(size: int) -> GDDTooLargeError:
    """The one refusal for a GDD over the limit, whether a file or a task's text was too big."""
    return GDDTooLargeError(f"GDD is too large: {size:,} bytes; the limit is {MAX_GDD_BYTES:,} bytes (1 MiB)")


def accept_text(text: str) -> str:
    """The GDD text a task or a caller was handed as a string, checked and normalised as a file is.

    Every way in ends here (``maestro run``, ``maestro submit``, ``maestro.submit`` from another
    service), so they accept and refuse exactly the same documents with the same messages. Text
    that cannot be UTF-8 (lone surrogates) is refused like a file that is not UTF-8.
    """
    size = gdd_size(text)
    if size > MAX_GDD_BYTES:  # before encoding: a text of 10**9 characters is never copied
        raise too_large(size)
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as error:
        raise GDDEncodingError(
            f"GDD is not valid Unicode text: {error.reason} at character {error.start}"
        ) from None
    return decode_gdd(data)


def gdd_size(gdd: str | bytes) -> int:
    """How many bytes ``gdd`` takes as UTF-8, counted in bounded pieces, never copied whole.

    Lone surrogates count as UTF-8 would write them; :func:`accept_text` refuses them afterwards.
    """
    if isinstance(gdd, bytes) or gdd.isascii():
        return len(gdd)
    return sum(len(gdd[start:start + _SIZE_CHUNK].encode("utf-8", "surrogatepass"))
               for start in range(0, len(gdd), _SIZE_CHUNK))


_SIZE_CHUNK = 1 << 16


def _decode(data: bytes) -> str:
    for bom, codec in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                       (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(codec)
            except UnicodeDecodeError as error:
                raise GDDEncodingError(
                    f"GDD is not valid {codec.upper()} despite its byte-order mark: {error.reason} "
                    f"at byte {error.start + len(bom)}"
                ) from None
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise BinaryGDDError(
                f"GDD is {what}, not text; save it as Markdown (.md) or plain text (.txt)"
            )
    if b"\x00" in data[:8192]:
        raise BinaryGDDError("GDD is not text: it contains NUL bytes (a binary file?)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise GDDEncodingError(_encoding_message(data, error)) from None


def _encoding_message(data: bytes, error: UnicodeDecodeError) -> str:
    line = data.count(b"\n", 0, error.start) + 1
    byte = data[error.start]
    guess = _guess_legacy_encoding(data)
    hint = f"; it looks like {guess}" if guess else ""
    return (
        f"GDD is not UTF-8: byte 0x{byte:02x} at offset {error.start} (line {line}) "
        f"is {error.reason}{hint}. Re-save the file as UTF-8"
    )


def _guess_legacy_encoding(data: bytes) -> str | None:
    try:
        text = data.decode("cp949")
    except UnicodeDecodeError:
        text = ""
    if text and any("\uac00" <= char <= "\ud7a3" for char in text):
        return "Korean text in EUC-KR/CP949"
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    return "Latin-1/Windows-1252 text"


def _control_share(text: str) -> float:
    return len(_CONTROL.findall(text)) / max(1, len(text))
