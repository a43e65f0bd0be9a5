"""The Celery app routes each stage's task to a queue of its own, JSON only."""

from __future__ import annotations

import celeryconfig
from workers import app, sweeper

STAGES = ("submit", "parse", "codex", "canvas", "sonata", "labyrinth", "build", "sweep")


def test_every_stage_task_and_the_sweeper_are_routed_to_queues_of_their_own() -> None:
    queues = {queue.name for queue in app.conf.task_queues}
    assert queues == {f"maestro.{stage}" for stage in STAGES}
    for stage in STAGES:
        assert app.amqp.router.route({}, f"maestro.{stage}")["queue"].name == f"maestro.{stage}"


def test_only_json_crosses_the_broker_and_tasks_survive_a_lost_worker() -> None:
    assert (app.conf.task_serializer, app.conf.result_serializer) == ("json", "json")
    assert app.conf.accept_content == ["json"]
    assert app.conf.task_acks_late and app.conf.task_reject_on_worker_lost
    assert app.conf.worker_prefetch_multiplier == 1
    assert celeryconfig.broker_transport_options["visibility_timeout"] > app.conf.task_time_limit


def test_beat_sends_the_sweeper_often_and_drops_a_pass_no_worker_took() -> None:
    entry = app.conf.beat_schedule["maestro-sweep"]
    assert entry["task"] == sweeper.sweep.name == "maestro.sweep"
    assert entry["schedule"] <= 60 and entry["options"]["expires"] <= entry["schedule"]


def test_a_broker_restart_of_seconds_is_ridden_out_when_sending_and_storing_results() -> None:
    policy = app.conf.task_publish_retry_policy
    waits = sum(min(policy["interval_start"] + policy["interval_step"] * n, policy["interval_max"])
                for n in range(policy["max_retries"]))
    assert waits >= 10
    assert app.conf.result_backend_always_retry
