"""The sweeper's decisions: which stage of which job was lost, and whether to send it again or give up."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from maestro.recovery import Limits, decide, due_stages

NOW = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)
LIMITS = Limits(lost_after=60, time_limit=900, max_rescues=3)


@dataclass
class Row:
    stage: str
    status: str
    task_id: str | None = None
    rescues: int = 0
    worker: str | None = None
    error: str | None = None
    started_at: datetime | None = None
    finished_at: datetime | None = None
    updated_at: datetime | None = None


@dataclass
class Job:
    id: str = "job-1"
    status: str = "running"
    created_at: datetime = NOW - timedelta(hours=1)
    stages: list[Row] = field(default_factory=list)


def ago(seconds: float) -> datetime:
    return NOW - timedelta(seconds=seconds)


def done(stage: str, seconds_ago: float = 600) -> Row:
    return Row(stage, "succeeded", f"t-{stage}", updated_at=ago(seconds_ago), finished_at=ago(seconds_ago))


def header_done(seconds_ago: float = 600, but: str = "") -> list[Row]:
    return [done(stage, seconds_ago) for stage in ("codex", "canvas", "sonata", "labyrinth") if stage != but]


def test_the_due_stages_follow_the_pipeline() -> None:
    assert due_stages(Job(stages=[Row("parse", "queued")])) == ["parse"]
    assert due_stages(Job(stages=[done("parse"), done("codex"), Row("canvas", "running")])) == [
        "canvas", "sonata", "labyrinth"]
    assert due_stages(Job(stages=[done("parse"), *header_done()])) == ["build"]
    assert due_stages(Job(stages=[done("parse"), *header_done(), done("build")])) == []


def test_a_lost_chord_join_sends_the_build_once_the_header_has_been_done_long_enough() -> None:
    rows = [done("parse"), *header_done(seconds_ago=90), Row("build", "queued", "t-build", updated_at=ago(900))]
    [action] = decide([Job(stages=rows)], frozenset(), NOW, LIMITS)
    assert (action.stage, action.kind, action.expected_task) == ("build", "resend", "t-build")
    assert "no queue" in action.reason
    recent = [done("parse"), *header_done(seconds_ago=5), Row("build", "queued", "t-build", updated_at=ago(900))]
    assert decide([Job(stages=recent)], frozenset(), NOW, LIMITS) == []


def test_a_task_waiting_in_a_queue_or_held_by_a_worker_is_left_alone_however_long() -> None:
    rows = [done("parse"), *header_done(), Row("build", "queued", "t-build", updated_at=ago(5000))]
    assert decide([Job(stages=rows)], frozenset({"t-build"}), NOW, LIMITS) == []


def test_a_running_stage_whose_task_no_worker_holds_is_sent_again_naming_its_worker() -> None:
    rows = [done("parse"), Row("codex", "running", "t-codex", worker="codex@a", started_at=ago(120),
                               updated_at=ago(120)), *header_done(but="codex")]
    [action] = decide([Job(stages=rows)], frozenset({"t-other"}), NOW, LIMITS)
    assert (action.stage, action.kind) == ("codex", "resend") and "codex@a" in action.reason


def test_without_a_view_of_the_broker_only_the_time_limit_counts() -> None:
    running = Row("codex", "running", "t-codex", started_at=ago(300), updated_at=ago(300))
    assert decide([Job(stages=[done("parse", 2000), running, *header_done(but="codex")])], None, NOW, LIMITS) == []
    overdue = Row("codex", "running", "t-codex", started_at=ago(1000), updated_at=ago(1000))
    [action] = decide([Job(stages=[done("parse", 2000), overdue, *header_done(but="codex")])], None, NOW, LIMITS)
    assert action.kind == "resend" and "time limit" in action.reason


def test_a_stage_lost_too_often_fails_the_job_with_the_reason() -> None:
    rows = [done("parse"), Row("sonata", "queued", "t-sonata", rescues=3, updated_at=ago(100)),
            *header_done(but="sonata")]
    [action] = decide([Job(stages=rows)], frozenset(), NOW, LIMITS)
    assert (action.stage, action.kind) == ("sonata", "fail") and "4 times" in action.reason


def test_a_queued_job_whose_parse_never_reached_a_queue_is_sent_again() -> None:
    job = Job(status="queued", created_at=ago(200), stages=[Row("parse", "queued", "t-parse", updated_at=ago(200))])
    [action] = decide([job], frozenset(), NOW, LIMITS)
    assert (action.stage, action.kind) == ("parse", "resend")


def test_stale_rows_in_a_job_that_did_not_end_are_made_consistent() -> None:
    cancelled = [done("parse"), Row("canvas", "cancelled", "t-canvas", updated_at=ago(10)), *header_done(but="canvas")]
    [resend] = decide([Job(stages=cancelled)], frozenset(), NOW, LIMITS)
    assert (resend.stage, resend.kind) == ("canvas", "resend")
    failed = [done("parse"), Row("canvas", "failed", "t-canvas", error="boom", updated_at=ago(10)),
              *header_done(but="canvas")]
    [fail] = decide([Job(stages=failed)], frozenset(), NOW, LIMITS)
    assert (fail.kind, fail.reason) == ("fail", "boom")


def test_jobs_that_ended_are_never_touched() -> None:
    rows = [Row("parse", "queued", "t-parse", updated_at=ago(5000))]
    for status in ("succeeded", "failed", "cancelled"):
        assert decide([Job(status=status, stages=rows)], frozenset(), NOW, LIMITS) == []


def test_rows_written_before_rows_recorded_their_last_change_are_judged_by_their_times() -> None:
    rows = [done("parse", 3000), Row("codex", "retrying", "t-codex", started_at=ago(2000), finished_at=ago(1900)),
            *header_done(but="codex")]
    [action] = decide([Job(stages=rows)], None, NOW, LIMITS)
    assert action.stage == "codex" and "retrying" in action.reason
