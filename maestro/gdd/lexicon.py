"""The words designers use, in English and Korean, mapped to what Maestro understands.

Every table is data: adding a synonym never needs a code change. Patterns are regular
expressions matched against `text.fold()`-ed text (lower case; Hangul untouched).
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import TypeVar

from maestro.gdd.text import fold
from maestro.spec import ArtStyle, Behaviour, Genre, ItemKind, Mechanic, Mood, MusicStyle


class Kind(StrEnum):
    """What a section or a `key: value` line is about."""

    TITLE = "title"
    SUMMARY = "summary"
    GENRE = "genre"
    PLATFORM = "platform"
    CONTROLS = "controls"
    PLAYER = "player"
    CHARACTERS = "characters"
    ENEMIES = "enemies"
    BOSS = "boss"
    ITEMS = "items"
    MECHANICS = "mechanics"
    LEVELS = "levels"
    LEVEL_COUNT = "level_count"
    LIVES = "lives"
    HEALTH = "health"
    TEMPO = "tempo"
    AUDIO = "audio"
    MUSIC_KEY = "music_key"
    MOOD = "mood"
    ART = "art"
    PALETTE = "palette"
    WIN = "win"
    LOSE = "lose"
    RULES = "rules"
    SCORE = "score"
    SESSION = "session"
    SEED = "seed"
    STORY = "story"
    # Sections whose numbers and words are about making the game, not the game itself.
    TECH = "tech"
    TEAM = "team"
    SCHEDULE = "schedule"
    BUSINESS = "business"
    META = "meta"
    TODO = "todo"
    CUT = "cut"


# Sections that talk about the production, not the game: their numbers are never level counts
# or lives, and their words never add mechanics.
OFF_GAME = frozenset({Kind.TECH, Kind.TEAM, Kind.SCHEDULE, Kind.BUSINESS, Kind.META, Kind.TODO,
                      Kind.CUT})

#: The player moves forward by itself: what makes a runner, whatever the document calls its genre.
AUTO_FORWARD = (r"(moves?|moving|runs?|running|scrolls?) (automatically )?forward (automatically|on (its|his|her|"
                r"their) own|by itself)|automatically (moves?|runs?|scrolls?)( forward)?|auto[- ]?(run|runs|running)\b")

# `key: value` keys -> field, matched against the whole folded key.
KEY_PATTERNS: tuple[tuple[Kind, str], ...] = (
    (Kind.TITLE, r"(game |working |project |official )?(title|name)( of the game)?|game|project|"
                 r"제목|게임 ?명|게임 ?이름|게임 ?제목|타이틀|가제|작품 ?명|프로젝트 ?명|프로젝트|작품"),
    (Kind.SUMMARY, r"(elevator )?pitch|logline|log line|high[- ]concept|concept|summary|one[- ]liner|"
                   r"tag ?line|premise|한 ?줄 ?(소개|요약|설명)|컨셉|콘셉트|요약|개요|한줄소개"),
    (Kind.GENRE, r"(game )?genre|game type|type of game|장르|게임 ?장르"),
    (Kind.PLATFORM, r"(target )?platforms?|devices?|플랫폼|대상 ?플랫폼|타겟 ?플랫폼"),
    (Kind.CONTROLS, r"controls?|control scheme|input|inputs|keys|key ?bindings|조작|조작 ?(법|방법|키)|"
                    r"입력|키 ?(설정|배치)|컨트롤"),
    (Kind.PLAYER, r"(the )?(player( character)?|player avatar|pc|protagonist|main character|hero|"
                  r"heroine)|playable character|you play as|character|(주인공|플레이어|메인) ?(캐릭터|기체|이름)?|"
                  r"캐릭터|자기 ?기체|플레이어 ?기체"),
    (Kind.ENEMIES, r"enem(y|ies)( types| roster| list)?|foes?|monsters?|baddies|bad guys|"
                   r"opponents?|적|적 ?(캐릭터|유닛|종류|목록)|몬스터|적군|적들"),
    (Kind.BOSS, r"(final |end |main )?boss(es)?( fight| battle)?|보스|최종 ?보스"),
    (Kind.ITEMS, r"items?|collectibles?|pick-?ups?|power-?ups?|treasures?|loot|아이템|수집품|"
                 r"수집 ?요소|파워업|보물"),
    (Kind.MECHANICS, r"(core |key |main )?mechanics?|abilities|moves|moveset|actions|verbs|"
                     r"core loop|gameplay|메카닉|(핵심 )?메커니즘|능력|핵심 ?메카닉|액션|시스템|게임플레이"),
    (Kind.LEVEL_COUNT, r"(number of |# ?of |no\.? of |total )?(levels?|stages?|worlds?|floors?|"
                       r"dungeons?|rounds?|missions?|areas?|zones?)( count| total)?|level ?count|"
                       r"stage ?count|(총 )?(레벨|스테이지|층|월드|던전|라운드|맵) ?(수|개수)?|층수"),
    (Kind.LIVES, r"(number of |starting |extra )?lives|life|continues|목숨|생명|라이프|잔기"),
    (Kind.HEALTH, r"(player )?(hp|health|hit ?points|hearts?)|체력|하트|hp"),
    (Kind.TEMPO, r"tempo|bpm|(music )?speed|템포|빠르기"),
    (Kind.AUDIO, r"audio|music|sound(track)?|bgm|sfx|sound effects|score|사운드|음악|배경 ?음악|"
                 r"bgm|효과음|오디오"),
    (Kind.MUSIC_KEY, r"(musical )?key|scale|mode|tonality|조성|음계|키"),
    (Kind.MOOD, r"mood|tone|atmosphere|feel(ing)?|vibe|분위기|톤|느낌"),
    (Kind.ART, r"(art|visual|graphics?|graphic) ?(style|direction)?|visuals|look( and feel)?|"
               r"aesthetics?|아트( ?스타일)?|그래픽( ?스타일)?|비주얼|화풍|스타일|아트 ?디렉션"),
    (Kind.PALETTE, r"(colou?r )?palette|colou?rs?|colou?r scheme|색상|팔레트|색감|컬러"),
    (Kind.WIN, r"win( condition| state)?|victory( condition)?|goal|objective|how to win|"
               r"win/lose|승리( ?조건)?|목표|클리어( ?조건)?|게임 ?목표"),
    (Kind.LOSE, r"lose( condition| state)?|loss( condition)?|fail( state| condition)?|"
                r"game over|defeat|death|how to lose|패배( ?조건)?|게임 ?오버|실패( ?조건)?"),
    (Kind.SCORE, r"scor(e|ing)( system| rules)?|points|점수( ?시스템)?|스코어"),
    (Kind.SESSION, r"(average |target )?(session|play ?time|playtime|game length|length|duration)"
                   r"( length)?|플레이 ?(시간|타임)|세션( ?길이)?|게임 ?시간"),
    (Kind.SEED, r"(random )?seed|시드"),
)

# Section headings -> kinds; searched (not full-matched) in the folded heading.
HEADING_PATTERNS: tuple[tuple[Kind, str], ...] = (
    (Kind.CUT, r"\bcut\b|scrapped|out of scope|not in scope|stretch goals?|future (ideas|plans)|"
               r"parking lot|wishlist|backlog|제외|보류|추후|향후"),
    (Kind.TODO, r"\btodo\b|to-do|open questions?|questions|tbd|fixme|known issues|notes? to self|"
                r"할 ?일|질문|이슈"),
    (Kind.META, r"table of contents|contents|\btoc\b|changelog|change log|version history|"
                r"revision|document (info|history|control)|about this document|목차|(변경|수정|개정) ?(이력|사항|내역)|"
                r"버전|문서 ?정보|개정"),
    (Kind.TECH, r"tech(nical|nology)?|engine|tools?|architecture|implementation|performance|"
                r"pipeline|platform requirements|엔진|기술|개발 ?환경|구현|툴"),
    (Kind.TEAM, r"\bteam\b|roles|credits|staff|contributors|people|팀|인원|역할 ?분담|담당|크레딧"),
    (Kind.SCHEDULE, r"schedule|milestones?|timeline|roadmap|sprints?|production plan|deadlines?|"
                    r"phases?|일정|마일스톤|로드맵|스케줄|개발 ?계획"),
    (Kind.BUSINESS, r"business|moneti[sz]ation|marketing|budget|pricing|market|audience|"
                    r"competit|comparable|comps|revenue|sales|수익|마케팅|예산|시장 ?(분석|조사)|타겟 ?층|경쟁"),
    (Kind.ENEMIES, r"enem(y|ies)|foes?|monsters?|bestiary|hazards? and enemies|bad ?guys|baddies|villains|"
                   r"opponents|adversaries|적|몬스터|악당"),
    (Kind.BOSS, r"boss(es)?|보스"),
    (Kind.PLAYER, r"player character|the player|protagonist|main character|\bhero\b|heroine|"
                  r"playable|주인공|플레이어 ?캐릭터|플레이어"),
    (Kind.CHARACTERS, r"characters?|cast|\bnpcs?\b|캐릭터|등장 ?인물|인물"),
    (Kind.ITEMS, r"items?|collectibles?|pick-?ups?|power-?ups?|loot|treasure|아이템|수집|파워업"),
    (Kind.LEVELS, r"levels?|stages?|worlds?|floors?|dungeons?|maps?|areas|zones|missions|districts|regions|"
                  r"chapters|acts|islands|neighbou?rhoods|locations|"
                  r"progression|레벨|스테이지|월드|던전|맵|층|지역|구성|챕터|구역"),
    (Kind.CONTROLS, r"controls?|input|key ?bindings|조작|입력|컨트롤"),
    (Kind.AUDIO, r"audio|music|sound|soundtrack|\bbgm\b|sfx|사운드|음악|오디오|효과음"),
    (Kind.ART, r"\bart\b|visuals?|graphics|look and feel|aesthetics?|style guide|아트|그래픽|비주얼|"
               r"미술"),
    (Kind.WIN, r"win (condition|state)|victory|goals?|objectives?|승리|목표|클리어"),
    (Kind.LOSE, r"lose|loss|fail|game over|defeat|패배|게임 ?오버|실패"),
    (Kind.RULES, r"rules|win ?/ ?lose|win and lose|conditions|규칙|조건"),
    (Kind.SCORE, r"scor(e|ing)|points|점수|스코어"),
    (Kind.MECHANICS, r"mechanics?|gameplay|core loop|abilities|moves|systems?|combat|"
                     r"메카닉|메커니즘|게임 ?플레이|능력|시스템|전투|핵심"),
    (Kind.STORY, r"story|narrative|lore|setting|plot|background|world ?building|스토리|"
                 r"이야기|배경|세계관|설정"),
    (Kind.SUMMARY, r"overview|summary|concept|pitch|introduction|intro|about|description|"
                   r"개요|소개|컨셉|콘셉트|요약"),
    (Kind.GENRE, r"genre|장르"),
)

KEY_REGEXES = tuple((kind, re.compile(rf"(?:{pattern})")) for kind, pattern in KEY_PATTERNS)
HEADING_REGEXES = tuple((kind, re.compile(pattern)) for kind, pattern in HEADING_PATTERNS)

# Genre signals: (pattern, weight). Weights add up across the document; the section that
# names the genre counts more (see gdd/genre.py).
GENRE_SIGNALS: dict[Genre, tuple[tuple[str, float], ...]] = {
    Genre.PLATFORMER: (
        (r"platform(er|ing)s?\b|platform game|platform action|jump ?'?n'? ?run|jump and run", 10),
        (r"side[- ]?scroll(er|ing)?(?! shoot)", 5), (r"metroidvania", 8),
        (r"\b(super )?mario\b|celeste|super meat boy|mega ?man|hollow knight|sonic|"
         r"donkey kong|shovel knight|kirby|rayman", 5),
        (r"\bjump(s|ing)? (on|between|across|over) (the )?(platforms|ledges|gaps|pits)", 4),
        (r"double jump|wall jump|wall slide|coyote time", 3),
        (r"플랫포머|플랫폼 ?(게임|액션)|점프 ?액션", 10), (r"횡스크롤(?! ?슈팅)", 5),
        (r"메트로배니아", 8), (r"마리오|셀레스트|할로우 ?나이트", 5), (r"2단 ?점프|더블 ?점프|벽 ?점프", 3),
    ),
    Genre.TOPDOWN: (
        (r"top[- ]?down|topdown|bird'?s[- ]eye|overhead view|3/4 view", 7),
        (r"dungeon crawl(er|ing)?", 8), (r"\bdungeons?\b", 4), (r"zelda|link to the past", 7),
        (r"binding of isaac|gauntlet|enter the gungeon|hyper light drifter|pac-?man", 5),
        (r"\bmazes?\b|labyrinth", 5), (r"roguelike|rogue-like|roguelite", 3),
        (r"(locked|lock) doors?|keys? (and|&) doors?|keys to (open|unlock)", 5),
        (r"action[- ]adventure|\barpg\b|action rpg", 3), (r"rooms? and corridors", 4),
        (r"탑 ?다운|탑뷰|쿼터 ?뷰|위에서 내려다", 7), (r"던전", 5), (r"젤다", 7), (r"미로", 5),
        (r"로그 ?라이크", 3), (r"열쇠|잠긴 ?문", 4),
    ),
    Genre.SHOOTER: (
        (r"shoot ?'?em ?'?up|shoot-?em-?up|\bshmups?\b|\bstg\b", 12), (r"bullet[- ]hell|danmaku", 10),
        (r"(space|scrolling|vertical|horizontal|arcade|rail) shoot(er|ing)", 10),
        (r"\bshooter\b", 6), (r"galaga|space invaders|r-type|gradius|touhou|ikaruga|xevious|"
                              r"1942|raiden|asteroids", 6),
        (r"spaceship|starfighter|fighter (jet|ship)|\bship\b", 2), (r"\bwaves?\b", 1),
        (r"슈팅|탄막", 10), (r"슈팅 ?게임|비행 ?슈팅|종스크롤|횡스크롤 ?슈팅", 4),
        (r"갤러그|인베이더|라이덴|동방", 6), (r"우주선|전투기", 2), (r"웨이브", 1),
    ),
    Genre.PUZZLE: (
        (r"sokoban|soukoban", 14), (r"(push|pushing|shove|move)( the)? (boxes|crates|blocks|boulders)", 9),
        (r"(box|crate|block)[- ]push(ing|er)?", 10), (r"puzzle ?(game|platformer)?", 5),
        (r"baba is you|stephen'?s sausage roll|patrick'?s parabox", 7), (r"\bundo\b", 2),
        (r"소코반|창고지기", 14), (r"상자(를)? ?(밀|미는)|블록(을)? ?(밀|미는)|박스(를)? ?(밀|미는)", 9),
        (r"퍼즐", 5), (r"되돌리기|무르기", 2),
        (r"grid[- ]?(based )?(movement|moves|puzzle)|moves? (one|a single) (tile|square|cell)", 5),
        (r"(merge|merging|combine|combining) (the )?(tiles|blocks|numbers)|\b2048\b", 6),
        (r"push(es|ing)? (and|or) pull", 6), (r"pressure plates?", 3), (r"time (reversal|rewind)", 2),
    ),
    Genre.RUNNER: (
        (r"(endless|infinite|auto|side[- ]scrolling|lane)[- ]?runner", 14),
        (r"auto[- ]?(run|running|scroll(ing|er)?)", 8), (r"\brunner\b", 6),
        (AUTO_FORWARD, 9),
        (r"runs? (automatically|forward (on|by) (its|his|her) own|on (its|his|her) own)|"
         r"never stops? running|keeps? running|constantly running", 9),
        (r"canabalt|temple run|subway surfers|jetpack joyride|chrome dino|t-?rex (game|run)|"
         r"dino (game|run)|alto'?s adventure|geometry dash|bit\.trip", 7),
        (r"러너|런 ?게임|러닝 ?게임|달리기 ?게임", 9), (r"무한 ?(달리기|러너|러닝)|엔드리스", 12),
        (r"자동(으로)? ?(달|뛰|전진|스크롤)|계속 ?달", 9), (r"쿠키런|템플 ?런|지오메트리 ?대시", 7),
    ),
}
GENRE_REGEXES = {
    genre: tuple((re.compile(pattern), weight) for pattern, weight in signals)
    for genre, signals in GENRE_SIGNALS.items()
}

MECHANIC_PATTERNS: dict[Mechanic, str] = {
    Mechanic.DOUBLE_JUMP: r"double[- ]jump|2단 ?점프|더블 ?점프|이단 ?점프",
    Mechanic.WALL_SLIDE: r"wall[- ]?(slide|sliding|jump|jumping|climb|cling)|벽 ?(타기|점프|슬라이드|잡기)",
    Mechanic.JUMP: r"\bjump(s|ing)?\b|\bhop\b|점프",
    Mechanic.DASH: r"\bdash(es|ing)?\b|air dash|\bdodge\b|\broll\b|대시|회피|구르기",
    Mechanic.ATTACK: r"\battack(s|ing)?\b|\bsword\b|\bslash|\bmelee\b|\bpunch|\bstrike\b|\bswing|"
                     r"공격|검|베기|근접",
    Mechanic.SHOOT: r"\bshoot(s|ing)?\b|\bfires?\b|\bblaster|\bprojectiles?\b|\blaser|\bbullets?\b|"
                    r"\bgun\b|발사|사격|총알|탄환|레이저|쏘",
    Mechanic.BOMB: r"\bbombs?\b|smart bomb|폭탄",
    Mechanic.POWERUP: r"power[- ]?ups?|upgrades?|파워 ?업|강화 ?아이템",
    Mechanic.KEY_DOOR: r"\bkeys?\b.{0,40}\b(doors?|gates?|locks?)\b|locked (doors?|gates?)|"
                       r"열쇠|잠긴 ?문|자물쇠",
    Mechanic.PUSH: r"\bpush(es|ing)?\b|\bshove|sokoban|밀기|밀어|미는|소코반",
    Mechanic.UNDO: r"\bundo\b|rewind|되돌리기|무르기|실행 ?취소|되감기",
    Mechanic.DUCK: r"\bduck(s|ing)?\b|\bcrouch|(?<!wall )(?<!wall-)\bslide(s)?\b(?! puzzle)|숙이|앉기|슬라이드|웅크",
    Mechanic.STOMP: r"\bstomp|jump(ing)? on (enemies|their heads|them|top)|head[- ]?bop|밟",
    Mechanic.COLLECT: r"\bcollect(s|ing|ibles?)?\b|\bcoins?\b|\bgems?\b|pick(ing)? up|수집|코인|모으",
}
MECHANIC_REGEXES = {mechanic: re.compile(p) for mechanic, p in MECHANIC_PATTERNS.items()}
NEGATION = re.compile(
    r"\b(no|not|without|never|cut|removed|scrapped|don'?t|doesn'?t|can'?t|cannot|won'?t)\b"
    r"[^.;\n]{0,20}$|없|불가|제외"
)

GENRE_MECHANICS: dict[Genre, tuple[Mechanic, ...]] = {
    Genre.PLATFORMER: (Mechanic.JUMP, Mechanic.COLLECT),
    Genre.TOPDOWN: (Mechanic.KEY_DOOR, Mechanic.COLLECT),
    Genre.SHOOTER: (Mechanic.SHOOT,),
    Genre.PUZZLE: (Mechanic.PUSH, Mechanic.UNDO),
    Genre.RUNNER: (Mechanic.JUMP, Mechanic.DUCK, Mechanic.COLLECT),
}

BEHAVIOUR_PATTERNS: tuple[tuple[Behaviour, str], ...] = (
    (Behaviour.ZIGZAG, r"zig-?zag|지그재그"),
    (Behaviour.SWOOP, r"swoop|dive|dives|diving|divebomb|급강하|내리꽂|덮치"),
    (Behaviour.TURRET, r"turret|shoots?|fires?|spits?|throws?|lobs?|cannon|sniper|ranged|"
                       r"projectile|발사|쏘|던지|포탑|원거리"),
    (Behaviour.CHARGE, r"\bcharg(e|es|ing)\b(?! (?:shot|attack|beam))|\brush(es|ing)?\b|\brams?\b|ramming|"
                       r"stampede|돌진|들이받"),
    (Behaviour.CHASE, r"chas(e|es|ing)|follows?|hunts?|homing|pursu|seeks?|추적|쫓|따라"),
    (Behaviour.FLY, r"fly|flies|flying|hover|float|sine|wave pattern|airborne|날아|비행|떠다|공중"),
    (Behaviour.HOP, r"hops?|jumps?|bounc|leaps?|springs?|점프|뛰|튀"),
    (Behaviour.PATROL, r"patrol|back and forth|paces?|walks?|march|left and right|순찰|왔다 ?갔다|"
                       r"좌우|걸어"),
    (Behaviour.WANDER, r"wander|random|roam|drift|배회|무작위|돌아다"),
)
BEHAVIOUR_REGEXES = tuple((b, re.compile(p)) for b, p in BEHAVIOUR_PATTERNS)

# When an enemy's description says nothing about movement, its name often does.
BEHAVIOUR_BY_NAME: tuple[tuple[Behaviour, str], ...] = (
    (Behaviour.SWOOP, r"bat|hawk|eagle|crow|raven|owl|박쥐|매|까마귀|독수리"),
    (Behaviour.FLY, r"bee|wasp|fly|ghost|wisp|drone|bird|butterfly|moth|spirit|jelly|ufo|"
                    r"벌|유령|드론|새|나비|정령|해파리"),
    (Behaviour.HOP, r"slime|frog|toad|rabbit|bunny|flea|kangaroo|슬라임|개구리|토끼"),
    (Behaviour.TURRET, r"turret|cannon|tower|archer|gunner|sniper|mage|wizard|plant|포탑|대포|궁수|마법사"),
    (Behaviour.CHARGE, r"boar|bull|rhino|ram\b|charger|minotaur|멧돼지|황소|코뿔소"),
    (Behaviour.CHASE, r"wolf|hound|dog|zombie|ghoul|hunter|shark|wraith|늑대|좀비|사냥꾼|상어"),
    (Behaviour.ZIGZAG, r"fighter|interceptor|dart|wasp|전투기"),
    (Behaviour.PATROL, r"guard|knight|goblin|soldier|beetle|crab|snail|skeleton|robot|"
                       r"경비|기사|고블린|병사|딱정벌레|게|달팽이|해골|로봇"),
)
BEHAVIOUR_NAME_REGEXES = tuple((b, re.compile(p)) for b, p in BEHAVIOUR_BY_NAME)

GENRE_BEHAVIOUR: dict[Genre, Behaviour] = {
    Genre.PLATFORMER: Behaviour.PATROL,
    Genre.TOPDOWN: Behaviour.WANDER,
    Genre.SHOOTER: Behaviour.ZIGZAG,
    Genre.PUZZLE: Behaviour.PATROL,
    Genre.RUNNER: Behaviour.PATROL,
}

ITEM_KIND_PATTERNS: tuple[tuple[ItemKind, str], ...] = (
    (ItemKind.KEY, r"\bkeys?\b|keycard|열쇠|키카드"),
    (ItemKind.HEALTH, r"heal|health|heart|potion|medkit|life|1-?up|extra life|체력|하트|회복|포션|생명"),
    (ItemKind.POWERUP, r"power[- ]?up|upgrade|boost|shield|invincib|magnet|speed|star|weapon|"
                       r"파워 ?업|강화|무적|자석|방패|부스터"),
)
ITEM_KIND_REGEXES = tuple((k, re.compile(p)) for k, p in ITEM_KIND_PATTERNS)

ART_STYLE_PATTERNS: tuple[tuple[ArtStyle, str], ...] = (
    (ArtStyle.GAMEBOY, r"game ?boy|\bgb\b|dmg|four greens|4 greens|4-colou?r green|게임 ?보이"),
    (ArtStyle.NEON, r"neon|synthwave|retrowave|outrun|vaporwave|cyberpunk|tron|glow|네온|사이버펑크|"
                    r"신스웨이브"),
    (ArtStyle.DARK_FANTASY, r"dark fantasy|gothic|grim|souls-?like|eerie|horror|macabre|"
                            r"다크 ?판타지|고딕|어두운|호러"),
    (ArtStyle.PASTEL, r"pastel|soft colou?rs|cozy|cosy|kawaii|cute|파스텔|귀여운|아기자기"),
    (ArtStyle.FLAT, r"flat|vector|minimalist|minimal|geometric|clean shapes|플랫|벡터|미니멀"),
    (ArtStyle.CARTOON, r"cartoon|hand-?drawn|comic|toon|saturday morning|카툰|만화|손그림"),
    (ArtStyle.PIXEL, r"pixel|8-?bit|16-?bit|retro|nes|snes|sprite art|도트|픽셀|레트로|8비트|16비트"),
)
ART_STYLE_REGEXES = tuple((s, re.compile(p)) for s, p in ART_STYLE_PATTERNS)

MUSIC_STYLE_PATTERNS: tuple[tuple[MusicStyle, str], ...] = (
    (MusicStyle.LOFI, r"lo-?fi|chill ?hop|chillhop|로파이"),
    (MusicStyle.SYNTHWAVE, r"synthwave|retrowave|outrun|synth|vaporwave|신스|신디"),
    (MusicStyle.CHIPTUNE, r"chip ?tune|chiptune|8-?bit|16-?bit|nes|game ?boy|bleep|칩튠|8비트|16비트"),
    (MusicStyle.ORCHESTRAL, r"orchestra|orchestral|strings|symphon|cinematic|epic score|"
                            r"오케스트라|관현악|웅장"),
    (MusicStyle.AMBIENT, r"ambient|atmospheric|drone|soundscape|앰비언트|공간감"),
    (MusicStyle.ROCK, r"rock|metal|guitar|punk|록|메탈|기타"),
    (MusicStyle.JAZZ, r"jazz|swing|bossa|재즈"),
    (MusicStyle.ELECTRONIC, r"electronic|edm|techno|house|trance|dubstep|drum and bass|일렉|테크노"),
)
MUSIC_STYLE_REGEXES = tuple((s, re.compile(p)) for s, p in MUSIC_STYLE_PATTERNS)

MOOD_PATTERNS: tuple[tuple[Mood, str], ...] = (
    (Mood.DARK, r"dark|ominous|grim|sinister|creepy|spooky|horror|dread|어두|음산|공포|암울"),
    (Mood.TENSE, r"tense|tension|urgent|frantic|intense|driving|adrenaline|긴장|긴박|급박|격렬"),
    (Mood.EPIC, r"epic|heroic|grand|triumphant|majestic|웅장|영웅|장엄"),
    (Mood.MELANCHOLIC, r"melanchol|sad|lonely|bittersweet|wistful|nostalg|슬픈|쓸쓸|애잔|우울|향수"),
    (Mood.MYSTERIOUS, r"myster|eerie|haunting|dreamy|ethereal|신비|몽환"),
    (Mood.CALM, r"calm|relax|chill|peaceful|cozy|cosy|gentle|soothing|mellow|잔잔|편안|평화|차분|"
                r"힐링"),
    (Mood.PLAYFUL, r"playful|quirky|silly|bouncy|whimsical|goofy|cute|장난|경쾌|귀여"),
    (Mood.CHEERFUL, r"cheerful|happy|upbeat|bright|joyful|fun|energetic|sunny|밝|신나|즐거|명랑|활기"),
)
MOOD_REGEXES = tuple((m, re.compile(p)) for m, p in MOOD_PATTERNS)

MINOR = re.compile(r"\bminor\b|\bmin\b|단조|마이너")
MAJOR = re.compile(r"\bmajor\b|\bmaj\b|장조|메이저")
KEY_ROOT = re.compile(r"\b([a-g])\s?(#|♯|b|♭|sharp|flat)?\s?(major|minor|maj|min|m)\b")
KO_KEY_ROOT = re.compile(r"([다라마바사가나])\s?(올림|내림)?\s?(장조|단조)")
KO_ROOT_NAMES = {"다": "C", "라": "D", "마": "E", "바": "F", "사": "G", "가": "A", "나": "B"}

# Colour words -> sRGB; modifiers shift them. Korean names included.
COLOURS: dict[str, str] = {
    "red": "#d83a3a", "crimson": "#b0203a", "scarlet": "#e0402a", "orange": "#f08a24",
    "amber": "#f0b030", "yellow": "#f4d43c", "gold": "#e8b830", "golden": "#e8b830",
    "green": "#4caf50", "lime": "#9ad03a", "olive": "#7a8a34", "emerald": "#2e9e6a",
    "teal": "#2a9d8f", "cyan": "#3cc8e0", "turquoise": "#40c8c0", "blue": "#3a6ee0",
    "navy": "#1c2a5a", "azure": "#3a9ae8", "sky": "#7ec8f0", "indigo": "#4b3aa0",
    "purple": "#8a4ac8", "violet": "#9a5ae0", "magenta": "#e040c0", "pink": "#f07ab0",
    "rose": "#e8607a", "brown": "#8a5a34", "tan": "#c8a070", "beige": "#e0d0a8",
    "cream": "#f4ecd0", "white": "#f4f4f0", "grey": "#8a8a8a", "gray": "#8a8a8a",
    "silver": "#c0c4c8", "black": "#141418", "charcoal": "#2a2a30", "ochre": "#c89030",
    "rust": "#a84a24", "mint": "#98e0c0", "lavender": "#b8a8e8", "peach": "#f8b898",
    "coral": "#f07860", "maroon": "#6a1a2a", "forest": "#2a6a34", "moss": "#5a7a34",
    "빨강": "#d83a3a", "빨간": "#d83a3a", "붉은": "#d83a3a", "주황": "#f08a24", "노랑": "#f4d43c",
    "노란": "#f4d43c", "황금": "#e8b830", "금색": "#e8b830", "초록": "#4caf50", "녹색": "#4caf50",
    "연두": "#9ad03a", "청록": "#2a9d8f", "하늘색": "#7ec8f0", "파랑": "#3a6ee0", "파란": "#3a6ee0",
    "푸른": "#3a6ee0", "남색": "#1c2a5a", "보라": "#8a4ac8", "분홍": "#f07ab0", "핑크": "#f07ab0",
    "갈색": "#8a5a34", "베이지": "#e0d0a8", "흰색": "#f4f4f0", "하얀": "#f4f4f0", "회색": "#8a8a8a",
    "은색": "#c0c4c8", "검정": "#141418", "검은": "#141418", "민트": "#98e0c0", "라벤더": "#b8a8e8",
}
COLOUR_MODIFIERS: dict[str, tuple[float, float]] = {
    # modifier -> (lightness shift, saturation factor)
    "dark": (-0.25, 1.0), "deep": (-0.2, 1.1), "light": (0.2, 0.9), "pale": (0.25, 0.6),
    "pastel": (0.22, 0.55), "soft": (0.12, 0.7), "muted": (0.0, 0.5), "dusty": (0.02, 0.45),
    "earthy": (-0.08, 0.6), "warm": (0.03, 1.05), "cool": (0.0, 0.9), "bright": (0.08, 1.25),
    "vivid": (0.04, 1.3), "neon": (0.1, 1.4), "electric": (0.08, 1.4), "faded": (0.15, 0.5),
    "진한": (-0.2, 1.1), "어두운": (-0.25, 1.0), "밝은": (0.15, 1.1), "연한": (0.2, 0.7),
    "파스텔": (0.22, 0.55), "따뜻한": (0.03, 1.05), "차가운": (0.0, 0.9), "네온": (0.1, 1.4),
}
COLOUR_WORD = re.compile(
    r"(?:(" + "|".join(COLOUR_MODIFIERS) + r")[\s-]+)?(" + "|".join(
        sorted(COLOURS, key=len, reverse=True)) + r")(?:s|ish)?(?![a-z])"
)

# Titles: what to cut from a heading to leave the game's name.
TITLE_NOISE = re.compile(
    r"\b(?:game\s+design\s+doc(?:ument)?|design\s+doc(?:ument)?|concept\s+doc(?:ument)?|gdd|"
    r"one[- ]pager|pitch\s+doc(?:ument)?|prototype\s+spec|draft|wip|working\s+title|"
    r"(?:sample\s+|project\s+|game\s+)?proposal|(?:final|term|course|class|school)\s+project|"
    r"(?:project|assignment|homework|hw|lab|milestone)\s*+#?\d{1,3}\b|(?:design|dev|jam|game)\s+notes|"
    r"v(?:ersion)?\s?\d+(?:\.\d+)*|rev\.?\s?\d+)\b|"
    r"게임\s*기획\s*(?:서|문서|안)|기획\s*(?:서|문서|안)|개발\s*문서|설계\s*문서|게임\s*디자인\s*문서|"
    r"\(\s*가제\s*\)|가제|초안",
    re.IGNORECASE,
)
#: Words a heading that is no title is made of ("Final Project", "Game Design", "2DGP Project",
#: "SmartphoneGameProgram", "Level goal", "게임의 소개"): a title made only of these is generic.
GENERIC_TITLE_WORDS = frozenset({
    "game", "games", "design", "designs", "document", "documents", "doc", "docs", "gdd", "project", "projects",
    "final", "term", "proposal", "sample", "program", "programming", "smartphone", "mobile", "2dgp", "class",
    "course", "assignment", "homework", "overview", "introduction", "intro", "summary", "notes", "note", "concept",
    "readme", "title", "untitled", "my", "new", "the", "a", "an", "of", "for", "and", "our", "level", "levels",
    "goal", "goals", "idea", "ideas", "plan", "draft", "description", "background", "dgp",
    "enemies", "enemy", "controls", "story", "gameplay", "mechanics", "characters", "character", "premise",
    "objective", "objectives", "art", "audio", "music", "sound", "setting", "features", "scoring", "ui", "hud",
    "items", "bosses", "boss", "player", "players", "requirements", "flow", "assets", "credits", "references",
    "jam", "build", "prototype", "demo", "mvp", "wip",
    "게임", "게임의", "기획", "기획서", "프로젝트", "소개", "개요", "과제", "텀프로젝트", "설명", "목표",
})
GENERIC_TITLES = re.compile(
    r"^(?:untitled|game|my game|new game|the game|overview|introduction|intro|summary|"
    r"(?:jam build|game jam|prototype)?\s*+[-—–:]?\s*+(?:design )?notes|"
    r"table of contents|contents|concept|document|project|게임|개요|소개|목차|제목 ?없음)$",
    re.IGNORECASE,
)

# Words that show a text is about a game at all (to refuse a shopping list politely).
GAME_WORDS = re.compile(
    r"\b(game|gameplay|player|players|level|levels|stage|stages|enemy|enemies|boss|jump|score|"
    r"lives|genre|platformer|shooter|puzzle|runner|dungeon|sprite|controls|hero|protagonist|"
    r"power-?up|collectibles?|gdd|npc|quest|monster|maze|arcade)\b|"
    r"게임|플레이어|레벨|스테이지|적|보스|점프|점수|목숨|장르|주인공|몬스터|던전|퍼즐|슈팅|러너|캐릭터|"
    r"아이템|조작",
    re.IGNORECASE,
)


_T = TypeVar("_T")


def earliest(table: tuple[tuple[_T, re.Pattern[str]], ...], text: str) -> _T | None:
    """The value whose pattern matches earliest in the (folded) text: what the text says first."""
    folded = fold(text)
    best: tuple[int, _T] | None = None
    for value, regex in table:
        match = regex.search(folded)
        if match and (best is None or match.start() < best[0]):
            best = (match.start(), value)
    return best[1] if best else None
