"""config/prometheus/ stays valid and in step with the metrics catalogue (maestro/metrics.py).

promtool (scripts/promtool.sh fetches it) checks the scrape config, the rules and their unit tests
(rules_test.yml); the rest is plain Python, so a renamed metric or label is caught even where
promtool is missing: Prometheus accepts a rule on a series that does not exist, and it stays silent.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from prometheus_client.metrics import MetricWrapperBase

from maestro import metrics
from tests.conftest import require

ROOT = Path(__file__).resolve().parents[2]
FOLDER = ROOT / "config" / "prometheus"
#: Labels Prometheus adds to every scraped series.
TARGET_LABELS = frozenset({"job", "instance"})
#: The series a metric type exposes, by suffix, with the labels each adds.
SUFFIXES = {"counter": {"_total": ()}, "gauge": {"": ()}, "summary": {"": ("quantile",), "_sum": (), "_count": ()},
            "histogram": {"_bucket": ("le",), "_sum": (), "_count": ()}}
AGGREGATIONS = re.compile(r"\b(sum|min|max|avg|count|stddev|stdvar|topk|bottomk|quantile|group)\s*(\(|by\b|without\b)")
STRINGS = re.compile(r'"(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\'|`[^`]*`')
NAMES = re.compile(r"(?<![\w:.$])[a-zA-Z_:][\w:]*")
SELECTORS = re.compile(r"([a-zA-Z_:][\w:]*)\s*\{([^}]*)\}")
MATCHERS = re.compile(r"(\w+)\s*(?:=~|!~|!=|=)")
GROUPINGS = re.compile(r"\b(?:by|without|on|ignoring|group_left|group_right)\s*\(([^)]*)\)")
TEMPLATE_LABELS = re.compile(r"\$labels\.(\w+)")
#: A Maestro series (maestro_...), a recorded one (level:metric:operations) or Prometheus's own ``up``.
SERIES = re.compile(r"maestro_\w+|\w+:\w+:\w+|up")

# The exposition check runs in a fresh interpreter without PROMETHEUS_MULTIPROC_DIR: in this process
# the catalogue may already be in multiprocess mode (another test imported workers.app), and giving
# its metrics label values here would write them into a folder an exporter reads.
EXPOSITION = """
import sys
from prometheus_client import CollectorRegistry, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.metrics import MetricWrapperBase
from maestro import metrics

class Cluster:
    def collect(self):
        for name, (_, labels, documentation) in metrics.CLUSTER_METRICS.items():
            family = GaugeMetricFamily(name, documentation, labels=labels)
            family.add_metric(["sample"] * len(labels), 0)
            yield family

registry = CollectorRegistry()
for value in vars(metrics).values():
    if isinstance(value, MetricWrapperBase):
        registry.register(value)
        if value._labelnames:
            value.labels(*["sample"] * len(value._labelnames))
registry.register(Cluster())
sys.stdout.write(generate_latest(registry).decode())
"""


def catalogue() -> dict[str, frozenset[str]]:
    """Every series name the exporters serve, with its labels (target labels aside)."""
    series: dict[str, frozenset[str]] = {}
    for value in vars(metrics).values():
        if isinstance(value, MetricWrapperBase):
            for suffix, extra in SUFFIXES[value._type].items():
                series[value._name + suffix] = frozenset(value._labelnames) | set(extra)
    for name, (_, labels, _) in metrics.CLUSTER_METRICS.items():
        series[name] = frozenset(labels)
    return series


def rules() -> list[dict[str, Any]]:
    """Every rule of rules.yml, recording and alerting, in file order."""
    groups = yaml.safe_load((FOLDER / "rules.yml").read_text(encoding="utf-8"))["groups"]
    return [rule for group in groups for rule in group["rules"]]


def referenced(expr: str) -> set[str]:
    """The Maestro and recorded series an expression (or a text) names, strings left out."""
    return {name for name in NAMES.findall(STRINGS.sub('""', expr)) if SERIES.fullmatch(name)}


def labels_out(expr: str, known: dict[str, frozenset[str]]) -> frozenset[str]:
    """The labels an expression's result carries, near enough for these rules: an aggregation keeps
    its ``by`` labels (a quantile drops ``le``), anything else keeps its series' labels."""
    bare = STRINGS.sub('""', expr)
    kept = {label.strip() for labels in re.findall(r"\bby\s*\(([^)]*)\)", bare) for label in labels.split(",")}
    if kept:
        return frozenset(kept - {"le", ""})
    if AGGREGATIONS.search(bare):
        return frozenset()
    out: set[str] = set()
    for name in referenced(bare):
        out |= known.get(name, frozenset()) | (TARGET_LABELS if ":" not in name else set())
    return frozenset(out)


def known_series() -> dict[str, frozenset[str]]:
    """The catalogue's series, ``up``, and the recording rules' series with the labels they keep."""
    known = {**catalogue(), "up": frozenset()}
    for rule in rules():
        if "record" in rule:
            known[rule["record"]] = labels_out(rule["expr"], known)
    return known


def exprs() -> Iterator[tuple[str, str]]:
    """(rule name, expression) of every rule, for the parametrised checks."""
    for rule in rules():
        yield rule.get("record") or rule["alert"], rule["expr"]


@pytest.fixture(scope="module")
def promtool() -> str:
    local = ROOT / ".venv" / "bin" / "promtool"
    found = shutil.which("promtool") or (str(local) if local.exists() else None)
    require(found, "promtool is not installed: run scripts/promtool.sh")
    assert found is not None
    return found


def run(promtool: str, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([promtool, *args], cwd=FOLDER, input=stdin, capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("check", [("check", "config", "prometheus.yml"), ("check", "rules", "rules.yml"),
                                   ("test", "rules", "rules_test.yml")], ids=" ".join)
def test_promtool_accepts_the_config_the_rules_and_their_unit_tests(promtool: str, check: tuple[str, ...]) -> None:
    result = run(promtool, *check)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_catalogue_exposition_passes_promtools_metric_lint(promtool: str) -> None:
    environ = {key: value for key, value in os.environ.items() if key != "PROMETHEUS_MULTIPROC_DIR"}
    exposition = subprocess.run([sys.executable, "-c", EXPOSITION], cwd=ROOT, env=environ, capture_output=True,
                                text=True, timeout=120, check=True).stdout
    assert all(f"# TYPE {name} " in exposition for name in metrics.CLUSTER_METRICS)
    result = run(promtool, "check", "metrics", stdin=exposition)
    assert (result.returncode, result.stdout + result.stderr) == (0, "")


@pytest.mark.parametrize(("name", "expr"), list(exprs()), ids=[name for name, _ in exprs()])
def test_every_series_a_rule_names_is_in_the_catalogue_with_the_labels_it_matches_on(name: str, expr: str) -> None:
    known = known_series()
    names = referenced(expr)
    assert names, f"{name} names no series"
    assert names <= known.keys(), f"{name}: not in maestro/metrics.py nor recorded: {sorted(names - known.keys())}"
    bare = STRINGS.sub('""', expr)
    for series, matchers in SELECTORS.findall(bare):
        has = known[series] | (TARGET_LABELS if ":" not in series else set())
        matched = set(MATCHERS.findall(matchers)) - {"__name__"}
        assert matched <= has, f"{name}: {series} has no label {sorted(matched - has)}"
    grouped = {label.strip() for labels in GROUPINGS.findall(bare) for label in labels.split(",")} - {""}
    anywhere = set().union(*(known[series] for series in names)) | TARGET_LABELS
    assert grouped <= anywhere, f"{name}: no series it names has label {sorted(grouped - anywhere)}"


def test_recorded_series_are_named_level_metric_operations_after_a_catalogue_metric() -> None:
    families = {value._name for value in vars(metrics).values() if isinstance(value, MetricWrapperBase)}
    for rule in rules():
        if "record" in rule:
            level, family, operations = rule["record"].split(":")
            assert family in families | metrics.CLUSTER_METRICS.keys() and level and operations, rule["record"]


def test_annotations_name_only_labels_their_alert_keeps_and_series_that_exist() -> None:
    known = known_series()
    for rule in rules():
        if "alert" not in rule:
            continue
        text = " ".join(rule["annotations"].values())
        assert referenced(text) <= known.keys(), f"{rule['alert']} points readers at {referenced(text) - known.keys()}"
        used, kept = set(TEMPLATE_LABELS.findall(text)), labels_out(rule["expr"], known)
        assert used <= kept, f"{rule['alert']}: {{{{ $labels }}}} has no {sorted(used - kept)}"


def test_every_alert_waits_has_a_severity_and_says_what_and_why() -> None:
    alerts = [rule for rule in rules() if "alert" in rule]
    assert {rule["alert"] for rule in alerts} == {
        "MaestroJobsStuck", "MaestroJobFailureRatioHigh", "MaestroQueueDepthGrowing", "MaestroNoWorkerOnQueue",
        "MaestroSweeperStopped", "MaestroExporterDown", "MaestroCollectorSourceDown"}
    for rule in alerts:
        assert rule.get("for"), f"{rule['alert']} fires on one evaluation"
        assert rule["labels"]["severity"] in ("critical", "warning"), rule["alert"]
        assert {"summary", "description"} <= rule["annotations"].keys(), rule["alert"]


def test_the_unit_tests_show_every_alert_both_firing_and_silent() -> None:
    tests = yaml.safe_load((FOLDER / "rules_test.yml").read_text(encoding="utf-8"))["tests"]
    cases = [case for test in tests for case in test.get("alert_rule_test", [])]
    fired = {case["alertname"] for case in cases if case.get("exp_alerts")}
    silent = {case["alertname"] for case in cases if not case.get("exp_alerts")}
    alerts = {rule["alert"] for rule in rules() if "alert" in rule}
    assert (alerts - fired, alerts - silent) == (set(), set())


def test_the_scrape_config_evaluates_the_rules_and_scrapes_the_exporter() -> None:
    config = yaml.safe_load((FOLDER / "prometheus.yml").read_text(encoding="utf-8"))
    assert config["rule_files"] == ["rules.yml"]
    (job,) = [job for job in config["scrape_configs"] if job["job_name"] == "maestro"]
    assert "127.0.0.1:9808" in job["static_configs"][0]["targets"]
