"""The model, when one is configured: an OpenAI-compatible chat model behind LangChain, on a leash.

Maestro builds every game without a model; with ``MAESTRO_LLM_BASE_URL`` set, the parse stage asks
one for a second reading of the GDD (:mod:`maestro.gdd.assist`). A model is slow, costs money, may
be down, and says what it likes, so everything between Maestro and it goes through an
:class:`Assistant`, which

* asks for JSON bound to a JSON Schema (structured output: the server's grammar keeps the answer
  well-formed, and an ``enum`` forces a valid genre),
* never spends more than the job's token budget nor runs past the job's deadline, and stops asking
  for the rest of the job once the server is unreachable or timed out (one wait, not one per chunk),
* answers a prompt it has seen before from a cache keyed by (model, prompt hash), so resubmitting
  a GDD is free and its run repeats exactly,
* keeps every exchange (prompt, answer, tokens, whether cached) for the job's audit trail
  (:meth:`Assistant.save`).

Domain code sees only :meth:`Assistant.ask` and :class:`LLMError`: LangChain and the OpenAI client
are imported when a model is first built, so a run without a model never loads them. The API key
is a ``SecretStr`` and goes only to the client: it never reaches a log line, an error message, the
database, a stored transcript or a build.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Literal, Protocol

from pydantic import SecretStr

from maestro.errors import MaestroError
from maestro.safe_text import MASK, mask_url
from maestro.store import Store, StoreError

if TYPE_CHECKING:
    from maestro.manifest import StoredFile
    from maestro.settings import Settings

log = logging.getLogger(__name__)

#: How a prompt asks for JSON. ``json_object``: JSON mode with the schema beside it, which
#: llama.cpp's server turns into a grammar (it refuses ``json_schema`` with a 500).
#: ``json_schema``: OpenAI's structured outputs, also spoken by vLLM and Ollama.
StructuredMode = Literal["json_object", "json_schema"]
#: One chat message: (role, content), role being ``system``, ``user`` or ``assistant``.
Message = tuple[str, str]
#: Where cached answers live in the store, under a digest of the model's name.
CACHE_PREFIX = "llm-cache"
#: Tokens an answer may take: a proposal is a few hundred tokens of JSON.
MAX_ANSWER_TOKENS = 600
#: Characters per token when a prompt's size must be guessed before sending it (a low guess, so
#: the budget errs towards not asking).
CHARS_PER_TOKEN = 3


class LLMError(MaestroError):
    """The model gave no usable answer to one prompt: the caller goes on without it."""


class LLMUnavailableError(LLMError):
    """The server cannot serve this job: unreachable, timed out, failing on its side, refusing the key,
    or not serving the model. Asking again would only wait again: no more prompts this job."""


class LLMAnswerTooLongError(LLMError):
    """The answer reached the token limit before it ended: there is no whole answer to read.

    ``completion`` holds what it cost and what there was of it, so the budget counts it and the
    cache remembers it: a deterministic server cuts the same prompt off again.
    """

    def __init__(self, message: str, completion: Completion | None = None) -> None:
        super().__init__(message)
        self.completion = completion


class LLMConfigError(LLMError):
    """The model settings cannot be used (a base URL without a model name, say)."""


@dataclass(frozen=True)
class LLMConfig:
    """What the model client needs, from the ``MAESTRO_LLM_*`` settings."""

    base_url: str
    model: str
    api_key: SecretStr | None = None
    timeout_seconds: float = 30.0
    max_retries: int = 2
    token_budget: int = 24_000
    deadline_seconds: float = 120.0
    chunk_chars: int = 3_000
    structured: StructuredMode = "json_object"

    @classmethod
    def from_settings(cls, settings: Settings) -> LLMConfig | None:
        """The configured model, or None when ``MAESTRO_LLM_BASE_URL`` is unset (no model: the default)."""
        if not settings.llm_base_url:
            return None
        if not settings.llm_model:
            raise LLMConfigError("MAESTRO_LLM_BASE_URL is set but MAESTRO_LLM_MODEL is not: name the model to ask")
        return cls(base_url=settings.llm_base_url, model=settings.llm_model, api_key=settings.llm_api_key,
                   timeout_seconds=settings.llm_timeout_seconds, max_retries=settings.llm_max_retries,
                   token_budget=settings.llm_token_budget, deadline_seconds=settings.llm_deadline_seconds,
                   chunk_chars=settings.llm_chunk_chars, structured=settings.llm_structured)

    @property
    def endpoint(self) -> str:
        """The base URL with any credentials in it masked: what logs and warnings may show."""
        return mask_url(self.base_url)

    def __repr__(self) -> str:
        return f"LLMConfig(endpoint={self.endpoint!r}, model={self.model!r})"


@dataclass(frozen=True)
class Completion:
    """One answer and what it cost."""

    text: str
    prompt_tokens: int
    answer_tokens: int
    #: The answer stopped at the token limit: ``text`` is what there was of it, not an answer.
    cut_off: bool = False


class ChatModel(Protocol):
    """What an :class:`Assistant` asks: a model that answers messages with JSON for a schema."""

    name: str

    def complete(self, messages: Sequence[Message], schema: dict[str, Any], max_tokens: int) -> Completion: ...


class OpenAIChatModel:
    """A chat model on any OpenAI-compatible server, through ``langchain-openai``.

    Temperature 0, so the same prompt gets the same answer from a deterministic server; the client
    retries a connection error, a 429 or a 5xx itself, with backoff, ``max_retries`` times.
    """

    def __init__(self, config: LLMConfig) -> None:
        from langchain_openai import ChatOpenAI

        self.name = config.model
        self._config = config
        # A local server needs no key, but the client insists on one: a placeholder, never a secret.
        key = config.api_key or SecretStr("no-key")
        self._chat = ChatOpenAI(model=config.model, base_url=config.base_url, api_key=key,
                                timeout=config.timeout_seconds, max_retries=config.max_retries, temperature=0)

    def complete(self, messages: Sequence[Message], schema: dict[str, Any], max_tokens: int) -> Completion:
        import openai
        from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage

        kinds: dict[str, Callable[[str], BaseMessage]] = {
            "system": lambda text: SystemMessage(content=text), "user": lambda text: HumanMessage(content=text),
            "assistant": lambda text: AIMessage(content=text)}
        # LangChain sends the limit as OpenAI's ``max_completion_tokens``, which llama.cpp's server
        # ignores (it then generates up to its context size): in that dialect it goes as ``max_tokens`` too.
        extra = {"extra_body": {"max_tokens": max_tokens}} if self._config.structured == "json_object" else {}
        chat = self._chat.bind(response_format=response_format(schema, self._config.structured),
                               max_tokens=max_tokens, **extra)
        try:
            reply = chat.invoke([kinds[role](text) for role, text in messages])
        except (openai.APITimeoutError, openai.APIConnectionError, openai.InternalServerError,
                openai.RateLimitError, openai.AuthenticationError, openai.PermissionDeniedError,
                openai.NotFoundError) as error:
            raise LLMUnavailableError(self._describe(error)) from None
        except openai.LengthFinishReasonError as error:
            spent = error.completion.usage
            choices = error.completion.choices
            cut = Completion(str(choices[0].message.content or "") if choices else "",
                             spent.prompt_tokens if spent else estimate_tokens(messages),
                             spent.completion_tokens if spent else max_tokens)
            raise LLMAnswerTooLongError(f"the answer reached the {max_tokens}-token limit before it ended",
                                        cut) from None
        except openai.APIError as error:
            raise LLMError(self._describe(error)) from None
        except openai.OpenAIError as error:  # the client refusing what it got back (a content filter, say)
            raise LLMError(f"the model's reply could not be used: {type(error).__name__}") from None
        except (ValueError, TypeError) as error:  # an answer the client could not read as a chat reply
            raise LLMError(f"the model's reply could not be read: {self._safe(str(error))}") from None
        content = reply.content if isinstance(reply.content, str) else json.dumps(reply.content)
        usage = getattr(reply, "usage_metadata", None) or {}
        prompt_tokens = int(usage.get("input_tokens") or estimate_tokens(messages))
        answer_tokens = int(usage.get("output_tokens") or len(content) // CHARS_PER_TOKEN)
        return Completion(content, prompt_tokens, answer_tokens)

    def _describe(self, error: Exception) -> str:
        status = getattr(error, "status_code", None)
        kind = type(error).__name__
        text = self._safe(str(getattr(error, "message", "") or error))
        return f"{self._config.endpoint} answered {kind}{f' ({status})' if status else ''}: {text[:200]}"

    def _safe(self, text: str) -> str:
        key = self._config.api_key.get_secret_value() if self._config.api_key else ""
        if key:
            text = text.replace(key, MASK)
        return text.replace(self._config.base_url, self._config.endpoint)


def response_format(schema: dict[str, Any], mode: StructuredMode) -> dict[str, Any]:
    """The ``response_format`` that binds an answer to ``schema`` in the server's dialect."""
    if mode == "json_schema":
        return {"type": "json_schema", "json_schema": {"name": "answer", "schema": schema, "strict": False}}
    return {"type": "json_object", "schema": schema}


def estimate_tokens(messages: Sequence[Message]) -> int:
    """A prompt's size in tokens, guessed before it is sent (see `CHARS_PER_TOKEN`)."""
    return sum(len(text) for _, text in messages) // CHARS_PER_TOKEN + 4 * len(messages)


def prompt_hash(model: str, messages: Sequence[Message], schema: dict[str, Any], max_tokens: int) -> str:
    """The SHA-256 naming one prompt: the same messages, schema and limits to the same model."""
    canonical = json.dumps({"model": model, "messages": [list(message) for message in messages],
                            "schema": schema, "max_tokens": max_tokens},
                           sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


class PromptCache:
    """Answers by (model, prompt hash) in a store, shared by every job that uses the store.

    A cache that cannot be read or written is no cache, never an error: the model is asked instead.
    """

    def __init__(self, store: Store) -> None:
        self.store = store

    @staticmethod
    def key(model: str, digest: str) -> str:
        return f"{CACHE_PREFIX}/{hashlib.sha256(model.encode('utf-8')).hexdigest()[:16]}/{digest}.json"

    def get(self, model: str, digest: str) -> Completion | None:
        try:
            if not self.store.exists(self.key(model, digest)):
                return None
            data = json.loads(self.store.get(self.key(model, digest)))
            return Completion(str(data["answer"]), int(data["prompt_tokens"]), int(data["answer_tokens"]),
                              bool(data.get("cut_off", False)))
        except (StoreError, ValueError, KeyError, TypeError) as error:
            log.warning("model cache: cannot read %s: %s", digest[:12], type(error).__name__)
            return None

    def put(self, model: str, digest: str, completion: Completion) -> None:
        body = {"model": model, "prompt_hash": digest, "answer": completion.text,
                "prompt_tokens": completion.prompt_tokens, "answer_tokens": completion.answer_tokens,
                "cut_off": completion.cut_off}
        try:
            self.store.put(self.key(model, digest), json.dumps(body, ensure_ascii=False).encode("utf-8"),
                           "application/json")
        except StoreError as error:
            log.warning("model cache: cannot write %s: %s", digest[:12], type(error).__name__)


@dataclass(frozen=True)
class Exchange:
    """One prompt and its answer, as the audit trail keeps it."""

    purpose: str
    prompt_hash: str
    messages: tuple[Message, ...]
    answer: str
    prompt_tokens: int
    answer_tokens: int
    cached: bool
    seconds: float
    cut_off: bool = False

    def to_json(self, model: str) -> dict[str, Any]:
        return {"model": model, "purpose": self.purpose, "prompt_hash": self.prompt_hash,
                "messages": [{"role": role, "content": text} for role, text in self.messages],
                "answer": self.answer, "prompt_tokens": self.prompt_tokens, "answer_tokens": self.answer_tokens,
                "cached": self.cached, "seconds": round(self.seconds, 3), "cut_off": self.cut_off}


@dataclass
class Assistant:
    """One job's access to the model: budget, deadline, cache and transcript (see the module)."""

    model: ChatModel
    token_budget: int = 24_000
    deadline_seconds: float = 120.0
    chunk_chars: int = 3_000
    cache: PromptCache | None = None
    clock: Callable[[], float] = time.monotonic
    exchanges: list[Exchange] = field(default_factory=list)
    spent: int = 0
    #: Why the model is asked no more in this job (down, out of budget or time), once it is not.
    stopped: str | None = None
    _started: float | None = None

    @classmethod
    def for_config(cls, config: LLMConfig, cache: PromptCache | None = None) -> Assistant:
        return cls(OpenAIChatModel(config), token_budget=config.token_budget,
                   deadline_seconds=config.deadline_seconds, chunk_chars=config.chunk_chars, cache=cache)

    @property
    def name(self) -> str:
        return self.model.name

    def ask(self, purpose: str, messages: Sequence[Message], schema: dict[str, Any],
            max_tokens: int = MAX_ANSWER_TOKENS) -> str:
        """The model's answer to ``messages`` (JSON text for ``schema``), or an :class:`LLMError`."""
        if self.stopped:
            raise LLMError(self.stopped)
        messages = tuple(messages)
        digest = prompt_hash(self.model.name, messages, schema, max_tokens)
        began = self.clock()
        if self._started is None:
            self._started = began
        cached = self.cache.get(self.model.name, digest) if self.cache else None
        if cached is not None:
            self._record(purpose, digest, messages, cached, True, began)
            return self._answer(cached, max_tokens)
        needed = estimate_tokens(messages) + max_tokens
        if self.spent + needed > self.token_budget:
            self.stopped = (f"the job's model token budget ({self.token_budget:,}) is spent "
                            f"({self.spent:,} used, the next prompt needs about {needed:,})")
            raise LLMError(self.stopped)
        if began - self._started > self.deadline_seconds:
            self.stopped = f"the job's model deadline ({self.deadline_seconds:g} s) has passed"
            raise LLMError(self.stopped)
        try:
            completion = self.model.complete(messages, schema, max_tokens)
        except LLMUnavailableError as error:
            self.stopped = str(error)
            raise
        except LLMAnswerTooLongError as error:
            if error.completion is None:
                raise
            completion = replace(error.completion, cut_off=True)
        self.spent += completion.prompt_tokens + completion.answer_tokens
        if self.cache:
            self.cache.put(self.model.name, digest, completion)
        self._record(purpose, digest, messages, completion, False, began)
        return self._answer(completion, max_tokens)

    @staticmethod
    def _answer(completion: Completion, max_tokens: int) -> str:
        if completion.cut_off:
            raise LLMAnswerTooLongError(f"the answer reached the {max_tokens}-token limit before it ended",
                                        completion)
        return completion.text

    def _record(self, purpose: str, digest: str, messages: tuple[Message, ...], completion: Completion,
                cached: bool, began: float) -> None:
        self.exchanges.append(Exchange(purpose, digest, messages, completion.text,
                                       0 if cached else completion.prompt_tokens,
                                       0 if cached else completion.answer_tokens, cached, self.clock() - began,
                                       completion.cut_off))

    def save(self, store: Store, prefix: str) -> StoredFile | None:
        """Store every exchange under ``prefix`` (one JSON file each) and an ``index.json`` naming them.

        The index lists each exchange's store key and SHA-256, so a run can be audited and replayed
        (resubmitted, every prompt is answered from the cache). Nothing is written when the model
        was never asked.
        """
        if not self.exchanges:
            return None
        files = []
        for number, exchange in enumerate(self.exchanges, start=1):
            data = json.dumps(exchange.to_json(self.model.name), ensure_ascii=False, indent=1).encode("utf-8")
            stored = store.put(f"{prefix}/{number:02d}-{exchange.prompt_hash[:12]}.json", data, "application/json")
            files.append({"key": stored.key, "sha256": stored.sha256, "purpose": exchange.purpose,
                          "prompt_hash": exchange.prompt_hash, "cached": exchange.cached})
        index = {"model": self.model.name, "tokens_spent": self.spent, "token_budget": self.token_budget,
                 "stopped": self.stopped, "exchanges": files}
        return store.put(f"{prefix}/index.json", json.dumps(index, ensure_ascii=False, indent=1).encode("utf-8"),
                         "application/json")


def check_endpoint(config: LLMConfig, timeout: float = 5.0) -> tuple[bool, str]:
    """``maestro doctor``'s check: does the server answer ``GET /models``, and does it serve the model?"""
    import openai

    client = openai.OpenAI(base_url=config.base_url, timeout=timeout, max_retries=0,
                           api_key=config.api_key.get_secret_value() if config.api_key else "no-key")
    try:
        served = [model.id for model in client.models.list()]
    except openai.APIError as error:
        return False, f"{config.endpoint}: {OpenAIChatModel(config)._describe(error)}"
    finally:
        client.close()
    if served and config.model not in served:
        shown = ", ".join(served[:5]) + (" …" if len(served) > 5 else "")
        return True, f"{config.endpoint} answers, but serves {shown}, not {config.model!r} (it may still accept it)"
    return True, f"{config.endpoint} answers and serves {config.model!r}"
