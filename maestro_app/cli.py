"""The `maestro` command line (Typer + rich).

Exit codes: 0 success, 2 bad input (one line on stderr), 1 any other failure.

Each command imports what it uses when it runs, so ``maestro --help`` starts in a fraction of a
second and ``validate`` never loads Celery: keep module-level imports to typer, rich, errors and
safe_text. Every command reads a GDD through :func:`maestro.gdd.read_gdd_text`, the one edge where
a file's bytes become text, so ``run`` and ``submit`` accept and refuse the same files with the
same words.

Everything printed that came from outside (a GDD, a job row, a stored object, an error quoting
any of them) is data, never markup or terminal control: it goes out as a rich ``Text`` made by
:func:`_shown`, through :func:`maestro.safe_text.terminal`, or, for JSON, through
:func:`maestro.safe_text.terminal_json`. Only the literal strings written here carry rich markup.
"""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from maestro.errors import InputError, MaestroError
from maestro.safe_text import mask_url, scrub, terminal, terminal_json

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

    from maestro.llm import LLMConfig
    from maestro.manifest import StageManifest
    from maestro.settings import Settings
    from maestro.spec import GameSpec
    from maestro.store import Store
    from maestro_app.doctor import JobsReport

T = TypeVar("T")

app = typer.Typer(
    name="maestro",
    help="Turn a game design document into a playable web game prototype.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
stdout = Console()
stderr = Console(stderr=True)


def _exit(message: str, code: int) -> typer.Exit:
    """The one way a command fails: one line on stderr, then exit ``code``.

    Messages quote GDDs, job rows and drivers, so they pass through :func:`terminal`: a newline or
    an escape sequence inside shows as ``\\n`` or ``\\x1b`` and the error stays one harmless line.
    """
    print(f"maestro: error: {terminal(message)}", file=sys.stderr)
    return typer.Exit(code)


def _fail(error: MaestroError) -> typer.Exit:
    return _exit(str(error), 2 if isinstance(error, InputError) else 1)


def _usage(message: str) -> typer.Exit:
    """A bad argument: exit 2, before any work is done."""
    return _exit(message, 2)


def _shown(value: object, style: str = "") -> Text:
    """Outside text as rich ``Text``: shown as typed, never read as markup, controls made visible."""
    return Text(terminal(str(value)), style=style)


def _check_seed(seed: int | None) -> None:
    """Refuse a seed the task boundary would refuse, before any work: the same rule, one place."""
    from maestro.submission import check_seed

    if seed is not None:
        try:
            check_seed(seed)
        except InputError as error:
            raise _usage(f"--{error}") from None


def _check_submission(seed: int | None, submission_id: str | None) -> None:
    """Refuse what ``maestro.submit`` would refuse (seed range, id length), before reading or sending."""
    from maestro.submission import Submitter

    try:
        Submitter.from_call(kwargs={"seed": seed, "submission_id": submission_id, "source": "cli"})
    except InputError as error:
        raise _usage(str(error).replace("invalid argument: ", "--", 1).replace("submission_id", "id")) from None


def _submitted_title(file: Path) -> str | None:
    """The file's name as the job's title until parse reads the GDD's own, if the task would take it."""
    from maestro.submission import TITLE_MAX

    title = file.stem[:TITLE_MAX]
    return title if title.isprintable() and title.strip() else None


def _check_output_folder(out: Path | None) -> None:
    """Refuse an output path that is a file (or sits under one) before running anything."""
    if out is None:
        return
    for path in (out, *out.parents):
        if path.exists() and not path.is_dir():
            what = "is a file" if path == out else f"is inside {path}, which is a file"
            raise _usage(f"cannot write to {out}: it {what}; give a folder with -o")


def _check_build_folder(out: Path | None) -> None:
    """Refuse, before any work, a build folder that ``run`` may not replace (see ``replace_folder``)."""
    from maestro.folders import why_not_replaceable

    _check_output_folder(out)
    reason = why_not_replaceable(out) if out is not None else None
    if reason is not None:
        raise _usage(f"cannot write the build to {out}: {reason}")


def _read_spec(file: Path) -> GameSpec:
    from maestro.gdd import read_gdd

    return read_gdd(file)


def _warning(text: str) -> Text:
    """A warning line: the marker styled, the GDD-derived text shown as it is (never as markup)."""
    return Text.assemble(("! ", "yellow"), _shown(text))


@app.command()
def validate(
    file: Annotated[Path, typer.Argument(help="The GDD: a Markdown or plain-text file.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print only the spec as JSON.")] = False,
) -> None:
    """Read a GDD and show the game spec Maestro understood, with its warnings."""
    try:
        spec = _read_spec(file)
    except MaestroError as error:
        raise _fail(error) from None
    if as_json:
        sys.stdout.write(terminal_json(spec.model_dump_json(indent=2)) + "\n")
        return
    _show(spec)


@app.command()
def run(
    file: Annotated[Path, typer.Argument(help="The GDD: a Markdown or plain-text file.")],
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Build folder (default: build/<game>).")] = None,
    seed: Annotated[int | None, typer.Option(help="Seed (default: the spec's, a hash of the GDD).")] = None,
    llm: Annotated[bool | None, typer.Option(
        "--llm/--no-llm", help="Ask the model at MAESTRO_LLM_BASE_URL for a second reading of the GDD "
                               "(default: when one is set). The game builds without it if it fails.")] = None,
) -> None:
    """Turn a GDD into a web game you can play: parse, code, art, music, levels, build. No servers."""
    import tempfile
    import time

    from maestro.gdd import read_gdd_text

    _check_seed(seed)
    _check_build_folder(out)
    model = _model_for_run(llm)
    try:
        text = read_gdd_text(file)
    except MaestroError as error:
        raise _fail(error) from None

    from maestro.folders import replace_folder
    from maestro.pipeline import build_name, build_path
    from maestro.store import LocalStore
    from workers.embedded import StageError, run_job

    started: dict[str, float] = {}

    def progress(stage: str, status: str) -> None:
        if status == "started":
            started[stage] = time.perf_counter()
        else:
            seconds = time.perf_counter() - started[stage]
            stderr.print(Text.assemble(("✓ ", "green"), _shown(f"{stage:<9} "), (f"{seconds:.2f} s", "dim")),
                         highlight=False)

    try:
        with tempfile.TemporaryDirectory(prefix="maestro-") as scratch:
            store = LocalStore(scratch)
            job = run_job(text, store, "local", seed, progress, title=_submitted_title(file),
                          llm=model, llm_cache=_llm_cache() if model else None)
            files = {build_path(stored.key): store.get(stored.key) for stored in job.build.files}
            audit = _model_transcript(store, job.id)  # the prompts and answers, beside the game
            files.update(audit)
            target = replace_folder(files, out if out is not None else Path("build") / build_name(job.spec))
    except StageError as error:
        raise _exit(str(error), 1) from None
    except MaestroError as error:
        raise _fail(error) from None
    except OSError as error:
        raise _exit(f"cannot write the build: {error}", 1) from None
    for warning in job.spec.warnings[:5]:
        stderr.print(_warning(warning), highlight=False)
    if len(job.spec.warnings) > 5:
        stderr.print(_warning(f"… {len(job.spec.warnings) - 5} more warnings in report.md"), highlight=False)
    if audit:
        stderr.print(_shown(f"model: {len(audit) - 1} prompt(s) and answer(s) in {target / 'llm'}"), highlight=False)
    sys.stdout.write(f"{terminal(str(target / 'index.html'))}\n")


def _model_for_run(wanted: bool | None) -> LLMConfig | None:
    """The model ``maestro run`` may ask: the configured one unless --no-llm; --llm insists on one."""
    from maestro.llm import LLMConfig, LLMConfigError
    from maestro.settings import settings

    if wanted is False:
        return None
    try:
        config = LLMConfig.from_settings(settings())
    except LLMConfigError as error:
        if wanted:
            raise _exit(str(error), 2) from None
        stderr.print(_warning(f"model: not asked: {error}"), highlight=False)
        return None
    if wanted and config is None:
        raise _exit("--llm needs a model: set MAESTRO_LLM_BASE_URL and MAESTRO_LLM_MODEL "
                    "(and MAESTRO_LLM_API_KEY if the server wants one)", 2)
    return config


def _llm_cache() -> Store | None:
    """Where ``maestro run`` keeps the model's answers between runs, or None if no folder can be made."""
    from maestro.settings import settings
    from maestro.store import LocalStore

    try:
        folder = settings().cache_path / "llm"
        folder.mkdir(parents=True, exist_ok=True)
        return LocalStore(folder)
    except OSError as error:
        stderr.print(_warning(f"model: answers not cached ({error.strerror})"), highlight=False)
        return None


def _model_transcript(store: Store, job_id: str) -> dict[str, bytes]:
    """The job's stored prompts and answers as build files under ``llm/`` (none if no model was asked)."""
    from maestro.pipeline import llm_prefix

    prefix = llm_prefix(job_id) + "/"
    return {"llm/" + key.removeprefix(prefix): store.get(key) for key in store.keys(llm_prefix(job_id))
            if key.startswith(prefix)}


@app.command()
def levels(
    file: Annotated[Path, typer.Argument(help="The GDD: a Markdown or plain-text file.")],
    seed: Annotated[int | None, typer.Option(help="Seed (default: the spec's, a hash of the GDD).")] = None,
    level: Annotated[int | None, typer.Option("--level", "-l", help="Show only this level (1-based).")] = None,
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Also write the level files here.")] = None,
    band: Annotated[int, typer.Option(help="Columns per band of the map preview.")] = 100,
) -> None:
    """Generate the GDD's levels, prove each one, and print a text preview of them."""
    from maestro.pipeline import job_seed
    from maestro.stages import labyrinth
    from maestro.store import LocalStore

    _check_seed(seed)
    _check_output_folder(out)
    try:
        spec = _read_spec(file)
    except MaestroError as error:
        raise _fail(error) from None
    if level is not None and not 1 <= level <= len(spec.levels):
        raise _usage(f"--level {level} is out of range: this GDD has {len(spec.levels)} levels "
                     f"(1-{len(spec.levels)})")
    try:
        chosen = job_seed(seed, spec.seed)
        built = labyrinth.build_levels(spec, chosen)
        if out is not None:
            labyrinth.write(spec, chosen, built, LocalStore(out), "labyrinth")
    except MaestroError as error:
        raise _fail(error) from None
    from maestro.labyrinth.preview import render

    for made in built:
        if level is None or made.index == level:
            sys.stdout.write(terminal(render(made, band=band), keep_newlines=True) + "\n")
    if out is not None:
        stderr.print(Text.assemble("level files written to ", _shown(out / "labyrinth")))


def _stage_to_folder(stage: str, file: Path, out: Path, seed: int | None) -> StageManifest:
    """Run one stage (``canvas`` or ``sonata``) on a GDD into a local folder and list what it wrote."""
    from maestro.pipeline import job_seed
    from maestro.store import LocalStore

    if stage == "canvas":
        from maestro.stages.canvas import run as run_stage
    else:
        from maestro.stages.sonata import run as run_stage
    _check_seed(seed)
    _check_output_folder(out)
    try:
        spec = _read_spec(file)
        # ``maestro audio`` writes the WAVs too, to listen to or edit; the game itself carries MP3 only.
        extra = {"wav": True} if stage == "sonata" else {}
        manifest = run_stage(spec, job_seed(seed, spec.seed), LocalStore(out), stage, **extra)
    except MaestroError as error:
        raise _fail(error) from None
    for stored in manifest.files:
        stdout.print(Text.assemble(_shown(stored.key), "  ", (f"{stored.bytes} bytes", "dim")), highlight=False)
    return manifest


OUT_HELP = "Folder to write the files into."
SEED_HELP = "Seed (default: the spec's, a hash of the GDD)."


@app.command()
def art(
    file: Annotated[Path, typer.Argument(help="The GDD: a Markdown or plain-text file.")],
    out: Annotated[Path, typer.Option("--out", "-o", help=OUT_HELP)] = Path("art"),
    seed: Annotated[int | None, typer.Option(help=SEED_HELP)] = None,
) -> None:
    """Draw the GDD's sprites, tiles and backgrounds; write the atlas and a preview.png to look at."""
    manifest = _stage_to_folder("canvas", file, out, seed)
    stdout.print(Text.assemble("preview: ", _shown(out / manifest.file("preview.png").key)), highlight=False)


@app.command()
def audio(
    file: Annotated[Path, typer.Argument(help="The GDD: a Markdown or plain-text file.")],
    out: Annotated[Path, typer.Option("--out", "-o", help=OUT_HELP)] = Path("audio"),
    seed: Annotated[int | None, typer.Option(help=SEED_HELP)] = None,
) -> None:
    """Compose the GDD's music and sound effects; write them as MP3 (what the game plays) and WAV."""
    meta = _stage_to_folder("sonata", file, out, seed).meta
    stdout.print(_shown(f"{meta['tempo_bpm']} BPM, {meta['key']}, {meta['loops']} loops, {meta['sfx']} effects, "
                        f"{meta['bytes'] / 1e6:.1f} MB in {out / 'sonata'}"), highlight=False)


# --- the cluster: submit, status, list, fetch, db upgrade, doctor ---------------------------------

db_app = typer.Typer(help="The job database (PostgreSQL in the cluster).", no_args_is_help=True)
app.add_typer(db_app, name="db")


def _cluster() -> Settings:
    from maestro.settings import Settings

    config = Settings()
    if config.mode != "cluster":
        raise _usage("set MAESTRO_BROKER_URL, MAESTRO_DATABASE_URL and MAESTRO_STORE_URL "
                     "(see config/cluster.env.example); 'maestro run' needs none of them")
    return config


def _database_url(config: Settings) -> str:
    assert config.database_url is not None
    return config.database_url.get_secret_value()


@functools.lru_cache(maxsize=2)
def _session_factory(url: str) -> sessionmaker[Session]:
    """One engine (and its connection pool) per database URL, shared by every poll of ``--watch``."""
    from maestro.db.session import make_engine, session_factory

    return session_factory(make_engine(url))


def _query(config: Settings, read: Callable[[Session], T]) -> T:
    """``read`` run in one database session; a database that cannot be used is one line, exit 1.

    A URL that cannot be used at all (a port that is not a number, an unknown driver) is the
    user's setting to fix: exit 2, the URL shown with its password masked.
    """
    from maestro.db.session import session_scope

    url = _database_url(config)
    try:
        factory = _session_factory(url)
    except (ValueError, MaestroError) as error:
        raise _exit(f"MAESTRO_DATABASE_URL {mask_url(url)} cannot be used: {scrub(str(error), url)}", 2) from None
    try:
        with session_scope(factory) as session:
            return read(session)
    except MaestroError as error:
        raise _exit(scrub(str(error), url), 2 if isinstance(error, InputError) else 1) from None


def _broker_errors(config: Settings, error: BaseException) -> typer.Exit:
    """A broker that failed mid-command (cancel, retry): one line naming it, password masked."""
    url = config.broker_url or ""
    return _exit(f"cannot reach the broker at {mask_url(url)}: {scrub(str(error), url)}", 1)


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Create or migrate the job tables (Alembic, to the newest revision)."""
    from maestro.db.migrate import upgrade
    from maestro.db.session import parse_url
    from maestro.settings import Settings

    url = Settings().database_url
    if url is None:
        raise _usage("MAESTRO_DATABASE_URL is not set")
    secret = url.get_secret_value()
    try:
        parse_url(secret)
    except MaestroError as error:
        raise _exit(f"MAESTRO_DATABASE_URL {mask_url(secret)} cannot be used: {scrub(str(error), secret)}",
                    2) from None
    try:
        upgrade(secret)
    except MaestroError as error:
        raise _exit(scrub(str(error), secret), 2 if isinstance(error, InputError) else 1) from None
    stdout.print("database is at the newest revision")


@app.command()
def submit(
    file: Annotated[Path, typer.Argument(help="The GDD: a Markdown or plain-text file.")],
    wait: Annotated[bool, typer.Option("--wait", help="Wait for the job to finish.")] = False,
    seed: Annotated[int | None, typer.Option(help="Seed (default: a hash of the GDD).")] = None,
    submission_id: Annotated[str | None, typer.Option("--id", help="Your id for it: the same id twice makes "
                                                                    "one job.")] = None,
) -> None:
    """Send a GDD to the cluster; prints the job id."""
    import logging

    from maestro.gdd import read_gdd_text
    from maestro_app.client import Client

    _check_submission(seed, submission_id)
    config = _cluster()
    try:
        text = read_gdd_text(file)
    except MaestroError as error:
        raise _fail(error) from None
    assert config.broker_url is not None
    # Celery logs a lost result backend as a CRITICAL paragraph on stderr; the error line says it.
    logging.getLogger("celery").addHandler(logging.NullHandler())
    try:
        submitted = Client(config.broker_url, config.result_backend).submit(
            text, title=_submitted_title(file), submission_id=submission_id, seed=seed)
    except MaestroError as error:
        raise _fail(error) from None
    if submitted.error:
        raise _exit(f"job {submitted.job_id} failed: {submitted.error}", 2)
    sys.stdout.write(terminal(submitted.job_id) + "\n")
    if wait:
        raise typer.Exit(_watch(config, submitted.job_id, quiet=True))


@app.command()
def status(
    job: Annotated[str, typer.Argument(help="Job id (a unique prefix is enough).")],
    watch: Annotated[bool, typer.Option("--watch", help="Follow it until it ends.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the job as JSON.")] = False,
) -> None:
    """A job and each stage's progress, from the database."""
    from maestro.db import repository

    config = _cluster()
    if watch:
        raise typer.Exit(_watch(config, job, quiet=False))
    found = _query(config, lambda session: repository.get_job(session, job).as_dict())
    if as_json:
        sys.stdout.write(terminal_json(json.dumps(found, indent=2, ensure_ascii=False)) + "\n")
    else:
        _show_job(found)


def _watch(config: Settings, job: str, quiet: bool) -> int:
    """Poll the job until it ends; 0 when it succeeded, 1 otherwise."""
    import time

    from rich.live import Live

    from maestro.db import repository

    with Live(console=stderr, refresh_per_second=4, transient=quiet) as live:
        while True:
            found = _query(config, lambda session: repository.get_job(session, job).as_dict())
            live.update(_job_table(found))
            if found["status"] in ("succeeded", "failed", "cancelled"):
                break
            time.sleep(0.5)
    if quiet:
        error = f" ({found['error']})" if found.get("error") else ""
        stdout.print(_shown(f"{found['id']}: {found['status']}{error}"), highlight=False)
    return 0 if found["status"] == "succeeded" else 1


def _job_table(found: dict[str, Any]) -> Table:
    title = Text.assemble(_shown(found["title"] or "untitled"), "  ", _shown(found["id"], "dim"), "  ",
                          _shown(found["status"]))
    table = Table(title=title, show_lines=False)
    for column in ("stage", "status", "attempts", "worker", "seconds", "error"):
        table.add_column(column)
    for stage in found.get("stages", []):
        seconds = stage.get("duration_seconds")
        resent = f" ({stage['rescues']} resent)" if stage.get("rescues") else ""
        table.add_row(_shown(stage["stage"]), _shown(stage["status"]), _shown(f"{stage.get('attempts', 0)}{resent}"),
                      _shown(stage.get("worker") or ""), f"{seconds:.2f}" if isinstance(seconds, float | int) else "",
                      _shown((stage.get("error") or "")[:60]))
    return table


def _show_job(found: dict[str, Any]) -> None:
    stdout.print(_job_table(found))
    if found.get("error"):
        stdout.print(Text.assemble(("error: ", "red"), _shown(found["error"])), highlight=False)
    if found.get("build_key"):
        stdout.print(Text.assemble("build: ", _shown(found["build_key"])), highlight=False)
    if found.get("notify_error"):
        stdout.print(Text.assemble(("notify: ", "yellow"), _shown(found["notify_error"])), highlight=False)


@app.command("list")
def list_jobs(
    status_filter: Annotated[str | None, typer.Option("--status", help="Only jobs in this status.")] = None,
) -> None:
    """The latest jobs."""
    from maestro.db import repository

    config = _cluster()
    jobs = _query(config, lambda session: [job.as_dict() for job in repository.list_jobs(session, status_filter)])
    table = Table(show_lines=False)
    for column in ("id", "title", "status", "created", "error"):
        table.add_column(column)
    for job in jobs:
        table.add_row(_shown(job["id"]), _shown(job["title"] or ""), _shown(job["status"]),
                      _shown(job.get("created_at") or ""), _shown((job.get("error") or "")[:50]))
    stdout.print(table)


@app.command()
def fetch(
    job: Annotated[str, typer.Argument(help="Job id (a unique prefix is enough).")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder to write the build into.")] = Path("."),
) -> None:
    """Download a finished job's build folder from the store, checking every file against its manifest."""
    from maestro.db import repository
    from maestro_app.fetch import fetch_build

    config = _cluster()
    _check_output_folder(out)

    def build_of(session: Session) -> tuple[str, str, Any]:
        found = repository.get_job(session, job)
        build_run = found.stage("build")
        return found.id, found.status, build_run.outputs if build_run is not None else None

    job_id, job_status, outputs = _query(config, build_of)
    if job_status != "succeeded" or not outputs:
        raise _exit(f"job {job_id} is {job_status}: no build to fetch", 1)
    try:
        index = fetch_build(config.make_store(), job_id, outputs, out)
    except MaestroError as error:
        raise _fail(error) from None
    except OSError as error:
        raise _exit(f"cannot write the build into {out}: {error.strerror or error}", 1) from None
    sys.stdout.write(f"{terminal(str(index))}\n")


@app.command()
def cancel(job: Annotated[str, typer.Argument(help="Job id (a unique prefix is enough).")]) -> None:
    """Mark a job cancelled and revoke every task of it still queued or running, the build included."""
    from kombu.exceptions import OperationalError

    from workers.tasks import cancel_job

    config = _cluster()
    try:
        revoked = cancel_job(job)
    except MaestroError as error:
        raise _fail(error) from None
    except (OperationalError, OSError) as error:
        raise _broker_errors(config, error) from None
    stdout.print(f"cancelled; revoked {len(revoked)} task(s)")


@app.command()
def retry(job: Annotated[str, typer.Argument(help="Job id (a unique prefix is enough).")]) -> None:
    """Resume a job that is not running or succeeded: run again every stage that did not succeed.

    Stages that succeeded keep what they stored; the build always runs again after them.
    """
    from kombu.exceptions import OperationalError

    from workers.tasks import retry_job

    config = _cluster()
    try:
        stages = retry_job(job)
    except MaestroError as error:
        raise _fail(error) from None
    except (OperationalError, OSError) as error:
        raise _broker_errors(config, error) from None
    stdout.print(_shown(f"re-running: {', '.join(stages)}" if stages else "nothing failed: nothing to re-run"))


@app.command()
def doctor(
    jobs: Annotated[bool, typer.Option("--jobs", help="Also list stuck jobs and files no record names.")] = False,
    remove_orphans: Annotated[bool, typer.Option("--remove-orphans",
                                                 help="With --jobs: delete the files no record names.")] = False,
    limit: Annotated[int, typer.Option(min=1, max=10_000, help="Jobs that ended to look for orphans in.")] = 200,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object on stdout, for scripts and probes.")] = False,
) -> None:
    """Check the broker, the database, the store and Flower: reachable, or the exact reason.

    With --jobs, also what the sweeper would move on now (stuck jobs) and files stored by stages
    of jobs that ended but named by no record (orphans); exit status 1 if there are any.
    With --json, the same as one JSON object (``ok``, ``checks``, and ``jobs`` with --jobs).
    """
    from maestro_app.doctor import checks

    results = checks()
    needed = {name: ok for name, ok, _ in results if name in ("broker", "database", "store")}
    report = None
    if (jobs or remove_orphans) and needed and all(needed.values()):  # Flower is not needed to read jobs
        report = _doctor_jobs(limit, remove_orphans)
    healthy = all(ok for _, ok, _ in results) and (report is None or not _jobs_trouble(report, remove_orphans))
    if as_json:
        document: dict[str, Any] = {"ok": healthy, "checks": [{"name": name, "ok": ok, "detail": detail}
                                                              for name, ok, detail in results]}
        if report is not None:
            document["jobs"] = _jobs_document(report, remove_orphans)
        sys.stdout.write(terminal_json(json.dumps(document, ensure_ascii=False)) + "\n")
    else:
        for name, ok, detail in results:
            stdout.print(Text.assemble(("ok  " if ok else "FAIL", "green" if ok else "red"), f"  {name:<9} ",
                                       _shown(detail)), highlight=False)
        if report is not None:
            _print_jobs(report, remove_orphans)
    if not healthy:
        raise typer.Exit(1)


def _doctor_jobs(limit: int, remove_orphans: bool) -> JobsReport:
    from maestro_app.doctor import jobs_report

    _cluster()
    try:
        return jobs_report(limit, remove_orphans)
    except MaestroError as error:
        raise _fail(error) from None


def _jobs_trouble(report: JobsReport, remove_orphans: bool) -> bool:
    return bool(report.stuck) or (bool(report.orphans) and not remove_orphans)


def _jobs_document(report: JobsReport, remove_orphans: bool) -> dict[str, Any]:
    return {"broker_read": report.broker_read,
            "stuck": [{"job_id": action.job_id, "stage": action.stage, "reason": action.reason,
                       "action": action.kind} for action in report.stuck],
            "orphans": {job_id: keys for job_id, keys in report.orphans.items()},
            "orphan_files": sum(len(keys) for keys in report.orphans.values()),
            **({"removed": report.removed} if remove_orphans else {})}


def _print_jobs(report: JobsReport, remove_orphans: bool) -> None:
    seen = "" if report.broker_read else " (broker not read: judged by the time limit only)"
    stdout.print(_shown(f"stuck     {len(report.stuck)} stage(s){seen}"), highlight=False)
    for action in report.stuck:
        stdout.print(_shown(f"  {action.job_id} {action.stage}: {action.reason} -> sweeper will {action.kind}"),
                     highlight=False)
    count = sum(len(keys) for keys in report.orphans.values())
    stdout.print(_shown(f"orphans   {count} file(s) in {len(report.orphans)} job(s)"
                        + (f", {report.removed} removed" if remove_orphans else "")), highlight=False)
    for job_id, keys in report.orphans.items():
        shown = ", ".join(key.removeprefix(f"jobs/{job_id}/") for key in keys[:5])
        stdout.print(_shown(f"  {job_id}: {shown}{' …' if len(keys) > 5 else ''}"), highlight=False)


@app.command()
def metrics(
    port: Annotated[int, typer.Option(min=1, max=65535, envvar="MAESTRO_METRICS_PORT",
                                      help="Port of the /metrics endpoint.")] = 9808,
    address: Annotated[str, typer.Option(envvar="MAESTRO_METRICS_ADDRESS",
                                         help="Address to listen on (0.0.0.0: every interface).")] = "0.0.0.0",
    cluster_figures: Annotated[bool, typer.Option(
        "--cluster-figures/--no-cluster-figures",
        help="Also read queue depths, workers per queue and jobs by status at each scrape.")] = True,
) -> None:
    """Serve this host's workers' Prometheus metrics on /metrics (one per worker host; in the Procfile).

    The workers of this host and cluster write their metrics to a shared folder (MAESTRO_METRICS_DIR,
    by default one per user and broker in the temporary folder); this serves their sum, plus the
    cluster's queue depths, workers per queue and jobs by status, read at each scrape.
    """
    import contextlib
    import signal
    import threading

    _cluster()
    from workers.exporter import serve

    try:
        server = serve(port, address, cluster_figures)
    except OSError as error:
        raise _exit(f"cannot listen on {address}:{port}: {error.strerror or error}", 1) from None
    stdout.print(_shown(f"serving metrics on http://{address}:{port}/metrics"), highlight=False)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    with contextlib.suppress(KeyboardInterrupt):
        stop.wait()
    server.shutdown()


@app.command()
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on (0.0.0.0: every interface).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, envvar="MAESTRO_WEB_PORT", help="Port to listen on.")] = 8000,
    data: Annotated[Path | None, typer.Option(help="The embedded mode's folder for jobs and builds "
                                                   "(default: <cache>/serve).")] = None,
) -> None:
    """Serve the web page and the JSON API (/docs): submit GDDs, watch jobs, play and download builds.

    With MAESTRO_BROKER_URL, MAESTRO_DATABASE_URL and MAESTRO_STORE_URL set, jobs go to the cluster;
    without them they run here, one at a time. Writes need MAESTRO_API_TOKEN as a bearer token; with
    none set, only this machine may write.
    """
    import os

    import uvicorn

    from maestro import logs
    from maestro_app.gateway import create_app
    from workers.logs import log_format

    logs.configure(log_format())
    if not os.environ.get("MAESTRO_API_TOKEN"):
        stderr.print(_warning("MAESTRO_API_TOKEN is not set: only this machine may submit, cancel or retry"),
                     highlight=False)
    try:
        gateway = create_app(data)
    except MaestroError as error:
        raise _fail(error) from None
    stderr.print(_shown(f"serving on http://{host}:{port}/ ({gateway.state.backend.mode} mode)"), highlight=False)
    uvicorn.run(gateway, host=host, port=port, log_config=None, access_log=False, server_header=False)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the game spec."""
    from maestro.spec import game_spec_json_schema

    sys.stdout.write(json.dumps(game_spec_json_schema(), indent=2) + "\n")


def _show(spec: GameSpec) -> None:
    """The spec as a two-column table; every value from the GDD shown as text, never as markup."""
    from maestro.spec import Origin

    mark = {Origin.STATED: ("", ""), Origin.INFERRED: (" (inferred)", "yellow"),
            Origin.DEFAULT: (" (default)", "dim")}

    def origin(field: str) -> tuple[str, str]:
        provenance = spec.provenance.get(field)
        return mark[provenance.origin] if provenance else ("", "")

    def row(name: str, *parts: str | tuple[str, str] | Text) -> None:
        table.add_row(name, Text.assemble(*(_shown(part) if isinstance(part, str) else part for part in parts)))

    table = Table(title=_shown(spec.title), title_style="bold", show_header=False, box=None, padding=(0, 1))
    table.add_column(style="cyan", no_wrap=True)
    table.add_column()
    row("genre", spec.genre.value, origin("genre"))
    row("language", spec.language)
    row("player", spec.player.name, origin("player.name"))
    row("enemies", ", ".join(f"{e.name} ({e.behaviour.value}{', boss' if e.boss else ''})"
                             for e in spec.enemies) or "none")
    row("items", ", ".join(f"{i.name} ({i.points})" for i in spec.items) or "none")
    row("mechanics", ", ".join(m.value for m in spec.mechanics))
    row("lives", str(spec.lives), origin("lives"))
    row("levels", str(len(spec.levels)), origin("levels"))
    for level in spec.levels:
        row("", f"{level.index}. {level.name} ", (f"(difficulty {level.difficulty})", "dim"))
    audio = spec.audio
    row("music", f"{audio.tempo_bpm} BPM", origin("audio.tempo_bpm"),
        f", {audio.root} {audio.mode}, {audio.mood.value}, {audio.style.value}")
    row("art", spec.art.style.value, origin("art.style"), " ",
        *(Text.assemble(" ", ("  ", f"on {colour}")) for colour in spec.art.palette))
    row("controls", "; ".join(f"{a.value}: {'/'.join(k)}" for a, k in spec.controls.items()))
    row("win", spec.win_condition)
    row("lose", spec.lose_condition)
    row("session", f"{spec.session_minutes} min")
    row("seed", str(spec.seed))
    stdout.print(table, highlight=False)
    _show_fidelity(spec)
    if spec.warnings:
        stdout.print(Text(f"\n{len(spec.warnings)} warnings", style="bold yellow"))
        for warning in spec.warnings:
            stdout.print(Text.assemble("  • ", _shown(warning)), highlight=False)


#: How each fidelity status shows: a mark and a colour a terminal and a screen reader both carry.
_FIDELITY_MARKS = {"used": ("✓ used", "green"), "approximated": ("~ approximated", "yellow"),
                   "not supported": ("✗ not supported", "red")}


def _show_fidelity(spec: GameSpec) -> None:
    """What the game does with each fact of the GDD: used, approximated (how), or not supported."""
    if not spec.fidelity:
        return
    counts = {status: sum(item.status.value == status for item in spec.fidelity) for status in _FIDELITY_MARKS}
    summary = ", ".join(f"{count} {status}" for status, count in counts.items() if count)
    table = Table(title=f"What the game does with the GDD ({summary})", show_header=False, box=None, padding=(0, 1))
    table.add_column(no_wrap=True)
    table.add_column(style="cyan")
    table.add_column()
    for item in spec.fidelity:
        mark, colour = _FIDELITY_MARKS[item.status.value]
        table.add_row(Text(mark, style=colour), _shown(item.fact), _shown(item.detail))
    stdout.print()
    stdout.print(table, highlight=False)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
