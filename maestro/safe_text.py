"""Text from outside shown safely: on a terminal, in a Markdown report, and URLs without their secrets.

Every byte Maestro did not write itself is untrusted: a GDD, a job row, a stored object, an
environment variable. Such text is *data*; it must never become terminal control sequences
(a cleared screen, a hyperlink to ``file:///etc/passwd``, text reversed by a bidi override),
HTML in a report a Markdown viewer renders, or a password printed in an error message. The
functions here turn untrusted text into text that can only be read, and they keep it readable:
a title stays its words, an escape character shows as ``\\x1b``.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

#: What a hidden secret shows as.
MASK = "***"

# Characters a terminal (or a Markdown viewer) acts on instead of showing: C0 and C1 controls
# with DEL, line and paragraph separators, lone surrogates (unprintable), and the invisible
# format characters: bidi embeddings, overrides and isolates, zero-width space, word joiners,
# byte-order mark, interlinear annotations and the tag characters that can smuggle hidden text.
# Zero-width (non-)joiners stay: emoji sequences and several scripts need them.
_OTHER_UNSAFE = (
    r"\x7f-\x9f\u00ad\u0600-\u0605\u061c\u06dd\u070f\u180e\u200b\u200e\u200f"
    r"\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\ud800-\udfff"
    r"\U000110bd\U000110cd\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
)
_UNSAFE_CHAR = re.compile(rf"[\x00-\x1f{_OTHER_UNSAFE}]")
_UNSAFE_BUT_NEWLINE = re.compile(rf"[\x00-\x09\x0b-\x1f{_OTHER_UNSAFE}]")
# JSON escapes every C0 control inside its strings; outside them, C0 is only layout (\n, \t, \r).
_UNSAFE_BEYOND_C0 = re.compile(f"[{_OTHER_UNSAFE}]")


def visible_escape(char: str) -> str:
    """One character as the Python escape that names it: ``\\x1b``, ``\\u202e``, ``\\U000e0041``."""
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def terminal(text: str, *, keep_newlines: bool = False) -> str:
    """``text`` fit for a terminal: every control or invisible format character shown as its escape.

    Nothing in the result can move the cursor, clear the screen, open a hyperlink (OSC 8), set
    the window title, or reverse the text around it. Newlines become ``\\n`` too unless
    ``keep_newlines``, so a one-line message stays one line. Printing through rich still needs the
    result wrapped in a ``rich.text.Text`` (or passed through ``rich.markup.escape``): this
    function leaves square brackets alone, since outside rich they are just brackets.
    """
    pattern = _UNSAFE_BUT_NEWLINE if keep_newlines else _UNSAFE_CHAR
    return pattern.sub(lambda match: visible_escape(match.group(0)), text)


def terminal_json(json_text: str) -> str:
    """JSON text with the characters :func:`terminal` escapes written as JSON ``\\u`` escapes.

    ``json.dumps(..., ensure_ascii=False)`` already escapes C0 controls inside strings (outside
    them a newline is layout, and stays) but leaves C1 controls, bidi overrides and lone
    surrogates raw. Those can only occur inside JSON strings, where ``\\u202e`` means the same
    character, so the value parses back unchanged.
    """

    def escape(match: re.Match[str]) -> str:
        code = ord(match.group(0))
        if code < 0x10000:
            return f"\\u{code:04x}"
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"

    return _UNSAFE_BEYOND_C0.sub(escape, json_text)


# --- Markdown -----------------------------------------------------------------------------------

_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
# Characters that start Markdown inline syntax: links and images ([ ] after !), code spans,
# emphasis, strike-through, table cells, and the backslash that escapes the others.
_MARKDOWN_INLINE = re.compile(r"[\\`*_\[\]|~]")
# What makes a line a heading, a quote, a list item, a thematic break or a setext underline.
_BLOCK_MARKER = re.compile(r"^[#>+=-]")
_ORDERED_ITEM = re.compile(r"^(\d{1,9})([.)])")


def markdown_text(text: str) -> str:
    """``text`` as one line of Markdown that renders exactly as the text, never as HTML or links.

    ``<``, ``>`` and ``&`` become entities, so no tag (``<img onerror>``, ``</script>``,
    ``<iframe srcdoc>``) or autolink (``<javascript:...>``) survives; the characters of inline
    syntax are backslash-escaped, so ``[x](javascript:...)`` and ``![x](http://tracker)`` stay
    text; a leading ``#``, ``>``, ``-`` or ``1.`` cannot turn the line into a heading, quote or
    list; newlines become spaces and control characters their visible escapes.
    """
    one_line = " ".join(terminal(text, keep_newlines=True).split())
    escaped = _MARKDOWN_INLINE.sub(lambda match: "\\" + match.group(0), one_line)
    escaped = "".join(_HTML.get(char, char) for char in escaped)
    escaped = _BLOCK_MARKER.sub(lambda match: "\\" + match.group(0), escaped)
    return _ORDERED_ITEM.sub(lambda match: f"{match.group(1)}\\{match.group(2)}", escaped)


def markdown_code_block(text: str, info: str = "") -> str:
    """``text`` as a fenced code block it cannot close, with no character a viewer could act on.

    The fence is longer than any run of backticks inside; angle brackets become the look-alike
    ``‹ ›`` (a lenient viewer that sniffs HTML in code still finds none); controls show escaped.
    """
    body = terminal(text, keep_newlines=True).replace("<", "‹").replace(">", "›").rstrip("\n")
    longest = max((len(run) for run in re.findall(r"`+", body)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{info}\n{body}\n{fence}"


# --- URLs ---------------------------------------------------------------------------------------

_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*://)(.*)$", re.DOTALL)
# Query parameters whose values are secrets: passwords, tokens, keys, signatures.
_SECRET_PARAMETER = re.compile(r"secret|passw|pwd|token|key|auth|signature|credential|^sig$", re.IGNORECASE)
_DELIMITERS = re.compile(r"[?#/&=;@:]")
#: Secrets (and pieces of them) shorter than this are not searched for in messages: replacing
#: every "a" of a sentence would hide nothing and garble the rest.
MIN_SCRUB_LENGTH = 3


def mask_url(url: str) -> str:
    """``url`` with every secret in it replaced by ``***``: safe to print, log or show in doctor.

    Errs on the side of hiding, for any shape a person may type:

    * ``scheme://user:secret@host/...``: the userinfo runs to the *last* ``@``, so a secret
      holding an unescaped ``@``, ``/``, ``?`` or ``#`` is hidden whole, not half-printed;
    * ``scheme://user:secret/host`` (the ``@`` forgotten): what follows ``user:`` is not a port,
      so everything after it is hidden;
    * ``?password=...``, ``&secret_key=...``, ``token``, ``access_key``, ``X-Amz-Signature``...:
      those query values are hidden, whatever the scheme;
    * ``user:secret@host`` with no scheme at all is read as a userinfo too.

    A username stays visible (it names who connects); a plain path is returned as it is.
    """
    return _mask(url)[0]


def url_secrets(url: str) -> list[str]:
    """The secrets :func:`mask_url` hides in ``url``, raw and percent-decoded, with their pieces.

    The pieces (split at URL delimiters) matter because a parser that misreads a URL quotes it
    in fragments: ``s3://k:se?cret@h/b`` makes a naive parser complain about an option named
    ``cret@h/b``.
    """
    found: set[str] = set()
    for secret in _mask(url)[1]:
        for form in (secret, unquote(secret)):
            found.add(form)
            found.update(_DELIMITERS.split(form))
    return sorted((s for s in found if len(s) >= MIN_SCRUB_LENGTH), key=len, reverse=True)


def scrub(text: str, url: str) -> str:
    """``text`` (an error message, say) with ``url`` masked and each of its secrets replaced.

    For messages a library wrote about a URL it could not use: they quote the URL, or a port
    that was really a password, in their own words.
    """
    if url:
        text = text.replace(url, mask_url(url))
    for secret in url_secrets(url):
        text = text.replace(secret, MASK)
    return text


def _mask(url: str) -> tuple[str, list[str]]:
    """(``url`` masked, the raw secrets taken out of it)."""
    match = _SCHEME.match(url)
    if match:
        prefix, rest = match.groups()
    elif "@" in url:
        prefix, rest = "", url
    else:
        return _mask_query(url)
    userinfo, at, after = rest.rpartition("@")
    if at:
        user, colon, secret = userinfo.partition(":")
        if colon:
            shown, secrets = _mask_query(after)
            return f"{prefix}{user}:{MASK}@{shown}", [secret, *secrets]
        shown, secrets = _mask_query(rest)
        return prefix + shown, secrets
    authority = re.split(r"[/?#]", rest, maxsplit=1)[0]
    if holds_credentials(authority):
        user, _, secret = rest.partition(":")
        return f"{prefix}{user}:{MASK}", [secret]
    shown, secrets = _mask_query(rest)
    return prefix + shown, secrets


def holds_credentials(authority: str) -> bool:
    """Whether a ``host[:port]`` (no ``@``) is really ``user:secret``: what follows ``:`` is no port."""
    host = re.sub(r"^\[[^\]]*\]", "", authority)  # an IPv6 literal holds colons of its own
    if ":" not in host:
        return False
    port = host.rsplit(":", 1)[1]
    return host.count(":") > 1 or (not port.isdigit() and port != "")


def _mask_query(text: str) -> tuple[str, list[str]]:
    """``text`` with the values of secret-looking query parameters masked."""
    head, question, query = text.partition("?")
    if not question:
        return text, []
    query, hash_mark, fragment = query.partition("#")
    secrets: list[str] = []
    pairs = re.split(r"([&;])", query)
    for index in range(0, len(pairs), 2):
        name, equals, value = pairs[index].partition("=")
        if equals and value and _SECRET_PARAMETER.search(unquote(name)):
            secrets.append(value)
            pairs[index] = f"{name}={MASK}"
    return f"{head}?{''.join(pairs)}{hash_mark}{fragment}", secrets
