"""Text from outside stays data: on the terminal, in report.md, and URLs printed without their secrets.

The hostile inputs are the ones an attacker's review used: rich markup that makes a terminal
hyperlink to ``file:///etc/passwd`` or crashes rich, OSC 8 and screen-clearing escape sequences,
bidi overrides, and HTML that a Markdown viewer would run.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from maestro.db import repository
from maestro.db.models import Base, Job
from maestro.db.session import make_engine, session_factory, session_scope
from maestro.gdd import parse_gdd
from maestro.safe_text import markdown_code_block, markdown_text, mask_url, scrub, terminal, terminal_json, url_secrets
from maestro.settings import Settings
from maestro.store import LocalStore, StoreError
from workers.embedded import run_job

MAESTRO = Path(sys.executable).with_name("maestro")
ESC = "\x1b"
LINK = "[link=file:///etc/passwd]x[/link]"
OSC8 = "\x1b]8;;http://evil\x1b\\click\x1b]8;;\x1b\\"
CLEAR = "\x1b[2J"
HTML = ("<img src=x onerror=alert(1)>", "</script><script>alert(1)</script>",
        '<iframe srcdoc="<script>alert(1)</script>">')
#: Plain sentences around the hostile bits, so the GDD is text (under 1% control characters).
PADDING = "The hero runs and jumps over gaps, collecting coins across the valley. " * 12


def _gdd(title: str, player: str, levels: tuple[str, ...]) -> str:
    numbered = "\n".join(f"{number}. {name}" for number, name in enumerate(levels, start=1))
    return f"# {title}\nA platformer. {PADDING}\n\n## Player\nThe player is {player}.\n\n## Levels\n{numbered}\n"


HOSTILE_GDD = _gdd(f"Evil {LINK} [/x] {OSC8} {CLEAR}", f"Bob [/x] {CLEAR}",
                   (f"One {LINK}", "Two [/x]", f"Three {CLEAR} end"))
HTML_GDD = _gdd(f"Tag {HTML[0]}", f"Kit {HTML[1]}", (f"One {HTML[0]}", f"Two {HTML[1]}", f"Three {HTML[2]}"))


def _maestro(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    base = {name: value for name, value in os.environ.items() if not name.startswith("MAESTRO_")}
    base["COLUMNS"] = "250"
    return subprocess.run([str(MAESTRO), *args], capture_output=True, text=True, timeout=300,
                          env={**base, **(env or {})})


def _harmless(result: subprocess.CompletedProcess[str]) -> str:
    """Everything the command printed, once it is certain none of it is a control sequence."""
    printed = result.stdout + result.stderr
    assert ESC not in printed and "\x9b" not in printed and "\u202e" not in printed, printed
    assert "MarkupError" not in printed and "Traceback" not in printed, printed
    return printed


# --- terminal -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("raw", "shown"), [
    (OSC8, "\\x1b]8;;http://evil\\x1b\\click\\x1b]8;;\\x1b\\"),
    (CLEAR, "\\x1b[2J"),
    ("a\u202eb\u2066c", "a\\u202eb\\u2066c"),
    ("\x9b31m", "\\x9b31m"),
    ("one\ntwo\r\t", "one\\x0atwo\\x0d\\x09"),
    ("hidden\U000e0041tag", "hidden\\U000e0041tag"),
    ("lone \udcff", "lone \\udcff"),
])
def test_control_characters_show_as_visible_escapes(raw: str, shown: str) -> None:
    assert terminal(raw) == shown


def test_readable_text_passes_through_unchanged() -> None:
    for text in ("Moss Knight", "이끼 기사", "👨\u200d👩\u200d👧 family", LINK, "<b>x</b>"):
        assert terminal(text) == text
    assert terminal("a\nb", keep_newlines=True) == "a\nb"


def test_json_for_the_terminal_parses_back_to_the_same_value() -> None:
    value = {"title": f"{OSC8}\u202e\x9b\udcff\U000e0041 이끼", "n": 1}
    text = terminal_json(json.dumps(value, indent=2, ensure_ascii=False))
    assert json.loads(text) == value
    assert all(char not in text for char in (ESC, "\u202e", "\x9b", "\udcff", "\U000e0041"))
    assert "이끼" in text and "\n" in text


# --- Markdown -----------------------------------------------------------------------------------


@pytest.mark.parametrize("payload", [*HTML, "[x](javascript:alert(1))", "![t](http://tracker/p.png)",
                                     "<javascript:alert(1)>", "`code` **bold** | cell | ~~s~~"])
def test_markdown_text_leaves_no_tag_link_or_markup(payload: str) -> None:
    text = markdown_text(payload)
    assert "<" not in text and ">" not in text
    assert "](" not in text.replace("\\](", "")
    for char in "`*|~[]":
        assert text.count(char) == text.count("\\" + char)


@pytest.mark.parametrize("start", ["# heading", "> quote", "- item", "+ item", "1. item", "2) item", "=== rule"])
def test_markdown_text_cannot_start_a_block(start: str) -> None:
    assert markdown_text(start)[:3] in ("\\# ", "&gt", "\\- ", "\\+ ", "1\\.", "2\\)", "\\==")


def test_markdown_text_is_one_readable_line() -> None:
    assert markdown_text("Moss Knight: a tale\nof two  swords") == "Moss Knight: a tale of two swords"
    assert markdown_text("a & b") == "a &amp; b"


def test_a_code_block_cannot_be_closed_or_carry_html_from_inside() -> None:
    block = markdown_code_block("level 1: ```\n</script><img src=x>\n````")
    fence = block.splitlines()[0]
    assert fence == "`````" and block.endswith("\n" + fence)
    assert "<" not in block and ">" not in block


# --- URLs ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("url", "secret", "kept"), [
    ("redis://:brokerpw@127.0.0.1:6379/0", "brokerpw", "redis://:***@127.0.0.1:6379/0"),
    ("postgresql://maestro:dbpassword@db:5432/maestro", "dbpassword", "postgresql://maestro:***@db:5432/maestro"),
    ("s3://KEY:se?cretpart@minio:9000/bucket?secure=false", "cretpart", "s3://KEY:***@minio:9000/bucket?secure=false"),
    ("s3://KEY:sec#retpart@minio:9000/bucket", "retpart", "s3://KEY:***@minio:9000/bucket"),
    ("s3://KEY:abc/defsecret@minio:9000/bucket", "defsecret", "s3://KEY:***@minio:9000/bucket"),
    ("s3://KEY:p@ssw@rdsecret@minio:9000/bucket", "rdsecret", "s3://KEY:***@minio:9000/bucket"),
    ("s3://KEY:nosecretat/minio:9000/bucket", "nosecretat", "s3://KEY:***"),
    ("redis://:forgotten127.0.0.1:6379/0", "forgotten", "redis://:***"),
    ("http://127.0.0.1:5555/api?token=tok3n&x=1", "tok3n", "http://127.0.0.1:5555/api?token=***&x=1"),
    ("s3://minio:9000/bucket?secret_key=sk123&access_key=ak123", "sk123",
     "s3://minio:9000/bucket?secret_key=***&access_key=***"),
    ("postgresql://db/maestro?password=pw123&sslmode=require", "pw123",
     "postgresql://db/maestro?password=***&sslmode=require"),
    ("http://h/x?X-Amz-Signature=sig123", "sig123", "http://h/x?X-Amz-Signature=***"),
    ("maestro:hunter22@db:5432/maestro", "hunter22", "maestro:***@db:5432/maestro"),
])
def test_mask_url_hides_the_secret_in_every_shape(url: str, secret: str, kept: str) -> None:
    assert mask_url(url) == kept
    assert secret not in mask_url(url)


@pytest.mark.parametrize("url", ["redis://127.0.0.1:6379/0", "http://[::1]:5555", "/var/maestro/store",
                                 "file:///var/maestro/store", "postgresql://maestro@db/maestro", ""])
def test_mask_url_leaves_a_url_without_secrets_alone(url: str) -> None:
    assert mask_url(url) == url


def test_scrub_takes_the_secret_out_of_a_parser_s_own_words() -> None:
    url = "s3://KEY:se?cretpart@minio:9000/bucket"
    message = f"S3 store URL {url} has unknown options ['cretpart@minio:9000/bucket']"
    assert "cretpart" in url_secrets(url)
    assert "cretpart" not in scrub(message, url) and "se?" not in scrub(message, url)


@pytest.mark.parametrize("url", ["s3://KEY:se?cretpart@127.0.0.1:1/bucket",
                                 "s3://KEY:secretpart/127.0.0.1:1/bucket",
                                 "s3://KEY:secretpart@127.0.0.1:1/bucket?secure=maybe&secretpart2=1",
                                 "file://KEY:secretpart@elsewhere/store",
                                 "ftp://KEY:secretpart@host/store"])
def test_a_store_url_that_cannot_be_used_never_shows_its_secret(url: str) -> None:
    with pytest.raises(StoreError) as refused:
        Settings(store_url=url, store_secret_key="othersecret").make_store()
    assert "secretpart" not in str(refused.value) and "othersecret" not in str(refused.value)
    assert "KEY" in str(refused.value)


# --- the console script -------------------------------------------------------------------------


def test_validate_shows_markup_and_escapes_as_text(tmp_path: Path) -> None:
    gdd = tmp_path / "gdd.md"
    gdd.write_text(HOSTILE_GDD, encoding="utf-8")
    result = _maestro("validate", str(gdd))
    assert result.returncode == 0, result.stderr
    printed = _harmless(result)
    assert LINK in printed and "[/x]" in printed
    assert "\\x1b]8;;http://evil" in printed and "\\x1b[2J" in printed


def test_validate_json_carries_no_raw_control_character(tmp_path: Path) -> None:
    gdd = tmp_path / "gdd.md"
    gdd.write_text(HOSTILE_GDD, encoding="utf-8")
    result = _maestro("validate", str(gdd), "--json")
    assert result.returncode == 0, result.stderr
    _harmless(result)
    assert json.loads(result.stdout)["title"] == parse_gdd(HOSTILE_GDD).title


def test_run_prints_hostile_names_and_warnings_as_text(tmp_path: Path) -> None:
    gdd = tmp_path / "gdd.md"
    gdd.write_text(HOSTILE_GDD, encoding="utf-8")
    result = _maestro("run", str(gdd), "-o", str(tmp_path / "game"))
    assert result.returncode == 0, result.stderr
    _harmless(result)
    levels = _maestro("levels", str(gdd), "-l", "1")
    assert levels.returncode == 0, levels.stderr
    _harmless(levels)


def test_an_error_quoting_hostile_text_is_one_harmless_line(tmp_path: Path) -> None:
    result = _maestro("validate", str(tmp_path / f"missing{CLEAR}\n[/x].md"))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("maestro: error: ")
    _harmless(result)


def _planted_job(tmp_path: Path) -> tuple[dict[str, str], str]:
    """A job database whose one job row an attacker filled; the cluster settings that read it."""
    database = f"sqlite:///{tmp_path / 'jobs.db'}"
    engine = make_engine(database)
    Base.metadata.create_all(engine)
    job_id = str(uuid.uuid4())
    with session_scope(session_factory(engine)) as session:
        repository.create_job(session, title="planted", gdd_sha256="0" * 64, seed=1, source="cli", job_id=job_id)
        repository.stage_failed(session, job_id, "codex", f"boom {OSC8} [/x]", retrying=False)
        job = session.get(Job, job_id)
        assert job is not None
        job.title, job.error, job.build_key = f"{LINK} [/x] {CLEAR}\u202e", f"{OSC8} [/x] {CLEAR}", f"k{CLEAR}"
    env = {"MAESTRO_BROKER_URL": "redis://127.0.0.1:1/0", "MAESTRO_DATABASE_URL": database,
           "MAESTRO_STORE_URL": (tmp_path / "store").as_uri()}
    return env, job_id


def test_list_and_status_show_a_hostile_job_row_as_text(tmp_path: Path) -> None:
    env, job_id = _planted_job(tmp_path)
    for args in (("list",), ("status", job_id), ("status", job_id, "--json")):
        result = _maestro(*args, env=env)
        assert result.returncode == 0, result.stderr
        printed = _harmless(result)
        assert "[/x]" in printed, args
    listed = _maestro("list", env=env).stdout
    assert LINK in listed and "\\u202e" in listed


# --- report.md ----------------------------------------------------------------------------------


def test_report_md_shows_html_from_the_gdd_as_text(tmp_path: Path) -> None:
    built = run_job(HTML_GDD, LocalStore(tmp_path), seed=3)
    store = LocalStore(tmp_path)
    report = store.get(built.build.file("report.md").key).decode()
    spec = built.spec
    assert HTML[0] in spec.title and any(HTML[1] in warning for warning in spec.warnings)
    lowered = report.lower()
    for tag in ("<img", "<script", "</script", "<iframe"):
        assert tag not in lowered, tag
    assert "&lt;img src=x onerror=alert(1)&gt;" in report
    assert markdown_text(spec.title) in report
    for level in spec.levels:
        assert markdown_text(level.name) in report
