"""The Celery app routes each stage's task to a queue of its own, JSON only."""

from __future__ import annotations

import celeryconfig
from workers import app

STAGES = ("submit", "parse", "codex", "canvas", "sonata", "labyrinth", "build")


def test_every_stage_task_is_routed_to_its_own_queue() -> None:
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
