"""What a GDD says its music and effects sound like: instruments, tempo words, effect words.

"Slow harp and cello", "느린 피아노", "a crackly fire jump", "soft coin chime": a designer who
describes the sound should hear it. Read only from lines about sound (an audio section, or a
line that names music or an effect), so "slow enemies" or "the bells of the church" in the
story change nothing, in English and Korean. The words go into the spec as names
(``audio.instruments``, ``audio.effects``); :mod:`maestro.audio` owns what they sound like.
"""

import re
from collections.abc import Iterator
from typing import TypeVar

from maestro.gdd.document import Document
from maestro.gdd.evidence import Found, inferred
from maestro.gdd.lexicon import Kind
from maestro.gdd.text import fold, plain

#: What a table names: an instrument, effect or word (str), or a tempo (int, BPM).
Name = TypeVar("Name")

#: Instruments by name: (name, English words as a regex alternation, Korean words).
INSTRUMENTS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("electric_guitar", r"electric guitars?|distorted guitars?|guitar riffs?|power chords?",
     ("일렉 기타", "일렉기타", "전자 기타", "전기 기타")),
    ("guitar", r"(?:acoustic )?guitars?|ukuleles?|banjos?|lutes?",
     ("어쿠스틱 기타", "통기타", "우쿨렐레", "기타 연주")),
    ("piano", r"pianos?|rhodes|harpsichord", ("피아노", "건반", "하프시코드")),
    ("harp", r"harps?|lyres?|kotos?|gayageum", ("하프", "가야금", "리라")),
    ("cello", r"cellos?|violoncellos?|double bass|upright bass|contrabass", ("첼로", "콘트라베이스")),
    ("strings", r"strings|string section|violins?|violas?|fiddles?|orchestra",
     ("현악", "바이올린", "비올라", "오케스트라")),
    ("flute", r"flutes?|recorders?|pan ?pipes?|ocarinas?|whistles?|piccolos?|clarinets?|oboes?",
     ("플루트", "피리", "오카리나", "리코더", "단소", "대금", "클라리넷", "오보에")),
    ("bells", r"bells?|glockenspiel|chimes?|music ?box|celesta|xylophones?|marimbas?|vibraphones?|kalimbas?",
     ("종소리", "벨", "글로켄슈필", "오르골", "실로폰", "마림바", "칼림바", "차임")),
    ("organ", r"organs?|harmonium|accordions?", ("오르간", "아코디언")),
    ("brass", r"brass|trumpets?|horns?|trombones?|tubas?|fanfares?|saxophones?|sax",
     ("트럼펫", "금관", "호른", "트롬본", "팡파레", "색소폰")),
    ("choir", r"choirs?|choral|chants?|humming", ("합창", "성가", "허밍", "코러스")),
    ("bass", r"bass guitars?|slap bass|basslines?|bass lines?|synth bass", ("베이스 기타", "베이스")),
    ("synth", r"synths?|synthesi[sz]ers?|arpeggiators?|analog pads?", ("신디사이저", "신스", "신시사이저")),
)
#: Tempo words: (BPM they ask for when no number is given, English, Korean).
TEMPO_WORDS: tuple[tuple[int, str, tuple[str, ...]], ...] = (
    (72, r"slow|slower|very calm|relaxed|laid[- ]back|leisurely|gentle|lullaby|lazy|sleepy|unhurried|andante|adagio",
     ("느린", "느리게", "느긋한", "잔잔한", "차분한", "자장가", "여유로운")),
    (156, r"fast|faster|upbeat|up-tempo|uptempo|driving|energetic|frantic|high[- ]energy|quick|racing|pumping|"
          r"allegro|presto|hyper", ("빠른", "빠르게", "신나는", "경쾌한", "긴박한", "질주")),
)
#: Effect kinds (maestro.audio.sfx) by the words a GDD calls them.
EFFECT_NAMES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("double_jump", r"double[- ]jumps?", ("더블 점프", "이단 점프", "2단 점프")),
    ("jump", r"jumps?|jumping|hops?", ("점프", "도약")),
    ("land", r"land|landing|landings", ("착지",)),
    ("collect", r"coins?|pick-?ups?|collect(?:ing|ion|ibles?)?|gems?|rings?|stars?",
     ("코인", "수집", "획득", "줍기", "동전")),
    ("powerup", r"power[- ]?ups?", ("파워업", "강화")),
    ("hurt", r"hurt|hits?|damage|ouch|getting hit|bump(?:ing)? into", ("피격", "데미지", "맞을", "다칠", "부딪")),
    ("attack", r"attacks?|slash(?:es)?|swings?|swords?|punch(?:es)?|melee", ("공격", "베기", "칼")),
    ("shoot", r"shots?|shoot(?:ing)?|lasers?|blasters?|gunfire|bullets?", ("발사", "총소리", "레이저", "사격")),
    ("explosion", r"explosions?|explod(?:e|es|ing)|booms?|blasts?", ("폭발",)),
    ("key", r"keys?", ("열쇠",)),
    ("door", r"doors?|gates?", ("문",)),
    ("push", r"push(?:es|ing)?|shov(?:e|ing)", ("밀기", "밀 때")),
    ("undo", r"undo|rewind", ("되돌리기", "실행 취소")),
    ("stomp", r"stomps?", ("밟기",)),
    ("dash", r"dash(?:es)?", ("대시", "돌진")),
    ("select", r"menus?|ui|clicks?|select(?:ion)?", ("메뉴", "선택")),
    ("pause", r"pause", ("일시정지", "일시 정지")),
    ("win", r"win|victory|level clear|level complete", ("승리", "클리어")),
    ("lose", r"lose|losing|game over|death|dying", ("패배", "게임 오버", "게임오버", "죽음")),
    ("step", r"steps?|footsteps?|walking", ("발소리", "걸음")),
)
#: Words that shape an effect, by what they ask of it (maestro.audio.sfx.shape reads the names).
EFFECT_WORDS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("crackly", r"crackl\w*|crunchy|crispy|fiery|sizzl\w*|static|gritty|fizz\w*|burning",
     ("지글", "바삭", "타닥", "치지직", "불꽃", "불타는")),
    ("soft", r"soft|gentle|quiet|subtle|muted|mellow|delicate|faint|light",
     ("부드러운", "잔잔한", "조용한", "은은한", "작은 소리")),
    ("loud", r"loud|punchy|powerful|big|huge|heavy|booming|chunky|impactful|satisfying",
     ("강렬한", "묵직한", "시원한", "큰 소리", "웅장한")),
    ("deep", r"deep|low|bassy|thud\w*|thump\w*|rumbl\w*", ("낮은", "둔탁한", "쿵")),
    ("high", r"high|high-pitched|squeaky|chirpy|bright|tinny|tiny|cute|sparkly", ("높은", "귀여운", "맑은", "삑")),
    ("bouncy", r"bouncy|boing\w*|springy|rubbery|squishy|jelly", ("통통", "뿅", "말랑", "탱탱")),
    ("metallic", r"metallic|metal|clang\w*|ringing|bell|chime|ding|clink\w*", ("금속", "쨍", "딩", "땡", "종소리")),
    ("watery", r"watery|bubbl\w*|splash\w*|bloop|plop|liquid|drip\w*|water", ("물소리", "뽀글", "첨벙", "물방울")),
    ("retro", r"retro|8-?bit|chiptune|bleep\w*|blip\w*|arcade", ("8비트", "레트로", "뿅뿅")),
    ("short", r"short|snappy|quick|crisp|tight|click\w*", ("짧은", "짧게")),
    ("long", r"long|sustained|lingering|echo\w*|reverb\w*", ("긴", "길게", "울리는", "메아리")),
    ("whoosh", r"whoosh\w*|swish\w*|woosh\w*|airy|wind\w*", ("휙", "쉭", "바람")),
    ("magical", r"magic\w*|twinkl\w*|shimmer\w*|glitter\w*|sparkl\w*", ("반짝", "마법", "신비")),
)
#: A line is about sound when it is in an audio section or says one of these.
_SOUNDISH = re.compile(r"\b(?:music|soundtrack|bgm|tempo|songs?|melod(?:y|ies)|sounds?|sfx|audio|instruments?)\b"
                       r"|음악|배경음|사운드|효과음|소리|멜로디|악기|템포|오디오")
_SENTENCE = re.compile(r"[.;!?。\n]|\s+-\s+")
_CHUNK = re.compile(r",|\band\b|\bbut\b|그리고|하고")
_EFFECT_LINE = re.compile(r"\bsfx\b|sound effects?|\beffects?\s*:|효과음")
_MUSICAL = re.compile(r"music|soundtrack|bgm|tempo|song|melod|음악|배경음|템포|멜로디|곡")


def _compile(table: tuple[tuple[Name, str, tuple[str, ...]], ...]) -> list[tuple[Name, re.Pattern[str]]]:
    """English words as whole words; Korean ones anywhere (compounds have no spaces: 점프소리)."""
    compiled: list[tuple[Name, re.Pattern[str]]] = []
    for name, english, korean in table:
        words = [rf"(?<![\w-])(?:{english})(?![\w-])", *map(re.escape, korean)]
        compiled.append((name, re.compile("|".join(words))))
    return compiled


_INSTRUMENTS = _compile(INSTRUMENTS)
_TEMPO = _compile(TEMPO_WORDS)
_EFFECTS = _compile(EFFECT_NAMES)
_SHAPES = _compile(EFFECT_WORDS)


def _sound_lines(doc: Document) -> Iterator[tuple[str, int, bool]]:
    """Text (lower case, punctuation kept: it splits the sentences), line number and whether it sits
    in an audio section, of every game line about sound."""
    for line, section in doc.game_lines():
        text = plain(line.text).casefold()
        in_audio = Kind.AUDIO in section.effective_kinds
        if in_audio or _SOUNDISH.search(fold(text)):
            yield text, line.number, in_audio


def _found(patterns: list[tuple[Name, re.Pattern[str]]], text: str) -> list[tuple[int, Name]]:
    return sorted((match.start(), name) for name, regex in patterns for match in regex.finditer(text))


def _chunks(text: str) -> Iterator[str]:
    """The parts of each sentence between commas and "and": one thing described per part, mostly."""
    for sentence in _SENTENCE.split(text):
        yield from (fold(chunk) for chunk in _CHUNK.split(sentence) if chunk.strip())


def fold_keeping_colons(text: str) -> str:
    """:func:`fold`, but a label's colon stays ("jump: crackly" is a label, "crackly jump" is not)."""
    return " : ".join(fold(part) for part in text.split(":"))


def _only_words(chunk: str) -> bool:
    """Whether a part of a sentence is nothing but effect words (and articles)."""
    rest = chunk
    for _, regex in _SHAPES:
        rest = regex.sub(" ", rest)
    return not re.sub(r"\b(?:a|an|the|very|really|quite)\b|[\s:]", "", rest)


def find_instruments(doc: Document) -> list[str]:
    """The instruments the GDD names for its music, in the order it names them (at most four).

    A part of a sentence that names an effect ("a soft coin chime") describes that effect, not the band.
    """
    named: list[str] = []
    for text, _, _ in _sound_lines(doc):
        for sentence in _SENTENCE.split(text):
            if _EFFECT_LINE.search(sentence) and not _MUSICAL.search(fold(sentence)):
                continue  # "SFX: ... a bright chime": an effect, not the band
            named.extend(_instruments_in(sentence, named))
    return named[:4]


def _instruments_in(sentence: str, named: list[str]) -> list[str]:
    found: list[str] = []
    for chunk in map(fold, _CHUNK.split(sentence)):
        if _found(_EFFECTS, chunk) and not _MUSICAL.search(chunk):
            continue
        for _, name in _found(_INSTRUMENTS, chunk):
            if name not in named + found and not _shadowed(name, named + found):
                found.append(name)
    return found


def _shadowed(name: str, named: list[str]) -> bool:
    """'electric guitar' also matches 'guitar': one instrument, not two."""
    return name == "guitar" and "electric_guitar" in named


def find_tempo_word(doc: Document) -> Found[int] | None:
    """The tempo a word asks for ("slow harp", "upbeat chiptune", "빠른 템포") when no number is given:
    in an audio section, or on a line about the music ("the enemies are slow" is not)."""
    for text, number, in_audio in _sound_lines(doc):
        if not (in_audio or _MUSICAL.search(fold(text))):
            continue
        for chunk in _chunks(text):
            if _found(_EFFECTS, chunk) and not _MUSICAL.search(chunk):
                continue
            found = _found(_TEMPO, chunk)
            if found:
                bpm = found[0][1]
                return inferred(bpm, f"{bpm} BPM: the GDD asks for {'slow' if bpm < 100 else 'fast'} music "
                                     f"(line {number})")
    return None


def find_effect_words(doc: Document) -> dict[str, list[str]]:
    """Effect kind -> the words that describe it ("crackly fire jump" -> {"jump": ["crackly"]}).

    Words go to the effects named in the same part of a sentence (between commas and "and"), or
    to a label's ("Jump: crackly, fiery"), and a part of adjectives only to the next part's ("deep,
    booming explosions"); a part about the music describes no effect, and a part that names
    none describes nothing (in "springy jump, bright chime for dewdrops" the chime is not the jump's).
    """
    effects: dict[str, list[str]] = {}
    for text, _, _ in _sound_lines(doc):
        for sentence in _SENTENCE.split(text):
            labelled: list[str] = []
            carried: list[str] = []
            for chunk in map(fold_keeping_colons, _CHUNK.split(sentence)):
                if _MUSICAL.search(chunk):
                    labelled, carried = [], []
                    continue
                kinds = list(dict.fromkeys(name for _, name in _found(_EFFECTS, chunk)))
                if kinds:
                    head, colon, _ = chunk.partition(":")
                    labelled = kinds if colon and _found(_EFFECTS, head) else []
                shapes = carried + [name for _, name in _found(_SHAPES, chunk)]
                carried = []
                if not kinds and not labelled and _only_words(chunk):
                    carried = shapes  # "deep, booming explosions": the adjectives before the noun
                    continue
                for kind in kinds or labelled:
                    words = effects.setdefault(kind, [])
                    words.extend(shape for shape in dict.fromkeys(shapes) if shape not in words)
    return {kind: words[:4] for kind, words in effects.items() if words}
