"""The same GDD file in every shape a designer's tools save it, for tests of every way in.

``maestro run``, ``maestro submit`` and ``maestro.submit`` must accept and refuse exactly these
files alike; each entry says which (``None``: accepted).
"""

from __future__ import annotations

import codecs

from maestro.gdd.decode import MAX_GDD_BYTES

KOREAN_GDD = "# 별빛 상자\n장르: 퍼즐\n상자를 밀어 목표 지점에 놓으세요. 레벨 3개.\n플레이어: 토끼 '루미'\n"
ENGLISH_GDD = "# Crate Cafe\nGenre: puzzle\nPush the crates onto the marks. 3 levels. Player: Momo the cat.\n"

#: name -> (file bytes, the words the refusal must contain, or None when the file is accepted)
ENCODED_FILES: dict[str, tuple[bytes, str | None]] = {
    "utf-8": (KOREAN_GDD.encode("utf-8"), None),
    "utf-8 with BOM": (codecs.BOM_UTF8 + KOREAN_GDD.encode("utf-8"), None),
    "utf-16 with BOM": (codecs.BOM_UTF16_LE + KOREAN_GDD.encode("utf-16-le"), None),
    "cp949": (KOREAN_GDD.encode("cp949"), "not UTF-8"),
    "latin-1": ((ENGLISH_GDD + "Caf\u00e9 au lait\n").encode("latin-1"), "not UTF-8"),
    "binary": (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "a PDF document"),
    "empty": (b"  \n\n", "empty"),
    "oversize": ((ENGLISH_GDD * (MAX_GDD_BYTES // len(ENGLISH_GDD) + 2)).encode("utf-8"), "too large"),
}
