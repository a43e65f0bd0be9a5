"""Where a game is set (desert, rooftops, a crypt, space...), read from what the whole GDD says.

A level that names its own theme keeps it (:func:`theme_of`, the same words); this is the
game's setting, for every level that names none: the runner's obstacles, and the backgrounds and
tiles, follow it. It is read from the title, the summary and the story, art and level sections,
never from team, engine or schedule talk, and a word must mean the place: "space" in "press
space" is not outer space, "fire" in "fire a bolt" is no volcano, and in Korean a one-syllable
word counts only on its own or with a particle (달 "moon" is not in 달려라 "run!").

Each mention scores by where it is (title 4, summary 3, elsewhere 1); the best-scoring setting
wins if it has at least :data:`ENOUGH`, ties going to the one mentioned first.
"""

import re
from collections.abc import Iterable

from maestro.gdd.document import Document
from maestro.gdd.lexicon import Kind
from maestro.gdd.text import fold, plain

#: (setting, English words (a regex alternation, matched as whole words, plural allowed), Korean words).
SETTINGS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("desert", r"desert|sands?|dunes?|oasis|canyon|wasteland|cact(?:us|i)", ("사막", "모래", "선인장", "오아시스")),
    ("city", r"city|cities|streets?|rooftops?|roofs?|towns?|urban|downtown|alleys?|alleyways?|skyline|metropolis"
             r"|chimneys?", ("도시", "거리", "옥상", "지붕", "골목", "마을", "굴뚝")),
    ("forest", r"forests?|woods|woodlands?|jungles?|groves?|canopy|treetops?", ("숲", "정글", "숲속", "밀림")),
    ("cave", r"caves?|caverns?|grottos?|underground|mineshafts?", ("동굴", "광산", "지하")),
    ("crypt", r"crypts?|catacombs?|tombs?|graveyards?|cemetery|cemeteries|dungeons?|ruins|temples?",
     ("무덤", "묘지", "지하묘지", "유적", "신전", "던전", "지하실")),
    ("castle", r"castles?|fortress(?:es)?|citadels?|palaces?|throne room", ("성", "요새", "왕궁", "궁전", "성채")),
    ("ice", r"ice|icy|snow|snowy|frost|frozen|glaciers?|winter|arctic|tundra|blizzards?",
     ("얼음", "설원", "빙하", "겨울", "눈밭", "설산", "빙판")),
    ("lava", r"lava|volcano(?:es)?|volcanic|magma|inferno", ("용암", "화산", "마그마")),
    ("water", r"oceans?|seas?|underwater|reefs?|seabed|seafloor|lakes?|rivers?|beach(?:es)?|coasts?|coastline"
              r"|harbou?r", ("바다", "해저", "호수", "강", "해변", "수중", "물속", "바닷속")),
    ("sky", r"sky|skies|clouds?|heavens?|floating islands?", ("하늘", "구름", "하늘섬")),
    ("space", r"outer space|space station|spaceships?|galaxy|galaxies|galactic|orbit|planets?|nebula|asteroids?"
              r"|cosmos|cosmic|moon base", ("우주", "은하", "행성", "은하수", "우주선")),
    ("factory", r"factory|factories|warehouses?|laborator(?:y|ies)|labs?|assembly line|workshop",
     ("공장", "창고", "연구소", "작업장")),
    ("swamp", r"swamps?|marsh(?:es)?|bogs?|bayou", ("늪", "습지")),
    ("garden", r"gardens?|meadows?|farms?|orchards?|greenhouses?", ("정원", "들판", "농장", "텃밭", "꽃밭", "온실")),
)
#: Score a setting needs: a title or summary mention, or two elsewhere.
ENOUGH = 2
WEIGHTS = {"title": 4, "summary": 3, "body": 1}
#: Particles a one-syllable Korean place word may carry and still be that word.
PARTICLES = ("", "은", "는", "이", "가", "을", "를", "에", "의", "로", "으로", "에서", "도", "와", "과", "만",
             "까지", "부터", "처럼", "속", "속의", "속에서", "위", "위의", "위를", "위에서")
_ENGLISH = tuple((name, re.compile(rf"\b(?:{words})\b")) for name, words, _ in SETTINGS)
_HANGUL_WORD = re.compile(r"[\uac00-\ud7a3]+")
#: Sections whose words are about the game's world (team, engine and schedule talk never are).
WORLD_KINDS = (Kind.SUMMARY, Kind.STORY, Kind.ART, Kind.LEVELS)


def setting_in(texts: Iterable[tuple[str, str]]) -> str | None:
    """The setting of ``(where, text)`` pairs (where: "title", "summary" or "body"), or None."""
    score: dict[str, int] = {}
    first: dict[str, int] = {}
    order = 0
    for where, text in texts:
        for name in _mentions(text):
            score[name] = score.get(name, 0) + WEIGHTS[where]
            first.setdefault(name, order)
            order += 1
    if not score:
        return None
    best = max(score, key=lambda name: (score[name], -first[name]))
    return best if score[best] >= ENOUGH else None


def theme_of(text: str) -> str | None:
    """The first setting a level's name or description names ("The Snowy Peak" -> ice), or None."""
    mentions = _mentions(text)
    return mentions[0] if mentions else None


def _mentions(text: str) -> list[str]:
    """Settings named in ``text``, once per mention, in order."""
    folded = fold(text)
    found: list[tuple[int, str]] = []
    for name, regex in _ENGLISH:
        found.extend((match.start(), name) for match in regex.finditer(folded))
    for match in _HANGUL_WORD.finditer(folded):
        word = match.group()
        # The longest place word wins: 지하묘지 is a catacomb, not 지하 "underground".
        stems = [(len(stem), name) for name, _, korean in SETTINGS for stem in korean if _korean_match(word, stem)]
        if stems:
            found.append((match.start(), max(stems)[1]))
    return [name for _, name in sorted(found)]


def _korean_match(word: str, stem: str) -> bool:
    """Whether the Hangul token ``word`` is the place word ``stem``: a longer stem may start a
    compound (사막지대), a one-syllable one must stand alone or take a particle or 속/위 (숲에서,
    숲속; 성 in 성공 "success" is not a castle)."""
    if not word.startswith(stem):
        return False
    rest = word[len(stem):]
    return len(stem) >= 2 or rest in PARTICLES


def find_setting(doc: Document, title: str, summary: str) -> tuple[str | None, str]:
    """The game's setting and a note of what it was read from."""
    texts: list[tuple[str, str]] = [("title", title), ("summary", summary)]
    for pair, _ in doc.pairs(*WORLD_KINDS):
        texts.append(("body", pair.value))
    for section in doc.sections_of(*WORLD_KINDS, own=False):
        texts.append(("body", section.title))
        texts.extend(("body", plain(line.text)) for line in section.body)
    setting = setting_in(texts)
    return setting, "from the title, summary, story, art and level sections" if setting else "no setting named"
