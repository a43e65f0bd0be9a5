"""Which sprite archetype a thing in a GDD is drawn as, read from its name, its description, kind and behaviour.

A name like "Cave Bat" or 흡혈 박쥐 says what to draw long before any art is made, and where the name says
nothing ("Pip") the description usually does ("a small bunny who loves carrots"), so the reading sits
with the rest of the GDD reading, in English and Korean keyword tables. What chose the drawing (the
name, the description, or a fallback by kind and behaviour) is kept for the fidelity report. It returns
archetype names as plain strings and imports nothing from :mod:`maestro.art`: the art package draws whatever
name comes back, and a test holds the two together (every name in :data:`ARCHETYPE_NAMES` has a drawing).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# --- keyword tables -------------------------------------------------------------------------------
# Keyword rules, tried in order; the first archetype with a keyword in the name wins. English keywords
# match whole words (plurals too); five letters or more also match inside a word ("Gatekeeper"), and a
# leading "~" lets a short one end a compound ("Dewdrop", "Sweeperbot"). Korean keywords match anywhere
# (Korean compounds have no spaces: 도토리벌레), except those marked "=", which must be a whole word
# because the syllable hides inside others (개 in 개구리 and 안개, 쥐 in 박쥐). Order settles clashes:
# machines before animals (벌떼 드론 is a drone, not a bee), nouns before adjectives (Fire Bat is a bat,
# Rock Turret a turret), and titles last (Bone Warden is a skeleton, Comet Queen a comet). A description is
# read for its subject only (see _subjects): "a knight who hunts bats" is a knight, 박쥐를 사냥하는 기사 too.
_CREATURE_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("turret", ("turret", "cannon", "searchlight", "tower", "gun", "gunner", "artillery", "mortar", "launcher",
                "emplacement", "포탑", "대포", "포대", "터렛", "기관총", "탐조등")),
    ("fighter", ("fighter", "jet", "interceptor", "bomber", "lancer", "raider", "striker", "gunship", "warplane",
                 "전투기", "폭격기", "요격기")),
    ("plane", ("plane", "airplane", "aeroplane", "biplane", "seaplane", "propeller", "aircraft", "glider",
               "비행기", "경비행기", "복엽기", "글라이더", "수상비행기")),
    ("saucer", ("saucer", "ufo", "disc", "disk", "비행접시", "유에프오")),
    ("submarine", ("submarine", "=sub", "bathysphere", "bathyscaphe", "잠수함", "잠수정")),
    ("boat", ("boat", "~boat", "sailboat", "yacht", "ferry", "raft", "canoe", "kayak", "galleon",
              "보트", "요트", "뗏목", "돛단배", "카누", "범선", "해적선", "여객선", "=배", "=돛배")),
    ("ship", ("~ship", "rocket", "shuttle", "cruiser", "frigate", "우주선", "함선", "전함", "로켓", "비행선")),
    ("car", ("car", "~car", "kart", "truck", "bus", "taxi", "jeep", "automobile", "tractor", "buggy", "lorry",
             "자동차", "=차", "트럭", "버스", "카트", "택시", "경주차", "레이싱카", "트랙터", "지프")),
    ("mine", ("mine", "bomb", "spikeball", "urchin", "기뢰", "지뢰", "폭탄", "가시공")),
    ("robot", ("robot", "android", "mech", "automaton", "cyborg", "machine", "로봇", "기계")),
    ("drone", ("drone", "~bot", "sentry", "sentinel", "probe", "scanner", "camera", "copter", "드론", "정찰기",
               "감시")),
    ("eye", ("eye", "eyeball", "core", "hexa", "watcher", "beholder", "iris", "눈알", "눈동자", "코어", "=핵", "=눈")),
    ("jelly", ("jelly", "jellyfish", "medusa", "balloon", "squid", "octopus", "kraken", "해파리", "젤리", "풍선",
               "문어", "오징어")),
    ("comet", ("comet", "meteor", "star", "asteroid", "혜성", "유성", "=별")),
    ("flame", ("flame", "blaze", "inferno", "bonfire", "campfire", "wildfire", "hellfire", "불꽃", "화염", "불길",
               "모닥불")),
    ("droplet", ("droplet", "raindrop", "~drop", "drip", "물방울", "빗방울", "이슬방울")),
    ("ghost", ("ghost", "spirit", "wraith", "phantom", "specter", "spectre", "spook", "wailing", "wail", "banshee",
               "poltergeist", "soul", "ghoul", "haunt", "apparition", "유령", "귀신", "망령", "영혼", "혼령", "원혼")),
    ("skeleton", ("skeleton", "skull", "skelly", "lich", "zombie", "mummy", "undead", "해골", "스켈레톤", "좀비",
                  "미라", "언데드")),
    ("golem", ("golem", "statue", "gargoyle", "yeti", "ape", "gorilla", "troll", "ogre", "colossus", "titan",
               "sasquatch", "bigfoot", "haetae", "boulder", "골렘", "석상", "=거인", "예티", "설인", "고릴라", "트롤",
               "해태", "바위")),
    ("bat", ("bat", "vampire", "moth", "butterfly", "~fly", "박쥐", "나방", "흡혈")),
    ("bee", ("bee", "bumblebee", "honeybee", "wasp", "hornet", "꿀벌", "=벌", "말벌", "호박벌")),
    ("penguin", ("penguin", "puffin", "펭귄")),
    ("bird", ("bird", "owl", "crow", "raven", "hawk", "eagle", "falcon", "gull", "seagull", "pigeon", "dove",
              "crane", "magpie", "parrot", "duck", "chicken", "hen", "rooster", "vulture", "harpy", "griffin",
              "sparrow", "swallow", "kestrel", "heron", "stork", "까마귀", "까치", "올빼미", "부엉이",
              "비둘기", "참새", "독수리", "갈매기", "제비", "오리", "=새", "=매", "=학", "=닭")),
    ("spider", ("spider", "tarantula", "arachnid", "widow", "mite", "거미")),
    ("crab", ("crab", "lobster", "crayfish", "shrimp", "prawn", "hermit", "=게", "꽃게", "소라게", "가재", "집게")),
    ("beetle", ("beetle", "~bug", "ant", "scarab", "weevil", "roach", "insect", "mantis",
                "locust", "grasshopper", "larva", "grub", "worm", "centipede", "scorpion", "tick", "딱정벌레", "벌레",
                "개미", "곤충", "풍뎅이", "전갈", "지네", "애벌레")),
    ("snail", ("snail", "slug", "nautilus", "달팽이")),
    ("turtle", ("turtle", "tortoise", "terrapin", "armadillo", "거북", "자라")),
    ("frog", ("frog", "toad", "newt", "salamander", "axolotl", "개구리", "두꺼비")),
    ("fish", ("~fish", "eel", "shark", "piranha", "carp", "koi", "whale", "serpent", "snake", "dragon", "wyrm",
              "leviathan", "물고기", "생선", "상어", "장어", "피라냐", "고래", "=뱀", "=용", "이무기")),
    ("mushroom", ("mushroom", "shroom", "fungus", "fungi", "spore", "toadstool", "버섯", "포자", "곰팡이")),
    ("plant", ("plant", "vine", "flower", "cactus", "weed", "bramble", "rose", "tree", "treant", "flytrap",
               "식물", "덩굴", "덤불", "=꽃", "선인장", "나무")),
    ("rabbit", ("rabbit", "hare", "bunny", "jackalope", "토끼")),
    ("fox", ("fox", "kitsune", "fennec", "여우")),
    ("mouse", ("mouse", "mice", "rat", "rodent", "hamster", "gerbil", "=쥐", "생쥐", "들쥐", "시궁쥐", "햄스터")),
    ("pig", ("pig", "piggy", "piglet", "hog", "boar", "swine", "돼지", "멧돼지")),
    ("cat", ("cat", "kitten", "kitty", "lion", "tiger", "panther", "lynx", "leopard", "squirrel", "hedgehog",
             "weasel", "ferret", "raccoon", "고양이", "냥이", "호랑이", "사자", "고슴도치", "다람쥐", "족제비")),
    ("wolf", ("wolf", "wolves", "dog", "hound", "jackal", "coyote", "hyena", "bear", "werewolf", "cerberus",
              "mutt", "puppy", "늑대", "=개", "들개", "강아지", "사냥개", "=곰", "하이에나")),
    ("slime", ("slime", "blob", "ooze", "goo", "gel", "pudding", "sludge", "gloop", "tofu", "슬라임", "점액", "두부")),
    ("wisp", ("wisp", "sprite", "lantern", "lamp", "candle", "will", "fairy", "pixie", "phoenix", "도깨비불",
              "등불", "랜턴", "정령", "요정", "촛불")),
    ("wizard", ("wizard", "mage", "sorcerer", "sorceress", "witch", "warlock", "magician", "enchanter",
                "enchantress", "archmage", "마법사", "마녀", "마술사", "=법사")),
    ("chef", ("chef", "cook", "baker", "요리사", "셰프", "주방장", "제빵사")),
    ("farmer", ("farmer", "gardener", "rancher", "farmhand", "농부", "정원사", "농사꾼")),
    ("ninja", ("ninja", "shinobi", "assassin", "rogue", "thief", "닌자", "자객", "암살자", "=도둑")),
    ("pirate", ("pirate", "buccaneer", "corsair", "privateer", "해적")),
    ("astronaut", ("astronaut", "cosmonaut", "spaceman", "spacewoman", "우주비행사", "우주 비행사", "우주인")),
    ("knight", ("knight", "soldier", "guard", "warrior", "paladin", "samurai", "armor", "armour", "기사", "병사",
                "전사", "경비병", "무사", "=경비")),
    ("hero", ("hero", "adventurer", "boy", "girl", "kid", "child", "ranger", "elf", "용사", "모험가", "소년", "소녀")),
    ("blob", ("imp", "demon", "devil", "goblin", "oni", "gremlin", "monster", "beast", "fiend", "critter",
              "mimic", "도깨비", "임프", "악마", "마귀", "괴물", "고블린", "오니", "요괴")),
)
#: Adjectives and materials: only when no creature noun matched (Fire Bat is a bat, a lone Ember a flame).
_WEAK_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("skeleton", ("bone", "bones", "뼈")),
    ("flame", ("fire", "ember", "=불", "불씨")),
    ("wisp", ("spark", "sparkle", "불티")),
    ("droplet", ("water", "rain", "aqua", "=물", "빗물")),
    ("golem", ("rock", "stone", "iron", "steel", "giant", "=돌", "강철", "거대")),
    ("plant", ("thorn", "thorny", "=가시")),
    ("mine", ("spike", "spiky", "spiked")),
    ("ghost", ("hollow", "shadow", "dark", "shade", "wailing", "mask", "그림자", "어둠", "가면")),
)
#: Titles say rank, not shape: robed ones become ghosts, the rest knights (or, for a boss, a golem or warship).
_ROBED = ("abbot", "priest", "monk", "bishop", "shaman", "necromancer", "사제", "주술사")
_TITLES = ("king", "queen", "lord", "lady", "emperor", "empress", "prince", "princess", "baron", "duke", "warden",
           "keeper", "gatekeeper", "guardian", "chief", "general", "captain", "archer", "boss", "=왕", "여왕", "군주",
           "수호자", "문지기", "묘지기", "대장", "장군", "궁수", "보스")
_ITEM_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("key", ("key", "열쇠", "=키")),
    ("crate", ("crate", "box", "chest", "상자", "궤짝")),
    ("potion", ("potion", "flask", "bottle", "elixir", "tonic", "vial", "oil", "물약", "포션", "=병", "=약", "기름")),
    ("shield", ("shield", "armor", "armour", "barrier", "방패", "보호막")),
    ("carrot", ("carrot", "parsnip", "당근")),
    ("apple", ("apple", "fruit", "cherry", "cherries", "berry", "berries", "peach", "plum", "tomato", "사과", "과일",
               "열매", "체리", "복숭아", "딸기", "토마토", "=감")),
    ("cheese", ("cheese", "치즈")),
    ("cake", ("cake", "~cake", "cookie", "biscuit", "pie", "donut", "doughnut", "muffin", "pastry", "candy",
              "sweet", "sweets", "케이크", "쿠키", "과자", "도넛", "머핀", "파이", "사탕", "=떡")),
    ("bread", ("bread", "loaf", "loaves", "baguette", "bun", "croissant", "toast", "빵", "바게트", "크루아상")),
    ("heart", ("heart", "leaf", "life", "health", "하트", "심장", "생명", "잎", "잎사귀")),
    ("drop", ("~drop", "dew", "tear", "water", "droplet", "이슬", "물방울")),
    ("candle", ("candle", "torch", "wax", "양초", "촛불", "=초", "횃불")),
    ("orb", ("orb", "pearl", "marble", "bead", "ball", "bubble", "구슬", "진주", "풍선", "비눗방울")),
    ("gem", ("gem", "crystal", "jewel", "diamond", "ruby", "emerald", "sapphire", "relic", "shard", "fragment",
             "prism", "보석", "수정", "크리스탈", "조각", "유물", "파편")),
    ("star_item", ("star", "shot", "powder", "powerup", "power", "boost", "booster", "spread", "twin", "rapid",
                   "laser", "upgrade", "=별", "부스터", "파워")),
    ("mine", ("bomb", "mine", "폭탄")),
    ("mushroom", ("mushroom", "버섯")),
    ("fish", ("~fish", "생선", "물고기")),
    ("coin", ("coin", "chip", "token", "gold", "money", "cash", "seed", "bean", "acorn", "nut", "medal",
              "동전", "금화", "은화", "코인", "도토리", "씨앗", "=콩", "메달")),
)
#: Shapes a player can sensibly be; anything else named for a player is still the hero.
_PLAYABLE = frozenset({"hero", "knight", "robot", "cat", "fox", "wolf", "rabbit", "bird", "frog", "slime", "ghost",
                       "skeleton", "fish", "turtle", "snail", "mushroom", "blob", "wisp", "drone", "ship", "plane",
                       "submarine", "boat", "car", "flame", "droplet", "mouse", "pig", "bee", "penguin", "wizard",
                       "chef", "farmer", "ninja", "pirate", "astronaut"})
#: What a shooter's player can be besides its ship: craft drawn from above, nose up, like the ship.
_SHOOTER_PLAYABLE = frozenset({"ship", "plane", "submarine", "boat", "fighter"})
#: Weak (adjective) readings a player's name may still take: a player called Ember is a living flame.
_PLAYER_WEAK = frozenset({"flame", "droplet"})
#: What an enemy moves like, when its name says nothing: (platform-type genres, shooter).
_BY_BEHAVIOUR: dict[str | None, tuple[str, str]] = {
    "fly": ("bat", "saucer"), "swoop": ("bat", "fighter"), "zigzag": ("bird", "drone"), "turret": ("turret", "turret"),
    "hop": ("frog", "fighter"), "chase": ("wolf", "fighter"), "patrol": ("beetle", "fighter"),
    "wander": ("beetle", "saucer"), None: ("blob", "fighter"),
}
#: Things a runner jumps over (anything else of kind obstacle hangs overhead: a bar).
_OBSTACLE_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("cactus", ("cactus", "cacti", "선인장")),
    ("chimney", ("chimney", "굴뚝")),
    ("stump", ("stump", "=log", "trunk", "그루터기", "통나무")),
    ("tombstone", ("tombstone", "gravestone", "headstone", "=grave", "묘비", "비석")),
    ("rock", ("rock", "boulder", "stone", "asteroid", "바위", "돌", "운석")),
    ("crate", ("crate", "box", "chest", "barrel", "상자", "궤짝", "나무통")),
)
#: Archetypes :func:`archetype_for` names outright, by kind or when no keyword matched.
_FIXED = ("ship", "hero", "bullet", "key", "crate", "bar", "mine", "saw", "coin", "ghost", "knight", "golem", "fighter")
#: Every archetype :func:`archetype_for` can return: the art package must have a drawing for each.
ARCHETYPE_NAMES: frozenset[str] = frozenset((
    *_FIXED,
    *(archetype for rules in (_CREATURE_RULES, _WEAK_RULES, _ITEM_RULES, _OBSTACLE_RULES) for archetype, _ in rules),
    *(archetype for pair in _BY_BEHAVIOUR.values() for archetype in pair),
))


Rules = tuple[tuple[str, tuple[str, ...]], ...]


@dataclass(frozen=True)
class Reading:
    """What a thing is drawn as, and what said so: its ``name``, its ``description``, or a ``fallback``.

    A fallback is the closest archetype Maestro has when neither the name nor the description named a
    drawing; ``why`` says what chose it instead (how it moves, its title, its kind), for the fidelity report.
    """

    archetype: str
    how: str  #: "name", "description" or "fallback"
    why: str = ""


@lru_cache(maxsize=4096)
def _pattern(kw: str) -> re.Pattern[str]:
    """The regex a keyword (with its "~"/"=" marks) stands for, in casefolded text."""
    if kw[0] == "=":
        return re.compile(rf"(?<!\w){re.escape(kw[1:])}(?!\w)")
    if not kw.isascii():
        return re.compile(re.escape(kw))
    if kw[0] == "~":  # Dewdrop, but not Abbot: at least three letters before it
        word = re.escape(kw[1:])
        return re.compile(rf"\b{word}(?:s|es)?\b|\B(?<=\w{{3}}){word}\b")
    if len(kw) >= 5:
        return re.compile(re.escape(kw))
    return re.compile(rf"\b{re.escape(kw)}(?:s|es)?\b")


def _has(kw: str, text: str) -> bool:
    """Whether keyword ``kw`` occurs in the casefolded ``text``."""
    return _pattern(kw).search(text) is not None


def _match(rules: Rules, text: str, allowed: frozenset[str] | None = None) -> str | None:
    """The first archetype in rule order with a keyword in ``text`` (names: order settles clashes)."""
    for archetype, keywords in rules:
        if (allowed is None or archetype in allowed) and any(_has(kw, text) for kw in keywords):
            return archetype
    return None


def _placed(rules: Rules, text: str, allowed: frozenset[str] | None, last: bool) -> str | None:
    """The archetype whose keyword comes first (or, for a Korean phrase, last) in ``text``."""
    best: tuple[int, str] | None = None
    for archetype, keywords in rules:
        if allowed is not None and archetype not in allowed:
            continue
        for kw in keywords:
            for m in _pattern(kw).finditer(text):
                at = -m.end() if last else m.start()
                if best is None or at < best[0]:
                    best = (at, archetype)
    return best[1] if best else None


# --- reading a description: who it is about -----------------------------------------------------
#: Where an English description names its subject: "Pip is a small bunny", "plays as a fox", "a tiny sub".
_EN_IS = re.compile(r"\b(?:is|as|are|was|becomes?|plays?|controls?|be|pilots?|flies|fly|drives?|rides?|steers?|"
                    r"sails?)\s+(?:an?|the|one|your|their|his|her)\s+(?:of\s+(?:several|many|the|a few|\w+)\s+)?(.*)")
#: ... or at the start, or after a comma or colon: "Players control Pip, a small bunny".
_EN_ARTICLE = re.compile(r"(?:^|[,:;(]\s*|\s[-–—]\s+)(?:an?|the)\s+(.*)")
#: Words that end the noun phrase naming the subject (what follows says what it does, not what it is).
_EN_STOP = frozenset((
    "who", "whom", "whose", "that", "which", "with", "and", "or", "but", "from", "of", "in", "on", "at", "to", "for",
    "by", "into", "onto", "through", "named", "called", "is", "are", "was", "were", "has", "have", "had", "can",
    "could", "will", "would", "must", "may", "might", "when", "while", "where", "than", "like", "as", "after",
    "before", "under", "over", "across", "along", "around", "against",
))
#: Korean copula endings: the noun before them is what the thing is (토끼입니다, 여우인, 잠수함이다).
_KO_IS = re.compile(r"(\w+?)(?:입니다|이에요|이었다|이였다|이다|이며|이고|이자|예요|였다|인데|인|이야|야|다)(?!\w)")
#: Korean particles that mark an object or a place, not the subject: 박쥐를 사냥하는 기사 is a knight.
_KO_OBJECT = re.compile(r"(?:을|를|에게|에서|에|와|과|으로|로|의|까지|부터|처럼)$")
_SENTENCE = re.compile(r"(?<=[.!?。])\s+|\n")


def _en_phrase(rest: str) -> str:
    """The noun phrase at the start of ``rest``: up to four words, ending at a clause word or a verb."""
    words: list[str] = []
    for word in re.split(r"\s+", rest.strip()):
        bare = re.sub(r"^\W+", "", word)
        token = re.sub(r"\W+$", "", bare)
        if not token or token in _EN_STOP or (words and token.endswith("ing") and len(token) > 5):
            break
        words.append(token)
        if token != bare or len(words) == 4:  # punctuation after it ends the phrase
            break
    return " ".join(words)


def _ko_phrase(text: str) -> str:
    """The Korean words of ``text`` that can be its subject (objects and places dropped), up to a full stop."""
    words = [w for w in re.split(r"\s+", re.split(r"[,.;:!?]", text, maxsplit=1)[0]) if w]
    return " ".join(w for w in words[:5] if not _KO_OBJECT.search(w))


_PERSON_COMPOUND = re.compile(r"\b\w+-(?:bearers?|keepers?|hunters?|seekers?|makers?|smiths?|riders?|walkers?|"
                              r"lighters?|tamers?|catchers?|slayers?|bringers?|herders?|sweepers?)\b")


def _subjects(description: str) -> list[tuple[str, bool]]:
    """Phrases of ``description`` that say what it is about, best first; each with whether it is Korean.

    "Pip is a small bunny who..." -> "small bunny"; "A knight who hunts bats" -> "knight"; 박쥐를 사냥하는
    기사이다 -> 기사. Only the first two sentences count: later ones say what it does, and to whom.
    """
    text = " ".join(_SENTENCE.split(description.casefold().strip())[:2])
    # A lantern-bearer or a dragon-slayer is a person, whatever the thing before the hyphen is.
    text = _PERSON_COMPOUND.sub("adventurer", text)
    phrases: list[tuple[str, bool]] = []
    phrases += [(m.group(1), True) for m in _KO_IS.finditer(text)]
    for pattern in (_EN_IS, _EN_ARTICLE):
        found = pattern.search(text)
        if found:
            phrases.append((_en_phrase(found.group(1)), False))
    first = text.split(" ", 1)[0]
    if not (first.endswith("s") and _placed(_CREATURE_RULES, first, None, last=False) is None):
        phrases.append((_en_phrase(text), False))  # not "Hunts mice...": a verb first names no subject
    if not text.isascii():
        phrases.append((_ko_phrase(text), True))
    return [(phrase, korean) for phrase, korean in phrases if phrase]


def _described(description: str, rules: Rules, allowed: frozenset[str] | None) -> str | None:
    for phrase, korean in _subjects(description):
        found = _placed(rules, phrase, allowed, last=korean)
        if found:
            return found
    return None


# --- the reading ----------------------------------------------------------------------------------
def _article(word: str) -> str:
    return ("an " if word[0] in "aeiou" else "a ") + word.replace("_", " ")


def archetype_reading(name: str, kind: str, behaviour: str | None = None, genre: str = "platformer",
                      description: str = "") -> Reading:
    """What a thing called ``name`` of ``kind`` is drawn as, and whether its name, description or a fallback said so.

    A keyword in the name wins ("Cave Bat", 흡혈 박쥐 -> bat); else the subject of the description ("Pip: a small
    bunny who loves carrots" -> rabbit, 작은 잠수함이다 -> submarine); else the closest archetype by kind and
    behaviour. A shooter's player is its ship unless name or description says it flies a plane, a submarine,
    a boat or a jet (제비호 is a ship named Swallow). Deterministic; case does not matter.
    """
    text = name.casefold().strip()
    genre = str(genre)
    shooter = genre == "shooter"
    if kind in ("bullet", "key", "crate"):
        return Reading(kind, "name")
    if kind == "obstacle":
        found = _match(_OBSTACLE_RULES, text)
        return Reading(found, "name") if found else Reading("bar", "fallback", "a bar to duck under")
    if kind == "hazard":
        spiked = _match((("mine", ("mine", "bomb", "spike", "spiky", "지뢰", "폭탄", "가시")),), text)
        return Reading("mine" if spiked else "saw", "name" if spiked or _has("saw", text) else "fallback",
                       "" if spiked else "a hazard")
    if kind == "item":
        found = _match(_ITEM_RULES, text)
        if found:
            return Reading(found, "name")
        found = _described(description, _ITEM_RULES, None)
        return Reading(found, "description") if found else Reading("coin", "fallback", "the default pickup")
    if kind == "player":
        allowed = _SHOOTER_PLAYABLE if shooter else _PLAYABLE
        weak = allowed & _PLAYER_WEAK
        # "Hero" / 주인공 is the name Maestro gives a player the GDD does not name: it says nothing.
        named = text not in ("hero", "주인공")
        found = (_match(_CREATURE_RULES, text, allowed) or _match(_WEAK_RULES, text, weak)) if named else None
        if found:
            return Reading(found, "name")
        found = _described(description, _CREATURE_RULES, allowed) or _described(description, _WEAK_RULES, weak)
        if found:
            return Reading(found, "description")
        return Reading("ship", "fallback", "a shooter's ship") if shooter else \
            Reading("hero", "fallback", "the default player")
    found = _match(_CREATURE_RULES, text) or _match(_WEAK_RULES, text)
    if found:
        return Reading(found, "name")
    found = _described(description, _CREATURE_RULES, None) or _described(description, _WEAK_RULES, None)
    if found:
        return Reading(found, "description")
    if any(_has(kw, text) for kw in _ROBED):
        return Reading("ghost", "fallback", "from its robed title")
    boss = kind == "boss"
    big = "fighter" if shooter else "golem"
    if any(_has(kw, text) for kw in _TITLES):
        return Reading(big, "fallback", "from its title") if boss else Reading("knight", "fallback", "from its title")
    if boss:
        return Reading(big, "fallback", "a boss")
    key = behaviour if behaviour in _BY_BEHAVIOUR else None
    return Reading(_BY_BEHAVIOUR[key][1 if shooter else 0], "fallback", "from how it moves")


def archetype_for(name: str, kind: str, behaviour: str | None = None, genre: str = "platformer",
                  description: str = "") -> str:
    """The archetype to draw a thing called ``name`` of ``kind`` as (see :func:`archetype_reading`)."""
    return archetype_reading(name, kind, behaviour, genre, description).archetype


def fallback_note(reading: Reading) -> str:
    """How the fidelity report says a thing was drawn as a fallback: what it is drawn as, and why."""
    return (f"no drawing for that name; drawn as the closest archetype, {_article(reading.archetype)}"
            + (f" ({reading.why})" if reading.why else ""))
