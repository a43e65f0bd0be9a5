"""Which sprite archetype a thing in a GDD is drawn as, read from its name, kind and behaviour.

A name like "Cave Bat" or 흡혈 박쥐 says what to draw long before any art is made, so the reading sits
with the rest of the GDD reading, in English and Korean keyword tables. It returns archetype names as
plain strings and imports nothing from :mod:`maestro.art`: the art package draws whatever name comes
back, and a test holds the two together (every name in :data:`ARCHETYPE_NAMES` has a drawing).
"""

from __future__ import annotations

import re

# --- keyword tables -------------------------------------------------------------------------------
# Keyword rules, tried in order; the first archetype with a keyword in the name wins. English keywords
# match whole words (plurals too); five letters or more also match inside a word ("Gatekeeper"), and a
# leading "~" lets a short one end a compound ("Dewdrop", "Sweeperbot"). Korean keywords match anywhere
# (Korean compounds have no spaces: 도토리벌레), except those marked "=", which must be a whole word
# because the syllable hides inside others (개 in 개구리 and 안개, 쥐 in 박쥐). Order settles clashes:
# machines before animals (벌떼 드론 is a drone, not a bee), nouns before adjectives (Fire Bat is a bat,
# Rock Turret a turret), and titles last (Bone Warden is a skeleton, Comet Queen a comet).
_CREATURE_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("turret", ("turret", "cannon", "searchlight", "tower", "gun", "gunner", "artillery", "mortar", "launcher",
                "emplacement", "포탑", "대포", "포대", "터렛", "기관총", "탐조등")),
    ("fighter", ("fighter", "jet", "interceptor", "bomber", "lancer", "raider", "striker", "gunship", "warplane",
                 "전투기", "폭격기", "요격기", "비행기")),
    ("saucer", ("saucer", "ufo", "disc", "disk", "비행접시", "유에프오")),
    ("ship", ("~ship", "rocket", "shuttle", "cruiser", "frigate", "우주선", "함선", "전함", "로켓", "비행선")),
    ("mine", ("mine", "bomb", "spikeball", "urchin", "기뢰", "지뢰", "폭탄", "가시공")),
    ("robot", ("robot", "android", "mech", "automaton", "cyborg", "machine", "로봇", "기계")),
    ("drone", ("drone", "~bot", "sentry", "sentinel", "probe", "scanner", "camera", "copter", "드론", "정찰기",
               "감시")),
    ("eye", ("eye", "eyeball", "core", "hexa", "watcher", "beholder", "iris", "눈알", "눈동자", "코어", "=핵", "=눈")),
    ("jelly", ("jelly", "jellyfish", "medusa", "balloon", "squid", "octopus", "kraken", "해파리", "젤리", "풍선",
               "문어", "오징어")),
    ("comet", ("comet", "meteor", "star", "asteroid", "혜성", "유성", "=별")),
    ("ghost", ("ghost", "spirit", "wraith", "phantom", "specter", "spectre", "spook", "wailing", "wail", "banshee",
               "poltergeist", "soul", "ghoul", "haunt", "apparition", "유령", "귀신", "망령", "영혼", "혼령", "원혼")),
    ("skeleton", ("skeleton", "skull", "skelly", "lich", "zombie", "mummy", "undead", "해골", "스켈레톤", "좀비",
                  "미라", "언데드")),
    ("golem", ("golem", "statue", "gargoyle", "yeti", "ape", "gorilla", "troll", "ogre", "colossus", "titan",
               "sasquatch", "bigfoot", "haetae", "boulder", "골렘", "석상", "=거인", "예티", "설인", "고릴라", "트롤",
               "해태", "바위")),
    ("bat", ("bat", "vampire", "moth", "butterfly", "~fly", "박쥐", "나방", "흡혈")),
    ("bird", ("bird", "owl", "crow", "raven", "hawk", "eagle", "falcon", "gull", "seagull", "pigeon", "dove",
              "crane", "magpie", "parrot", "duck", "chicken", "hen", "rooster", "vulture", "harpy", "griffin",
              "penguin", "sparrow", "swallow", "kestrel", "heron", "stork", "까마귀", "까치", "올빼미", "부엉이",
              "비둘기", "참새", "독수리", "갈매기", "제비", "오리", "펭귄", "=새", "=매", "=학", "=닭")),
    ("spider", ("spider", "tarantula", "arachnid", "widow", "mite", "거미")),
    ("crab", ("crab", "lobster", "crayfish", "shrimp", "prawn", "hermit", "=게", "꽃게", "소라게", "가재", "집게")),
    ("beetle", ("beetle", "~bug", "ant", "bee", "wasp", "hornet", "scarab", "weevil", "roach", "insect", "mantis",
                "locust", "grasshopper", "larva", "grub", "worm", "centipede", "scorpion", "tick", "딱정벌레", "벌레",
                "개미", "=벌", "말벌", "곤충", "풍뎅이", "전갈", "지네", "애벌레")),
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
    ("cat", ("cat", "kitten", "kitty", "lion", "tiger", "panther", "lynx", "leopard", "rat", "mouse", "mice",
             "rodent", "squirrel", "hedgehog", "weasel", "ferret", "raccoon", "고양이", "냥이", "=쥐", "생쥐", "들쥐",
             "호랑이", "사자", "고슴도치", "다람쥐", "족제비")),
    ("wolf", ("wolf", "wolves", "dog", "hound", "jackal", "coyote", "hyena", "bear", "boar", "werewolf", "cerberus",
              "mutt", "puppy", "늑대", "=개", "들개", "강아지", "사냥개", "=곰", "멧돼지", "하이에나")),
    ("slime", ("slime", "blob", "ooze", "goo", "gel", "pudding", "sludge", "gloop", "tofu", "슬라임", "점액")),
    ("wisp", ("wisp", "sprite", "lantern", "lamp", "candle", "will", "fairy", "pixie", "phoenix", "도깨비불",
              "등불", "랜턴", "정령", "요정", "촛불")),
    ("knight", ("knight", "soldier", "guard", "warrior", "paladin", "samurai", "armor", "armour", "기사", "병사",
                "전사", "경비병", "무사", "=경비")),
    ("hero", ("hero", "adventurer", "boy", "girl", "kid", "child", "ranger", "elf", "용사", "모험가", "소년", "소녀")),
    ("blob", ("imp", "demon", "devil", "goblin", "oni", "gremlin", "monster", "beast", "fiend", "critter",
              "mimic", "도깨비", "임프", "악마", "마귀", "괴물", "고블린", "오니", "요괴")),
)
#: Adjectives and materials: only when no creature noun matched (Fire Bat is a bat, a lone Flame a wisp).
_WEAK_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("skeleton", ("bone", "bones", "뼈")),
    ("wisp", ("fire", "flame", "ember", "spark", "blaze", "inferno", "=불", "불꽃", "불씨", "불길")),
    ("golem", ("rock", "stone", "iron", "steel", "giant", "=돌", "강철", "거대")),
    ("plant", ("thorn", "thorny", "=가시")),
    ("mine", ("spike", "spiky", "spiked")),
    ("ghost", ("hollow", "shadow", "dark", "shade", "wailing", "mask", "그림자", "어둠", "가면")),
)
#: Titles say rank, not shape: robed ones become ghosts, the rest knights (or, for a boss, a golem or warship).
_ROBED = ("abbot", "priest", "monk", "bishop", "mage", "wizard", "witch", "sorcerer", "shaman", "necromancer",
          "마법사", "마녀", "사제", "주술사")
_TITLES = ("king", "queen", "lord", "lady", "emperor", "empress", "prince", "princess", "baron", "duke", "warden",
           "keeper", "gatekeeper", "guardian", "chief", "general", "captain", "archer", "boss", "=왕", "여왕", "군주",
           "수호자", "문지기", "묘지기", "대장", "장군", "궁수", "보스")
_ITEM_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("key", ("key", "열쇠", "=키")),
    ("crate", ("crate", "box", "chest", "상자", "궤짝")),
    ("potion", ("potion", "flask", "bottle", "elixir", "tonic", "vial", "oil", "물약", "포션", "=병", "=약", "기름")),
    ("shield", ("shield", "armor", "armour", "barrier", "방패", "보호막")),
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
                       "skeleton", "fish", "turtle", "snail", "mushroom", "blob", "wisp", "drone", "ship"})
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
_WORD = re.compile(r"[^\w]+")
#: Archetypes :func:`archetype_for` names outright, by kind or when no keyword matched.
_FIXED = ("ship", "hero", "bullet", "key", "crate", "bar", "mine", "saw", "coin", "ghost", "knight", "golem", "fighter")
#: Every archetype :func:`archetype_for` can return: the art package must have a drawing for each.
ARCHETYPE_NAMES: frozenset[str] = frozenset((
    *_FIXED,
    *(archetype for rules in (_CREATURE_RULES, _WEAK_RULES, _ITEM_RULES, _OBSTACLE_RULES) for archetype, _ in rules),
    *(archetype for pair in _BY_BEHAVIOUR.values() for archetype in pair),
))


def _has(kw: str, name: str, tokens: list[str]) -> bool:
    """Whether keyword ``kw`` (with its "~"/"=" marks) occurs in the casefolded ``name``."""
    if kw[0] == "=":
        return kw[1:] in tokens
    if not kw.isascii():
        return kw in name
    suffix = kw[0] == "~"
    kw = kw.lstrip("~")
    for token in tokens:
        if token in (kw, kw + "s", kw + "es") or (len(kw) >= 5 and kw in token):
            return True
        if suffix and token.endswith(kw) and len(token) - len(kw) >= 3:  # Dewdrop, but not Abbot
            return True
    return False


def _match(rules: tuple[tuple[str, tuple[str, ...]], ...], name: str, tokens: list[str]) -> str | None:
    for archetype, keywords in rules:
        if any(_has(kw, name, tokens) for kw in keywords):
            return archetype
    return None


def archetype_for(name: str, kind: str, behaviour: str | None = None, genre: str = "platformer") -> str:
    """The archetype to draw a thing called ``name`` of ``kind`` as: its name first, then kind and behaviour.

    Names are read in English and Korean ("Cave Bat", 흡혈 박쥐 -> bat). A shooter's player is always the
    ship, whatever it is called (제비호 is a ship named Swallow). Deterministic; case does not matter.
    """
    text = name.casefold().strip()
    tokens = [t for t in _WORD.split(text) if t]
    genre = str(genre)
    shooter = genre == "shooter"
    if kind == "player":
        if shooter:
            return "ship"
        found = _match(_CREATURE_RULES, text, tokens)
        return found if found in _PLAYABLE else "hero"
    if kind == "bullet":
        return "bullet"
    if kind == "key":
        return "key"
    if kind == "crate":
        return "crate"
    if kind == "obstacle":
        return _match(_OBSTACLE_RULES, text, tokens) or "bar"
    if kind == "hazard":
        return "mine" if _match((("mine", ("mine", "bomb", "spike", "spiky", "지뢰", "폭탄", "가시")),), text,
                                tokens) else "saw"
    if kind == "item":
        return _match(_ITEM_RULES, text, tokens) or "coin"
    found = _match(_CREATURE_RULES, text, tokens) or _match(_WEAK_RULES, text, tokens)
    if found:
        return found
    if any(_has(kw, text, tokens) for kw in _ROBED):
        return "ghost"
    boss = kind == "boss"
    if any(_has(kw, text, tokens) for kw in _TITLES):
        return ("fighter" if shooter else "golem") if boss else "knight"
    if boss:
        return "fighter" if shooter else "golem"
    key = behaviour if behaviour in _BY_BEHAVIOUR else None
    return _BY_BEHAVIOUR[key][1 if shooter else 0]

