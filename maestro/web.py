"""Keeping GDD text as data inside the web page's inline scripts."""

import re

_UNSAFE_IN_SCRIPT = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
_UNSAFE = re.compile("[<>&\u2028\u2029]")


def script_safe(json_text: str) -> str:
    """JSON text with ``<``, ``>``, ``&``, U+2028 and U+2029 escaped, for an inline ``<script>``.

    Those characters only occur inside JSON strings, where ``\\u003c`` and friends mean the same
    thing, so the value parses back unchanged while no ``</script>`` or ``<!--`` can end or bend
    the script element.
    """
    return _UNSAFE.sub(lambda m: _UNSAFE_IN_SCRIPT[m.group(0)], json_text)
