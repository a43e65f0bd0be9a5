"""The shape of a job, written once: its stages, where their files live, and the seed it runs with.

Every part of Maestro that names a stage, a store key or a build path reads it from here: the
Celery canvas (``workers/``), the job database (``maestro.db``), the build stage, ``maestro run``
and ``maestro fetch``. Changing the layout means changing this module, and nothing else.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from maestro.spec import GameSpec

#: The four stages that run in parallel between parse and build, each on its own queue.
HEADER_STAGES: Final = ("codex", "canvas", "sonata", "labyrinth")
#: Every stage of a job, in the order the job runs them.
STAGES: Final = ("parse", *HEADER_STAGES, "build")

#: Where each header stage's files go inside the build folder.
BUILD_FOLDERS: Final = {"codex": "src", "canvas": "assets", "sonata": "audio", "labyrinth": "levels"}
#: The ``format`` a build's ``manifest.json`` declares: how a folder is recognised as a build.
BUILD_FORMAT: Final = "maestro.build/1"
#: Longest readable part of a build's name (a short hash may follow it).
NAME_LENGTH: Final = 48


def job_prefix(job_id: str) -> str:
    """Every key of one job starts with this."""
    return f"jobs/{job_id}"


def gdd_key(job_id: str) -> str:
    """The GDD as decoded at the edge: normalised UTF-8 text, the one every stage reads."""
    return f"{job_prefix(job_id)}/gdd.txt"


def spec_key(job_id: str) -> str:
    """The parsed spec, JSON."""
    return f"{job_prefix(job_id)}/spec.json"


def llm_prefix(job_id: str) -> str:
    """The job's prompts and answers, one JSON file each, and their ``index.json`` (when a model was asked)."""
    return f"{stage_prefix(job_id, 'parse')}/llm"


def stage_prefix(job_id: str, stage: str) -> str:
    """The folder a stage writes its files under (the build stage writes the build folder there)."""
    return f"{job_prefix(job_id)}/{stage}"


def stage_path(key: str, stage: str) -> str:
    """Where a stored file sits in its stage's folder: ``jobs/<job>/<stage>/src/game.js`` -> ``src/game.js``.

    The job may be another one than the job at hand: a hit of the stage cache (:mod:`maestro.cache`)
    names the files of the job that first made them. Anything but a plain path under some job's
    ``stage`` folder is refused (``ValueError``), so a key can never climb out of it.
    """
    parts = key.split("/")
    if (len(parts) < 4 or parts[0] != "jobs" or not _JOB_ID.fullmatch(parts[1]) or parts[2] != stage
            or any(part in ("", ".", "..") for part in parts[3:]) or "\\" in key):
        raise ValueError(f"{key!r} is not a file of a job's {stage} folder")
    return "/".join(parts[3:])


def build_path(key: str) -> str:
    """A build file's path inside the build folder, from its store key (``index.html``, ``src/game.js``)."""
    return stage_path(key, "build")


#: What a job id may look like in a key: the database's UUIDs, or a short name (``local``, tests).
_JOB_ID: Final = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]{0,63}")


def build_name(spec: GameSpec) -> str:
    """The build's name (its zip, and ``maestro run``'s default folder), from the title and genre."""
    return folder_name(spec.title, f"maestro-{spec.genre.value}")


def folder_name(title: str, fallback: str) -> str:
    """A file-system-safe name for ``title``: readable, never empty, and distinct for distinct titles.

    A plain ASCII title keeps its slug (``Moss Knight`` -> ``moss-knight``). Korean is romanised
    (``이끼 기사`` -> ``ikki-gisa``), accents dropped (``Café`` -> ``cafe``); whenever the slug lost
    something on the way (other letters, emoji, a cut at `NAME_LENGTH`), eight hex digits of the
    title's hash follow it, so two titles that read the same in ASCII still get two folders, and a
    title with nothing ASCII left becomes ``fallback`` plus that hash.
    """
    slug = re.sub(r"[^a-z0-9]+", "-", _ascii(title).lower()).strip("-")
    short = slug[:NAME_LENGTH].strip("-")
    if short and short == slug and title.isascii() and title.isprintable() and short not in _RESERVED:
        return short
    digest = hashlib.sha256(title.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return f"{short or fallback}-{digest}"


#: Names Windows will not create a file or folder by, whatever the extension.
_RESERVED: Final = frozenset({"con", "prn", "aux", "nul", *(f"com{n}" for n in range(1, 10)),
                              *(f"lpt{n}" for n in range(1, 10))})

# Revised Romanization of Korean, syllable by syllable: a Hangul syllable is U+AC00 +
# (initial * 21 + medial) * 28 + final, so three small tables spell every one of the 11,172.
_INITIALS: Final = ("g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p",
                    "h")
_MEDIALS: Final = ("a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we",
                   "wi", "yu", "eu", "ui", "i")
_FINALS: Final = ("", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p", "t",
                  "t", "ng", "t", "t", "k", "t", "p", "t")
_HANGUL_FIRST, _HANGUL_LAST = 0xAC00, 0xD7A3


def romanize_hangul(syllable: str) -> str:
    """One Hangul syllable in Revised Romanization (``점`` -> ``jeom``); any other character as is."""
    code = ord(syllable) - _HANGUL_FIRST
    if not 0 <= code <= _HANGUL_LAST - _HANGUL_FIRST:
        return syllable
    initial, rest = divmod(code, 21 * 28)
    medial, final = divmod(rest, 28)
    return _INITIALS[initial] + _MEDIALS[medial] + _FINALS[final]


def _ascii(title: str) -> str:
    """``title`` with Hangul romanised and accents dropped; what has no ASCII spelling is left out."""
    spelled = "".join(romanize_hangul(char) for char in title)
    return unicodedata.normalize("NFKD", spelled).encode("ascii", "ignore").decode()


def job_seed(requested: int | None, spec_seed: int) -> int:
    """The seed a job runs with: the one asked for (0 included), else the spec's (a hash of the GDD)."""
    return spec_seed if requested is None else requested
