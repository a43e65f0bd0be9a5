"""Every task's arguments are checked at the boundary: each bad one refused by name, in one line.

Issue 13's reproducers, one per argument: a wrong type is refused by its type alone (before any
``bytes()`` or ``repr()`` of a huge value), a value is never echoed, unknown keywords are named,
and what passes fits the database column it goes to.
"""

from __future__ import annotations

import hashlib
import string
from typing import Any

import pytest
from sqlalchemy import BigInteger

from maestro.db.models import Job
from maestro.errors import ArgumentError, GDDTooLargeError, InputError
from maestro.gdd import MAX_GDD_BYTES
from maestro.gdd.decode import gdd_size, too_large
from maestro.submission import (
    NAME_MAX,
    SEED_MAX,
    SEED_MIN,
    SOURCES,
    SUBMISSION_ID_MAX,
    TITLE_MAX,
    BuildArgs,
    ParseArgs,
    StageArgs,
    SubmitArgs,
    check_seed,
    content_sha256,
    salvage,
)
from workers.tasks import gdd_text

JOB = "0b7e1c52-3f0a-4c1e-9a58-2d7f1e0c9b44"
OTHER_JOB = "11111111-2222-4333-8444-555555555555"


def refused(**kwargs: Any) -> str:
    """The refusal of ``maestro.submit`` called with ``kwargs``, checked to be one short, clean line."""
    with pytest.raises(ArgumentError) as caught:
        SubmitArgs.from_call((), kwargs)
    message = str(caught.value)
    assert message.isprintable() and "\n" not in message, message
    assert len(message) < 400, message
    return message


def submit(**kwargs: Any) -> SubmitArgs:
    return SubmitArgs.from_call((), {"gdd": "# Moon Jump\n\nA platformer.", **kwargs})


class Exploding:
    """A value that fails the test if anything converts, measures, prints or iterates it."""

    def __len__(self) -> int:
        raise AssertionError("len() called on the argument")

    def __bytes__(self) -> bytes:
        raise AssertionError("bytes() called on the argument")

    def __index__(self) -> int:
        raise AssertionError("the argument was used as a number")

    def __repr__(self) -> str:
        raise AssertionError("repr() called on the argument")

    def __str__(self) -> str:
        raise AssertionError("str() called on the argument")

    def __iter__(self) -> Any:
        raise AssertionError("the argument was iterated")


# --- gdd ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("gdd", "kind"), [
    (2 * 10**9, "an integer"),  # bytes(2*10**9) would allocate 2 GB
    (10**10, "an integer"),  # bytes(10**10) raises MemoryError
    (None, "null"),
    (1.5, "a float"),
    (["# Moon", "Jump"], "a list"),
    ({"text": "# Moon Jump"}, "an object"),
    (True, "a boolean"),
])
def test_a_gdd_that_is_not_text_or_bytes_is_refused_by_its_type(gdd: object, kind: str) -> None:
    message = refused(gdd=gdd)
    assert message == f"invalid argument: gdd must be the document's text (a string) or its bytes, not {kind}"


def test_the_gdd_type_is_checked_before_anything_touches_the_value() -> None:
    message = refused(gdd=Exploding())
    assert "gdd must be the document's text" in message and "Exploding" in message


def test_a_missing_gdd_is_named() -> None:
    assert refused(title="Moon Jump") == "invalid argument: gdd is required"


def test_text_and_bytes_are_accepted_as_given() -> None:
    assert submit().gdd == "# Moon Jump\n\nA platformer."
    assert SubmitArgs.from_call((), {"gdd": "# 별빛 상자".encode()}).gdd == "# 별빛 상자".encode()


def test_an_oversize_gdd_is_refused_with_the_same_words_as_an_oversize_file() -> None:
    ascii_text = "# Big\n" + "z" * MAX_GDD_BYTES
    with pytest.raises(GDDTooLargeError) as caught:
        gdd_text(ascii_text)
    assert str(caught.value) == str(too_large(len(ascii_text)))
    korean = "# 큰\n" + "가" * (MAX_GDD_BYTES // 3 + 1)
    with pytest.raises(GDDTooLargeError, match=f"{len(korean.encode()):,} bytes"):
        gdd_text(korean)
    with pytest.raises(GDDTooLargeError):
        gdd_text(b"x" * (MAX_GDD_BYTES + 1))


def test_gdd_bytes_go_through_the_same_decoding_as_a_file() -> None:
    assert gdd_text("# 별빛 상자\r\n\r\nA puzzle.".encode()) == "# 별빛 상자\n\nA puzzle."
    with pytest.raises(InputError, match="PDF"):
        gdd_text(b"%PDF-1.7 binary")
    with pytest.raises(InputError, match="not valid Unicode"):
        gdd_text("# Moon \ud800 Jump")


def test_the_size_of_a_text_is_its_utf8_size() -> None:
    for text in ("", "abc", "별빛", "emoji 🎮", "\ud800"):
        assert gdd_size(text) == len(text.encode("utf-8", "surrogatepass"))
    assert gdd_size(b"\x00\x01") == 2


def test_the_recorded_hash_is_of_what_was_sent_or_of_nothing() -> None:
    assert content_sha256("별빛") == hashlib.sha256("별빛".encode()).hexdigest()
    assert content_sha256(b"\x89PNG") == hashlib.sha256(b"\x89PNG").hexdigest()
    assert content_sha256(10**10) == content_sha256(None) == hashlib.sha256(b"").hexdigest()


# --- seed ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("seed", "why"), [
    (2**70, "this one is out of range"),
    (SEED_MAX + 1, "this one is out of range"),
    (-1, "this one is out of range"),
    ("abc", "not text"),
    ("7", "not text"),
    (True, "not a boolean"),
    (7.0, "not a float"),
    ([7], "not a list"),
])
def test_a_seed_outside_0_to_2_63_or_not_an_integer_is_refused(seed: object, why: str) -> None:
    message = refused(gdd="x", seed=seed)
    assert message.startswith(f"invalid argument: seed must be a whole number from 0 to {SEED_MAX}")
    assert message.endswith(why)


def test_a_huge_seed_is_never_printed() -> None:
    assert "000000" not in refused(gdd="x", seed=10**5000)  # str() of it would even raise ValueError


@pytest.mark.parametrize("seed", [None, 0, 1, 2**32, SEED_MAX])
def test_seeds_from_0_to_2_63_minus_1_and_none_are_accepted(seed: int | None) -> None:
    assert submit(seed=seed).seed == seed


def test_the_seed_range_is_what_the_seed_column_holds() -> None:
    assert (SEED_MIN, SEED_MAX) == (0, 2**63 - 1)
    assert isinstance(Job.__table__.c.seed.type, BigInteger)


def test_check_seed_is_the_rule_the_command_line_uses() -> None:
    assert check_seed(0) == 0 and check_seed(SEED_MAX) == SEED_MAX
    for bad in (-1, SEED_MAX + 1, True, "1", 1.0, None):
        with pytest.raises(ArgumentError, match=rf"^seed must be a whole number from 0 to {SEED_MAX}"):
            check_seed(bad)


# --- submission_id ------------------------------------------------------------------------------


def test_a_10k_character_submission_id_is_refused_without_being_echoed() -> None:
    message = refused(gdd="x", submission_id="a" * 10_000)
    assert message == f"invalid argument: submission_id must be 1 to {SUBMISSION_ID_MAX} characters, not 10,000"


@pytest.mark.parametrize("submission_id", ["order\x00-1", "order\n1", "tab\tbed", "\x1b[2J", "a\u2028b"])
def test_a_submission_id_with_control_characters_is_refused(submission_id: str) -> None:
    message = refused(gdd="x", submission_id=submission_id)
    assert "submission_id must be printable characters" in message


@pytest.mark.parametrize("submission_id", ["", 42, ["a"], {"id": 1}])
def test_an_empty_or_non_text_submission_id_is_refused(submission_id: object) -> None:
    assert "submission_id must be" in refused(gdd="x", submission_id=submission_id)


@pytest.mark.parametrize("submission_id", ["order-1234", "a" * SUBMISSION_ID_MAX, "주문 7", None])
def test_printable_submission_ids_up_to_the_column_size_are_accepted(submission_id: str | None) -> None:
    assert submit(submission_id=submission_id).submission_id == submission_id
    assert Job.__table__.c.submission_id.type.length == SUBMISSION_ID_MAX


# --- title, source ------------------------------------------------------------------------------


@pytest.mark.parametrize(("title", "why"), [
    ("T" * (TITLE_MAX + 1), f"title must be at most {TITLE_MAX} characters, not 201"),
    ("Moon\nJump", "title must be one line of text"),
    ("Moon\x00Jump", "title must be one line of text"),
    ("\x1b]8;;file:///etc/passwd\x07", "title must be one line of text"),
    (7, "title must be text or null, not an integer"),
])
def test_a_title_too_long_or_with_control_characters_is_refused(title: object, why: str) -> None:
    assert why in refused(gdd="x", title=title)


def test_titles_are_kept_trimmed_and_an_empty_one_is_none() -> None:
    assert submit(title="  별빛 상자 🎮 ").title == "별빛 상자 🎮"
    assert submit(title="").title is None and submit(title=None).title is None
    assert Job.__table__.c.title.type.length == TITLE_MAX


def test_the_source_comes_from_a_fixed_set() -> None:
    assert {submit(source=source).source for source in SOURCES} == set(SOURCES)
    assert submit().source == "celery"
    for bad in ("hacker", "", None, 1):
        assert refused(gdd="x", source=bad) == "invalid argument: source must be one of cli, celery, embedded, api"


# --- notify -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("notify", "kind"), [("myservice.done", "text"), (["a", "b"], "a list"), (7, "an integer")])
def test_a_notify_that_is_not_an_object_is_refused(notify: object, kind: str) -> None:
    message = refused(gdd="x", notify=notify)
    assert message == ('invalid argument: notify must be {"task": "<task name>", "queue": "<queue name>"} or null, '
                       f"not {kind}")


@pytest.mark.parametrize(("notify", "why"), [
    ({}, "notify.task is required"),
    ({"queue": "q"}, "notify.task is required"),
    ({"task": ""}, "notify.task must be a task name"),
    ({"task": "my service"}, "notify.task must be a task name"),
    ({"task": "x" * (NAME_MAX + 1)}, "notify.task must be a task name"),
    ({"task": "a\x00b"}, "notify.task must be a task name"),
    ({"task": 7}, "notify.task must be a name (text), not an integer"),
    ({"task": "maestro.build"}, "notify.task must be one of your own tasks"),
    ({"task": "celery.chord_unlock"}, "notify.task must be one of your own tasks"),
    ({"task": "svc.done", "queue": 5}, "notify.queue must be a name (text), not an integer"),
    ({"task": "svc.done", "queue": "maestro.build"}, "notify.queue must be one of your own queues"),
    ({"task": "svc.done", "colour": "blue"}, "notify.colour is not allowed"),
])
def test_a_notify_target_has_a_bounded_validated_shape(notify: dict[str, Any], why: str) -> None:
    assert why in refused(gdd="x", notify=notify)


def test_good_notify_targets_are_accepted() -> None:
    target = submit(notify={"task": "myservice.tasks.game_ready", "queue": "myservice"}).notify
    assert target is not None and target.model_dump() == {"task": "myservice.tasks.game_ready", "queue": "myservice"}
    target = submit(notify={"task": "svc:done", "queue": ""}).notify
    assert target is not None and target.queue is None
    assert submit(notify=None).notify is None


# --- unknown keywords, positional arguments, many problems --------------------------------------


def test_an_unknown_keyword_is_refused_by_name_with_the_known_ones() -> None:
    assert refused(gdd="x", colour="blue") == (
        "invalid argument: unknown argument colour (the arguments are gdd, title, submission_id, seed, notify, source)"
    )


def test_a_hostile_keyword_is_shown_clipped_and_escaped() -> None:
    message = refused(gdd="x", **{"\x1b[2J" + "k" * 5000: 1})
    assert "\\x1b[2J" in message and "k" * 100 not in message


def test_ten_thousand_problems_make_one_short_line() -> None:
    message = refused(**{f"key{index}": index for index in range(10_000)})
    assert message.startswith("invalid arguments: gdd is required; unknown argument key0; unknown argument key1")
    assert "and 9,998 more" in message


def test_positional_arguments_fill_the_fields_in_order() -> None:
    call = SubmitArgs.from_call(("# Moon", "Moon", "order-9", 7, {"task": "svc.done"}, "cli"), {})
    assert (call.gdd, call.title, call.submission_id, call.seed, call.source) == ("# Moon", "Moon", "order-9", 7, "cli")
    with pytest.raises(ArgumentError, match="at most 6 positional"):
        SubmitArgs.from_call(("# Moon",) * 7, {})
    with pytest.raises(ArgumentError, match="gdd is given both by position and by name"):
        SubmitArgs.from_call(("# Moon",), {"gdd": "# Jump"})


def test_a_refused_submission_keeps_only_its_valid_arguments() -> None:
    kept = salvage((), {"gdd": 10**10, "seed": "abc", "title": "Moon", "submission_id": "order-1",
                        "notify": {"task": "svc.done"}, "source": "cli", "colour": "blue"})
    assert (kept.title, kept.submission_id, kept.seed, kept.source) == ("Moon", "order-1", None, "cli")
    assert kept.notify is not None and kept.notify.task == "svc.done"
    bad = salvage((10**10,), {"submission_id": "a\x00" * 5000, "title": "x\n", "notify": "svc", "source": 1})
    assert (bad.title, bad.submission_id, bad.notify, bad.source) == (None, None, None, "celery")


# --- the pipeline's own tasks -------------------------------------------------------------------


@pytest.mark.parametrize("job_id", [None, "", "local", JOB.upper(), JOB + "0", 7, "../" + JOB, JOB[:-1] + "\x00"])
def test_a_job_id_must_be_a_lowercase_uuid(job_id: object) -> None:
    with pytest.raises(ArgumentError, match="job_id must be a job id"):
        ParseArgs.from_call((job_id,), {})
    assert ParseArgs.from_call((JOB,), {}).job_id == JOB
    assert ParseArgs.from_call((), {"job_id": JOB}).job_id == JOB


def test_a_stage_takes_the_parsed_spec_or_nothing() -> None:
    call = StageArgs.from_call(({"spec": {"title": "x"}, "seed": 7},), {"job_id": JOB})
    assert call.parsed is not None and (call.parsed.spec, call.parsed.seed) == ({"title": "x"}, 7)
    assert StageArgs.from_call((), {"job_id": JOB}).parsed is None
    for parsed, why in ((["spec"], "parsed"), ({"spec": {}, "seed": "7"}, "parsed.seed must be a whole number"),
                        ({"spec": {}, "seed": 1, "extra": 1}, "parsed.extra is not allowed"),
                        ({"seed": 1}, "parsed.spec is required")):
        with pytest.raises(ArgumentError, match=why):
            StageArgs.from_call((parsed,), {"job_id": JOB})
    with pytest.raises(ArgumentError, match="unknown argument status"):
        StageArgs.from_call((), {"job_id": JOB, "status": "succeeded"})


def manifest(stage: str, job_id: str = JOB, name: str = "a.json") -> dict[str, Any]:
    key = f"jobs/{job_id}/{stage}/{name}"
    return {"stage": stage, "files": [{"key": key, "sha256": "0" * 64, "bytes": 2, "content_type": "text/plain"}]}


def test_a_build_takes_only_header_manifests_naming_their_stages_folders() -> None:
    call = BuildArgs.from_call(([manifest("codex"), manifest("canvas")], JOB), {})
    assert [result.stage for result in call.results] == ["codex", "canvas"]
    # A stage-cache hit names the folder of the job that first made the files; the build task then
    # checks each manifest against what this job's stage rows recorded (tests/integration).
    assert BuildArgs.from_call(([manifest("codex", OTHER_JOB)], JOB), {}).results[0].files[0].key.startswith(
        f"jobs/{OTHER_JOB}/codex/")
    assert BuildArgs.from_call(([],), {"job_id": JOB}).results == []
    assert BuildArgs.from_call((None,), {"job_id": JOB}).results == []
    for results, why in (
        ([manifest("canvas") | {"stage": "codex"}], r"results\[0\] names files outside"),
        ([{"stage": "codex", "files": [manifest("codex")["files"][0] | {"key": "cache/codex/a.json"}]}],
         r"results\[0\] names files outside"),
        ([manifest("codex", name="a//b")], r"results\[0\] names files outside"),
        ([manifest("codex", name="../../x")], r"results\[0\] names files outside"),
        ([manifest("parse")], r"results\[0\] must be the manifest of a header stage"),
        ([manifest("codex"), manifest("codex")], r"results\[1\] must be the manifest of a header stage"),
        ([manifest("codex")] * 10_000, "results must hold at most 4 manifests, not 10,000"),
        ("codex", "results: Input should be a valid list"),
    ):
        with pytest.raises(ArgumentError, match=why):
            BuildArgs.from_call((results, JOB), {})


def test_every_refusal_is_one_printable_line() -> None:
    hostile = "\x00\x1b[31m\u202e" + string.printable * 50
    for model, args, kwargs in (
        (SubmitArgs, (), {"gdd": hostile.encode(), "title": hostile, "submission_id": hostile, hostile: hostile}),
        (ParseArgs, (hostile,), {hostile: 1}),
        (StageArgs, ({hostile: hostile},), {"job_id": hostile}),
        (BuildArgs, ([{hostile: 1}],), {"job_id": JOB}),
    ):
        with pytest.raises(ArgumentError) as caught:
            model.from_call(args, kwargs)  # type: ignore[attr-defined]
        message = str(caught.value)
        assert message.isprintable() and "\u202e" not in message and len(message) < 600, message
