"""The fidelity report: every fact the parser found in a GDD, and what the game does with it.

A designer reads it to see at a glance how much of the document made it into the game: a boss
``used, level 3``, ``100 levels`` ``approximated as 20 levels``, a ``grappling hook`` ``not
supported``. It is built from the finished spec (what the stages will build from) and the level
plan (which level each boss fights in), plus the features the text names that no genre of
Maestro builds yet, so the ``not supported`` list is honest rather than silent.
"""

from __future__ import annotations

import re

from maestro.gdd.archetypes import archetype_reading, fallback_note
from maestro.gdd.document import Document
from maestro.gdd.evidence import Found
from maestro.gdd.lexicon import MECHANIC_REGEXES, NEGATION
from maestro.gdd.text import plain
from maestro.plan import plan_levels
from maestro.spec import MAX_LEVELS, Fidelity, FidelityStatus, GameSpec, Genre, ItemKind, Mechanic, Origin

USED, APPROXIMATED, NOT_SUPPORTED = FidelityStatus.USED, FidelityStatus.APPROXIMATED, FidelityStatus.NOT_SUPPORTED

#: The mechanics each genre's game really plays (its rules and runtime), beyond which a stated
#: mechanic is reported as not supported.
SUPPORTED: dict[Genre, frozenset[Mechanic]] = {
    Genre.PLATFORMER: frozenset({Mechanic.JUMP, Mechanic.DOUBLE_JUMP, Mechanic.WALL_SLIDE, Mechanic.DASH,
                                 Mechanic.STOMP, Mechanic.COLLECT, Mechanic.ATTACK, Mechanic.SHOOT}),
    Genre.TOPDOWN: frozenset({Mechanic.KEY_DOOR, Mechanic.COLLECT, Mechanic.ATTACK, Mechanic.SHOOT}),
    Genre.SHOOTER: frozenset({Mechanic.SHOOT, Mechanic.BOMB, Mechanic.POWERUP}),
    Genre.PUZZLE: frozenset({Mechanic.PUSH, Mechanic.UNDO}),
    Genre.RUNNER: frozenset({Mechanic.JUMP, Mechanic.DUCK, Mechanic.COLLECT}),
}
#: Genres whose hero either swings or shoots: a GDD naming both gets the swing (plan.ranged).
MELEE_FIRST = frozenset({Genre.PLATFORMER, Genre.TOPDOWN})
#: Mechanics a genre plays as something close: (genre, mechanic) -> what the player gets.
APPROXIMATIONS: dict[tuple[Genre, Mechanic], str] = {
    (Genre.RUNNER, Mechanic.STOMP): "obstacles are jumped over, not stomped",
}

#: Features GDDs name that no genre builds yet: (what the report calls it, how the text says it).
_FEATURE_WORDS: tuple[tuple[str, str], ...] = (
    ("grappling hook", r"grappl(?:e|ing)[- ]?hook|갈고리"),
    ("crafting", r"\bcraft(?:ing)?\b|제작 ?시스템"),
    ("inventory", r"\binventory\b|인벤토리"),
    ("multiplayer", r"multi-?player|\bco-?op\b|\bpvp\b|멀티 ?플레이|협동 ?플레이"),
    ("leaderboard", r"leaderboards?|high[- ]?score (?:table|list|board)|online (?:high[- ]?)?scores?|랭킹|순위표"),
    ("saving and loading", r"save (?:system|game|state|file|progress)|load(?:ing)? (?:a )?(?:game|save)|"
                           r"세이브|저장 기능"),
    ("dialogue", r"\bdialog(?:ue)?s?\b|\bconversations?\b|대화 ?(?:시스템|창)|대사"),
    ("shop", r"\bshops?\b|\bmerchant\b|상점"),
    ("experience and levelling up", r"\bxp\b|experience points|level(?:s|ing)?[- ]up\b|레벨 ?업|경험치"),
    ("skill tree", r"skill[- ]tree|talent tree|스킬 ?트리"),
    ("day and night cycle", r"day[- ](?:and[- ])?night|day/night|낮과 밤|밤낮"),
    ("weather", r"\bweather\b|날씨"),
    ("time manipulation", r"time (?:reversal|rewind|stop|freeze)|reverse time|slow[- ]?motion|bullet[- ]time|"
                          r"시간 ?(?:역행|정지)"),
    ("teleporting", r"\bteleport(?:s|ing|ers?)?\b|순간 ?이동"),
    ("character select", r"character (?:select(?:ion)?|choice)|choose (?:a|your|which|one of (?:several|the)) "
                         r"(?:character|cat|hero)|캐릭터 ?선택"),
    ("cutscenes", r"cut-?scenes?|컷 ?씬"),
    ("combos", r"\bcombos?\b|콤보"),
    ("shield", r"\bshields?\b|방패|실드|쉴드"),
    ("charged attack", r"charge[ds]? (?:shot|attack|beam)|차지 ?샷"),
    ("climbing", r"\bladders?\b|climb(?:s|ing)? (?:up |down )?(?:ladders?|ropes?|vines?)|사다리"),
    ("moving platforms", r"moving platforms?|움직이는 (?:발판|플랫폼)"),
)
FEATURES = tuple((label, re.compile(pattern, re.IGNORECASE)) for label, pattern in _FEATURE_WORDS)
#: Features GDDs name that every game has: (label, how the text says it, what the game does).
BUILT = tuple((label, re.compile(pattern, re.IGNORECASE), detail) for label, pattern, detail in (
    ("high score", r"high[- ]?scores?|best score|최고 ?점수|최고 ?기록",
     "the best score, kept per game in the browser"),
))


#: Features one genre builds though the others do not: genre -> (label, how the text says it,
#: what the game does). A label here is never reported as not supported for that genre.
GENRE_BUILT: dict[Genre, tuple[tuple[str, re.Pattern[str], str], ...]] = {
    Genre.SHOOTER: tuple((label, re.compile(pattern, re.IGNORECASE), detail) for label, pattern, detail in (
        ("shield", r"\bshields?\b|방패|실드|쉴드", "a power-up enemies drop: it absorbs the next hit"),
        ("combos", r"\bcombos?\b|콤보|(?:score )?multiplier|배율",
         "a score multiplier: kills without a hurt raise it up to x4"),
    )),
}


def fidelity_report(spec: GameSpec, doc: Document, stated_levels: Found[int] | None) -> list[Fidelity]:
    """The report for ``spec`` parsed from ``doc``; ``stated_levels`` is the level count before clamping."""
    report = _Report()
    add = report.add
    origin = {key: value.origin for key, value in spec.provenance.items()}

    if origin.get("title") == Origin.DEFAULT:
        add("title", APPROXIMATED, f"the GDD names none; the game is called {spec.title!r}")
    else:
        add(f"title {spec.title}", USED, "title screen, page title and build folder")
    genre_note = spec.provenance.get("genre")
    genre_status = USED if origin.get("genre") == Origin.STATED else APPROXIMATED
    add(f"genre {spec.genre.value}", genre_status, "" if genre_status == USED else
        (genre_note.detail if genre_note else "inferred"))
    if origin.get("player.name") != Origin.DEFAULT:
        add(f"player {spec.player.name}", USED, "the character you play")
    _enemies(spec, origin, report)
    _drawings(spec, origin, report)
    if origin.get("boss") == Origin.DEFAULT:
        boss_levels = [plan.index for plan in plan_levels(spec, 0) if plan.boss is not None]
        boss = spec.bosses[-1].name if spec.bosses else "a boss"
        add("a boss (unnamed)", APPROXIMATED, f"called {boss!r}" + (f", level {boss_levels[0]}" if boss_levels else ""))
    _levels(spec, origin, stated_levels, report)
    if origin.get("lives") == Origin.STATED:
        add("1 life" if spec.lives == 1 else f"{spec.lives} lives", USED)
    elif origin.get("lives") == Origin.INFERRED:
        note = spec.provenance["lives"].detail
        add(f"lives ({note[:60]})", APPROXIMATED, f"{spec.lives} lives")
    for mechanic in spec.mechanics if origin.get("mechanics") != Origin.DEFAULT else ():
        if mechanic == Mechanic.SHOOT and Mechanic.ATTACK in spec.mechanics and spec.genre in MELEE_FIRST:
            add("shoot", APPROXIMATED, "the hero swings the melee weapon the GDD also names; "
                                       "a GDD that only shoots gets bolts")
            continue
        _mechanic(spec.genre, mechanic, report)
    if origin.get("controls") == Origin.STATED:
        keys = "; ".join(f"{action.value}: {', '.join(keys[:3])}" for action, keys in spec.controls.items() if keys)
        add("controls", USED, keys)
    if origin.get("audio.tempo_bpm") == Origin.STATED and spec.audio.music:
        add(f"tempo {spec.audio.tempo_bpm} BPM", USED, "the music's tempo")
    elif spec.audio.music and "BPM: the GDD asks for" in getattr(spec.provenance.get("audio.tempo_bpm"), "detail", ""):
        word = "slow" if spec.audio.tempo_bpm < 100 else "fast"
        add(f"{word} music", APPROXIMATED, f"played at {spec.audio.tempo_bpm} BPM (no number given)")
    if spec.audio.music and spec.audio.instruments:
        add(", ".join(name.replace("_", " ") for name in spec.audio.instruments), APPROXIMATED,
            "synthesised voices shaped like them (plucked, bowed, struck, held) play the tune, chords or bass")
    if spec.audio.sound and spec.audio.effects:
        said = "; ".join(f"{kind.replace('_', ' ')}: {', '.join(words)}" for kind, words in spec.audio.effects.items())
        add("sound effects as described", USED, said[:160])
    if not spec.audio.music or not spec.audio.sound:
        silent = [part for part, on in (("music", spec.audio.music), ("sound effects", spec.audio.sound)) if not on]
        add(f"no {' and no '.join(silent)}", USED, "the game plays without them and shows no mute control"
            if not (spec.audio.music or spec.audio.sound) else "the game plays without them")
    if origin.get("art.style") == Origin.STATED:
        add(f"art style {spec.art.style.value}", USED, "sprites, tiles and backgrounds")
    built_here = GENRE_BUILT.get(spec.genre, ())
    for label, where in _features(doc):
        if label not in {built[0] for built in built_here}:
            add(label, NOT_SUPPORTED, f"named on line {where}; no genre of Maestro builds it yet")
    for label, pattern, detail in (*BUILT, *built_here):
        if any(pattern.search(plain(line.text)) for line, _ in doc.game_lines()):
            add(label, USED, detail)
    return list(report)


class _Report(list[Fidelity]):
    def add(self, fact: str, status: FidelityStatus, detail: str = "") -> None:
        self.append(Fidelity(fact=fact[:120], status=status, detail=detail[:200]))


def _enemies(spec: GameSpec, origin: dict[str, Origin], report: _Report) -> None:
    add = report.add
    if origin.get("enemies") == Origin.DEFAULT:
        return
    if spec.genre == Genre.PUZZLE:
        for enemy in spec.enemies:
            add(f"{'boss' if enemy.boss else 'enemy'} {enemy.name}", NOT_SUPPORTED, "a puzzle here has no enemies")
        return
    plans = plan_levels(spec, 0)
    for enemy in spec.enemies:
        if enemy.boss:
            where = [plan.index for plan in plans if plan.boss is not None and plan.boss.name == enemy.name]
            if where:
                add(f"boss {enemy.name}", USED, "level " + ", ".join(str(index) for index in where))
            else:
                add(f"boss {enemy.name}", NOT_SUPPORTED, "another boss holds the last level")
        else:
            add(f"enemy {enemy.name}", USED, f"{enemy.behaviour.value}, in every level")


#: Genres whose levels hold the GDD's items (the puzzle's crates and the shooter's drops are its own).
_ITEM_GENRES = frozenset({Genre.PLATFORMER, Genre.TOPDOWN, Genre.RUNNER})


def _drawings(spec: GameSpec, origin: dict[str, Origin], report: _Report) -> None:
    """Each named thing the art has no drawing for, and the closest archetype it is drawn as instead.

    Read exactly as the canvas stage reads it (name, then description, then kind and behaviour), so the
    line is true of the game: "Glorbnax" (enemy) drawn as a beetle, from how it moves.
    """
    genre = spec.genre.value
    things: list[tuple[str, str, str | None, str]] = []
    if origin.get("player.name") != Origin.DEFAULT:
        things.append((spec.player.name, "player", None, spec.player.description))
    if spec.genre != Genre.PUZZLE and origin.get("enemies") != Origin.DEFAULT:
        things += [(enemy.name, "boss" if enemy.boss else "enemy", enemy.behaviour.value, enemy.description)
                   for enemy in spec.enemies]
    if spec.genre in _ITEM_GENRES and origin.get("items") != Origin.DEFAULT:
        things += [(item.name, "item", None, item.description) for item in spec.items if item.kind != ItemKind.KEY]
    for name, kind, behaviour, description in things:
        reading = archetype_reading(name, kind, behaviour, genre, description)
        if reading.how == "fallback":
            report.add(f'"{name}" ({kind})', APPROXIMATED, fallback_note(reading))


def _levels(spec: GameSpec, origin: dict[str, Origin], stated: Found[int] | None, report: _Report) -> None:
    add = report.add
    count = len(spec.levels)
    if stated is not None and stated.origin != Origin.DEFAULT:
        if stated.value > MAX_LEVELS:
            add(f"{stated.value} levels", APPROXIMATED, f"approximated as {count} levels (the most a game has)")
        else:
            add(f"{stated.value} levels", USED if stated.value == count else APPROXIMATED, f"{count} levels")
    named = [level.name for level in spec.levels if not re.fullmatch(r"(?:Level|Stage|레벨|스테이지) \d+", level.name)]
    if named and origin.get("levels") != Origin.DEFAULT:
        add("level names " + ", ".join(named[:6]) + ("…" if len(named) > 6 else ""), USED, "shown as each level starts")
    waves = [level.hints.waves for level in spec.levels if level.hints.waves]
    if waves and spec.genre != Genre.SHOOTER:
        add(f"{sum(waves)} waves", NOT_SUPPORTED, f"waves are a shooter's; a {spec.genre.value} has levels")


def _mechanic(genre: Genre, mechanic: Mechanic, report: _Report) -> None:
    add = report.add
    name = mechanic.value.replace("_", " ")
    if mechanic in SUPPORTED[genre]:
        add(name, USED)
    elif (genre, mechanic) in APPROXIMATIONS:
        add(name, APPROXIMATED, APPROXIMATIONS[(genre, mechanic)])
    else:
        add(name, NOT_SUPPORTED, f"not in a {genre.value} game yet")


def _features(doc: Document) -> list[tuple[str, int]]:
    """Features the game-facing text names (not negated, not in cut or production sections): (label, line)."""
    found: dict[str, int] = {}
    for line, _section in doc.game_lines():
        text = plain(line.text)
        for label, pattern in FEATURES:
            if label in found:
                continue
            match = pattern.search(text)
            if match and not NEGATION.search(text[: match.start()].lower()):
                found[label] = line.number
    return sorted(found.items(), key=lambda item: item[1])


def model_features(spec: GameSpec, features: list[tuple[str, int]], model: str) -> list[Fidelity]:
    """Report lines for the features the model read in the GDD that the report does not already hold.

    A feature that names a mechanic gets that mechanic's status in this genre; any other is honestly
    ``not supported``: no rule of Maestro's reads it, so no game plays it.
    """
    known = [fact.fact.casefold() for fact in spec.fidelity]
    report = _Report()
    for phrase, line in features:
        folded = phrase.casefold()
        if any(folded in fact or fact.split(" ", 1)[-1] in folded for fact in known):
            continue
        known.append(folded)
        mechanic = next((m for m, regex in MECHANIC_REGEXES.items() if regex.search(folded)), None)
        if mechanic is not None and mechanic in SUPPORTED[spec.genre]:
            report.add(phrase, USED, f"read by the model {model!r} on line {line}; the game plays {mechanic.value}")
        elif mechanic is not None and (spec.genre, mechanic) in APPROXIMATIONS:
            report.add(phrase, APPROXIMATED, APPROXIMATIONS[(spec.genre, mechanic)])
        else:
            report.add(phrase, NOT_SUPPORTED,
                       f"read by the model {model!r} on line {line}; no rule of Maestro plays it")
    return list(report)
