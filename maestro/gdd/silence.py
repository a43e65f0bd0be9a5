"""Whether a GDD asks for no music, no sound effects, or no audio at all.

A designer who writes "No audio." or "Music: none" or "효과음 없음" gets a game without it, not
the default soundtrack. Read from the lines about the game only (a TODO saying "no audio yet" is
a plan, not a wish, so "yet" and "for now" are not taken as asking for silence).
"""

import re

from maestro.gdd.document import Document
from maestro.gdd.evidence import Found, default, stated
from maestro.gdd.lexicon import Kind
from maestro.gdd.text import plain

_NONE = r"(?:none|no|nothing|off|n/?a|x)\s*(?:[.;,!]|$)"
#: Silence asked for anywhere in the game's text.
_ALL = re.compile(r"\b(?:no|without|zero)\s+audio\b|\bsilent game\b|^(?:audio|sound)\s*[:：=-]\s*" + _NONE
                  + r"|오디오\s*(?:없음|없이|없다|없는)|무음")
#: Silence asked for in an audio section ("no sound" elsewhere is about a cutscene or a door).
_ALL_IN_AUDIO = re.compile(r"\b(?:no|without|zero)\s+sounds?\b(?!\s*(?:effects?|fx))"
                           r"|(?:사운드|소리)\s*(?:없음|없이|없다|없는)")
_MUSIC = re.compile(
    r"\b(?:no|without)\s+(?:background\s+)?music\b|\b(?:music|bgm)\s*[:：=-]?\s*" + _NONE
    + r"|(?:배경\s*음악|음악|bgm)\s*(?:없음|없이|없다|없는|x\b)"
)
_SOUND = re.compile(
    r"\b(?:no|without)\s+(?:sound\s*effects?|sfx)\b|\b(?:sfx|sound\s*effects?)\s*[:：=-]?\s*" + _NONE
    + r"|효과음\s*(?:없음|없이|없다|없는|x\b)"
)
_LATER = re.compile(r"\b(?:yet|for now|at the moment|later)\b|아직|나중에|추후")


def find_silence(doc: Document) -> tuple[Found[bool], Found[bool]]:
    """(music on?, sound effects on?), each stated where the GDD turns it off, else a default True."""
    music: Found[bool] = default(True, "the GDD does not ask for silence")
    sound: Found[bool] = default(True, "the GDD does not ask for silence")
    for line, section in doc.game_lines():
        text = plain(line.text).casefold().strip()
        if _LATER.search(text):
            continue
        in_audio = Kind.AUDIO in section.effective_kinds
        everything = _ALL.search(text) or (in_audio and _ALL_IN_AUDIO.search(text))
        if (everything or _MUSIC.search(text)) and music.value:
            music = stated(False, line.text, line.number)
        if (everything or _SOUND.search(text)) and sound.value:
            sound = stated(False, line.text, line.number)
    return music, sound
