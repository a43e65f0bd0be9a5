"""How the game plays: mechanics, controls, platforms and input, win/lose conditions, scoring."""

from __future__ import annotations

import re

from maestro.gdd.document import Document
from maestro.gdd.evidence import Found, default, stated
from maestro.gdd.lexicon import GENRE_MECHANICS, MECHANIC_REGEXES, NEGATION, Kind
from maestro.gdd.text import fold, plain
from maestro.spec import Action, Genre, InputMode, Mechanic

# ---------------------------------------------------------------------------- mechanics


_FOE_SECTIONS = frozenset({Kind.ENEMIES, Kind.BOSS})
_WEAPONS = frozenset({Mechanic.SHOOT, Mechanic.BOMB, Mechanic.ATTACK})


def find_mechanics(doc: Document, genre: Genre) -> tuple[list[Mechanic], Found[int]]:
    """Mechanics the GDD mentions outside production talk (negated mentions skipped)."""
    found: list[Mechanic] = []
    for line, section in doc.game_lines():
        folded = fold(plain(line.text))
        # "The turret shoots icicles" describes a foe, not the hero: weapon verbs count only
        # outside the sections about enemies and bosses.
        foes_talk = bool(section.effective_kinds & _FOE_SECTIONS)
        for mechanic, regex in MECHANIC_REGEXES.items():
            if foes_talk and mechanic in _WEAPONS:
                continue
            if mechanic not in found and any(
                    not NEGATION.search(folded[max(0, match.start() - 30): match.start()])
                    for match in regex.finditer(folded)):
                found.append(mechanic)
    if Mechanic.DOUBLE_JUMP in found or Mechanic.WALL_SLIDE in found or Mechanic.STOMP in found:
        found.append(Mechanic.JUMP)
    stated_count = len(found)
    for mechanic in GENRE_MECHANICS[genre]:
        if mechanic not in found:
            found.append(mechanic)
    if genre == Genre.PUZZLE:
        found = [m for m in found if m not in (Mechanic.SHOOT, Mechanic.BOMB, Mechanic.ATTACK)
                 or m in found[:stated_count]]
    ordered = [mechanic for mechanic in Mechanic if mechanic in found]
    if stated_count:
        return ordered, stated(stated_count, f"{stated_count} mechanics named in the GDD")
    return ordered, default(0, f"no mechanics named; the {genre.value} basics")


# ---------------------------------------------------------------------------- controls

_KEY_TOKENS: tuple[tuple[str, tuple[str, ...]], ...] = (
    # 방향키 alone is all four; 위/아래/왼쪽/오른쪽 방향키 is one of them.
    (r"arrow ?keys|arrows|(?<!위)(?<!위 )(?<!쪽)(?<!쪽 )(?<!래)(?<!래 )방향키|화살표",
     ("ArrowLeft", "ArrowRight", "ArrowUp", "ArrowDown")),
    (r"(?:위|위쪽) ?방향키", ("ArrowUp",)), (r"(?:아래|아래쪽) ?방향키", ("ArrowDown",)),
    (r"왼쪽 ?방향키", ("ArrowLeft",)), (r"오른쪽 ?방향키", ("ArrowRight",)),
    (r"\bwasd\b", ("KeyA", "KeyD", "KeyW", "KeyS")),
    (r"\b(space ?bar|space)\b|스페이스(바)?", ("Space",)),
    (r"\b(enter|return)\b|엔터", ("Enter",)),
    (r"\b(esc|escape)\b", ("Escape",)),
    (r"\bshift\b|시프트", ("ShiftLeft",)),
    (r"\b(ctrl|control)\b", ("ControlLeft",)),
    (r"\bbackspace\b|백스페이스", ("Backspace",)),
    (r"\btab\b", ("Tab",)),
    (r"←|\bleft arrow\b", ("ArrowLeft",)), (r"→|\bright arrow\b", ("ArrowRight",)),
    (r"↑|\bup arrow\b", ("ArrowUp",)), (r"↓|\bdown arrow\b", ("ArrowDown",)),
    (r"\b(up|down|left|right)\b(?= ?(/|or|,|\)|$|\s*:|\s*[-–—]))", ()),
)
_LETTER = re.compile(r"(?<![\w'])([A-Za-z])(?![\w'])")
_ACTIONS: tuple[tuple[tuple[Action, ...], str], ...] = (
    ((Action.UNDO,), r"\bundo\b|rewind|되돌리기|무르기|실행 ?취소"),
    ((Action.RESTART,), r"\brestart|\breset\b|retry|재시작|다시 ?시작|리셋"),
    ((Action.PAUSE,), r"\bpause|menu|일시 ?정지|메뉴"),
    ((Action.MUTE,), r"\bmute|sound (on|off|toggle)|음소거"),
    ((Action.SECONDARY,), r"\bdash|\bbomb|special|secondary|dodge|roll|대시|폭탄|특수|회피"),
    ((Action.DOWN,), r"\bduck|crouch|slide|숙이|앉기|슬라이드"),
    ((Action.JUMP,), r"\bjump|점프|도약|flap"),
    ((Action.ACTION,), r"\battack|shoot|fire|slash|sword|action|interact|use|swing|punch|"
                       r"공격|발사|사격|상호 ?작용|사용|베기"),
    ((Action.LEFT, Action.RIGHT, Action.UP, Action.DOWN), r"\bmove|movement|walk|run|steer|fly|"
                                                          r"이동|움직|걷|조종"),
)
DEFAULT_CONTROLS: dict[Genre, dict[Action, list[str]]] = {
    Genre.PLATFORMER: {Action.LEFT: ["ArrowLeft", "KeyA"], Action.RIGHT: ["ArrowRight", "KeyD"],
                       Action.JUMP: ["Space", "ArrowUp", "KeyW"], Action.ACTION: ["KeyX", "KeyJ"],
                       Action.DOWN: ["ArrowDown", "KeyS"], Action.SECONDARY: ["KeyC", "ShiftLeft"]},
    Genre.TOPDOWN: {Action.LEFT: ["ArrowLeft", "KeyA"], Action.RIGHT: ["ArrowRight", "KeyD"],
                    Action.UP: ["ArrowUp", "KeyW"], Action.DOWN: ["ArrowDown", "KeyS"],
                    Action.ACTION: ["Space", "KeyX"], Action.SECONDARY: ["KeyB", "KeyC"]},
    Genre.SHOOTER: {Action.LEFT: ["ArrowLeft", "KeyA"], Action.RIGHT: ["ArrowRight", "KeyD"],
                    Action.UP: ["ArrowUp", "KeyW"], Action.DOWN: ["ArrowDown", "KeyS"],
                    Action.ACTION: ["Space", "KeyZ"], Action.SECONDARY: ["KeyX"]},
    Genre.PUZZLE: {Action.LEFT: ["ArrowLeft", "KeyA"], Action.RIGHT: ["ArrowRight", "KeyD"],
                   Action.UP: ["ArrowUp", "KeyW"], Action.DOWN: ["ArrowDown", "KeyS"],
                   Action.UNDO: ["KeyZ", "Backspace"], Action.RESTART: ["KeyR"]},
    Genre.RUNNER: {Action.JUMP: ["Space", "ArrowUp", "KeyW"], Action.DOWN: ["ArrowDown", "KeyS"],
                   Action.ACTION: ["KeyX"]},
}
COMMON_CONTROLS: dict[Action, list[str]] = {
    Action.PAUSE: ["KeyP", "Escape"], Action.MUTE: ["KeyM"], Action.RESTART: ["KeyR"],
}
_DIRECTION_KEYS = {"ArrowLeft": Action.LEFT, "ArrowRight": Action.RIGHT, "ArrowUp": Action.UP,
                   "ArrowDown": Action.DOWN, "KeyA": Action.LEFT, "KeyD": Action.RIGHT,
                   "KeyW": Action.UP, "KeyS": Action.DOWN}


def find_controls(doc: Document, genre: Genre) -> tuple[dict[Action, list[str]], Found[int]]:
    lines = [(pair.value, pair.line) for pair, _ in doc.pairs(Kind.CONTROLS)]
    for section in doc.sections_of(Kind.CONTROLS):
        lines.extend((line.text, line.number) for line in section.lines())
        for table in section.tables:
            lines.extend((" : ".join(row), table.line) for row in table.rows)
    bound: dict[Action, list[str]] = {}
    for text, _ in lines:
        for action, keys in _bindings(plain(text)):
            bound.setdefault(action, [])
            bound[action].extend(key for key in keys if key not in bound[action])
    controls = {action: list(keys) for action, keys in DEFAULT_CONTROLS[genre].items()}
    for action, keys in COMMON_CONTROLS.items():
        controls.setdefault(action, list(keys))
    if not bound:
        return _ordered(controls), default(0, f"no controls given; {genre.value} defaults")
    taken = {key for keys in bound.values() for key in keys}
    for action, keys in controls.items():
        if action not in bound:
            bound[action] = [key for key in keys if key not in taken] or keys[:1]
    return _ordered(bound), stated(len(taken), f"{len(taken)} keys bound in the GDD's controls")


def _ordered(controls: dict[Action, list[str]]) -> dict[Action, list[str]]:
    return {action: controls[action] for action in Action if controls.get(action)}


def _bindings(text: str) -> list[tuple[Action, list[str]]]:
    folded = text.lower()
    actions: tuple[Action, ...] = ()
    best = len(folded) + 1
    for candidates, pattern in _ACTIONS:
        match = re.search(pattern, folded)
        if match and match.start() < best:
            best, actions = match.start(), candidates
    if not actions:
        return []
    keys: list[str] = []
    for pattern, codes in _KEY_TOKENS:
        for match in re.finditer(pattern, folded):
            if codes:
                keys.extend(codes)
            else:
                keys.append("Arrow" + match.group(1).capitalize())
    masked = re.sub(r"(?i)\b(arrow ?keys?|arrows|wasd|space ?bar|space|enter|return|esc|escape|shift|"
                    r"ctrl|control|backspace|tab|or|and|to|up|down|left|right)\b", " ", text)
    for match in _LETTER.finditer(masked):
        if match.group(1) not in ("a", "i"):
            keys.append("Key" + match.group(1).upper())
    keys = list(dict.fromkeys(keys))
    if not keys:
        return []
    if actions == (Action.LEFT, Action.RIGHT, Action.UP, Action.DOWN):
        split: dict[Action, list[str]] = {}
        for key in keys:
            if key in _DIRECTION_KEYS:
                split.setdefault(_DIRECTION_KEYS[key], []).append(key)
        return list(split.items())
    return [(action, keys) for action in actions]


# ---------------------------------------------------------------------------- platform


def find_platform(doc: Document) -> tuple[list[str], InputMode, Found[str]]:
    for pair, _ in doc.pairs(Kind.PLATFORM):
        folded = fold(pair.value)
        targets = [name for name, pattern in (
            ("web", r"web|browser|html5?|itch|웹|브라우저"),
            ("desktop", r"pc|desktop|windows|mac|linux|steam|데스크톱|컴퓨터"),
            ("mobile", r"mobile|phone|android|ios|iphone|tablet|touch|모바일|스마트폰|태블릿"),
            ("console", r"switch|console|playstation|xbox|콘솔|스위치"),
        ) if re.search(pattern, folded)]
        if targets:
            keyboard_only = re.search(r"keyboard only|keyboard-only|키보드만|키보드 전용", folded)
            mode = InputMode.KEYBOARD if keyboard_only else InputMode.BOTH
            if "mobile" in targets and len(targets) == 1:
                mode = InputMode.TOUCH if re.search(r"touch only|터치 전용", folded) else InputMode.BOTH
            return targets, mode, stated(", ".join(targets), f"{pair.key}: {pair.value}", pair.line)
    return ["web"], InputMode.BOTH, default("web", "no platform given; a web build for keyboard "
                                                   "and touch")


# ---------------------------------------------------------------------------- win / lose

DEFAULT_WIN = {
    Genre.PLATFORMER: "Reach the goal at the end of the last level.",
    Genre.TOPDOWN: "Find the keys, open the doors and reach the exit of the last level.",
    Genre.SHOOTER: "Survive every wave and defeat the last level's enemies.",
    Genre.PUZZLE: "Push every crate onto a goal in every level.",
    Genre.RUNNER: "Reach the finish line of the last level.",
}
DEFAULT_LOSE = {
    Genre.PUZZLE: "None: a stuck level can be undone or restarted.",
}


def find_condition(doc: Document, kind: Kind, genre: Genre) -> Found[str]:
    for pair, _ in doc.pairs(kind):
        return stated(_sentence(pair.value), f"{pair.key}: {pair.value}", pair.line)
    for section in doc.sections_of(kind):
        for line in section.body:
            text = plain(line.text).lstrip("-*• ")
            if len(text) >= 8:
                return stated(_sentence(text), text, line.number)
    if kind == Kind.WIN:
        return default(DEFAULT_WIN[genre], "no win condition given")
    return default(DEFAULT_LOSE.get(genre, "Lose every life."), "no lose condition given")


def _sentence(text: str) -> str:
    text = plain(text)
    return text if len(text) <= 200 else text[:199].rstrip() + "…"


# ---------------------------------------------------------------------------- score

# The word after "kill" / "clear" ("kills", "clearance", "클리어시") is bounded: unbounded, a
# 100 KB word holding "kill" every few letters was read to its end from each of them.
_PER_ENEMY = re.compile(r"(\d{1,5})\s*+(?:points?|pts?|점)\s*+(?:per|for each|for every|each)\s*+"
                        r"(?:enemy|kill|defeated enemy)|(?:enemy|kill|적 ?처치)\w{0,64}\s*+[:=]?\s*+"
                        r"(\d{1,5})\s*+(?:points?|pts?|점)", re.IGNORECASE)
_PER_LEVEL = re.compile(r"(?:level|stage|레벨|스테이지)\s*+(?:clear(?:ed)?|complete[d]?|클리어)\w{0,64}\s*+"
                        r"[:=]?\s*+\+?(\d{1,6})\s*+(?:points?|pts?|점)|(\d{1,6})\s*+(?:points?|pts?|점)?\s*+"
                        r"(?:per|for each|for every)\s*+(?:level|stage)", re.IGNORECASE)
_TIME_BONUS = re.compile(r"time bonus|speed bonus|faster.{0,20}(more|bonus)|시간 ?보너스", re.IGNORECASE)


def find_score(doc: Document) -> dict[str, int | bool]:
    rules: dict[str, int | bool] = {}
    for line, _ in doc.game_lines():
        text = plain(line.text)
        match = _PER_ENEMY.search(text)
        if match and "per_enemy" not in rules:
            rules["per_enemy"] = int(match.group(1) or match.group(2))
        match = _PER_LEVEL.search(text)
        if match and "per_level" not in rules:
            rules["per_level"] = int(match.group(1) or match.group(2))
        if _TIME_BONUS.search(text):
            rules["time_bonus"] = True
    return rules

