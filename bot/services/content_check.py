"""Checking a content file (a questionnaire, the recommendation catalogue, a survey template) so
that no file can stop the bot.

A 31 KB questionnaire with YAML aliases once froze every user for 19 s: the aliases expanded into
a tree thousands of times larger, checked on the event loop with a quadratic duplicate search.
Now:

* the size is capped (`MAX_UPLOAD_BYTES`; an upload is refused by its `file_size`, before it is
  downloaded);
* aliases and anchors are refused before anything is built, and so is a mapping with more than
  `MAX_KEYS` keys; lists are capped by the domain models (`bot.domain.diagnostics.MAX_*`) before
  pydantic reads them entry by entry, and duplicates are found in linear time;
* an upload is parsed and validated in a child process (`python -m bot.services.content_check`,
  run by `bot.services.content.check_upload`) with a time and memory limit: the bot's event loop
  only waits for it, and a child that runs too long is killed.

Whole-file problems come back as a `Refusal` (a locale key and its arguments, told in the
user's language); field errors as lines naming the file, area, item and field. This module
imports only yaml, pydantic and the domain models (not even asyncio), so the child starts in about
0.3 s; `parse_content` is the same check in-process, for the files shipped with the bot.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from bot.domain.diagnostics import TOO_MANY, Catalogue, ContentKind, Questionnaire
from bot.services.sandbox import limit_child

MAX_UPLOAD_BYTES = 256 * 1024  # the shipped catalogue is 51 KB, the general questionnaire 12 KB
MAX_KEYS = 1000  # keys of one mapping (the catalogue's areas are capped at 300)
_CHILD_CPU_SECONDS = 10
_CHILD_MEMORY_BYTES = 1024 * 1024 * 1024
# libyaml's parser when PyYAML was built with it: about 7× faster than the pure-Python one.
_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True, slots=True)
class Refusal:
    """A problem with the file as a whole: shown as the locale message `upload-{key}`."""

    key: str
    args: dict[str, str | int] = field(default_factory=dict)

    def describe(self, source: str) -> str:
        """In English, for the log and the files shipped with the bot (checked at start)."""
        return f"{source}: " + _ENGLISH.get(self.key, self.key).format(**self.args)


_ENGLISH = {
    "too-big": "the file is {size} KB, at most {limit} KB",
    "not-utf8": "not UTF-8 text",
    "aliases": "line {line}: YAML anchors and aliases (& and *) are not allowed",
    "too-many-keys": "line {line}: more than {limit} keys in one mapping",
    "too-deep": "nested too deeply",
    "too-many": "too many {what}: {count}, at most {limit}",
    "too-many-in": "{where}: too many {what}: {count}, at most {limit}",
    "too-slow": "checking took over {seconds} s",
    "check-failed": "the check failed",
}


@dataclass
class Parsed:
    kind: ContentKind | None = None
    questionnaire: Questionnaire | None = None
    catalogue: Catalogue | None = None
    errors: list[str] = field(default_factory=list)
    refusal: Refusal | None = None

    @property
    def model(self) -> Questionnaire | Catalogue | None:
        return self.questionnaire or self.catalogue

    @property
    def problems(self) -> list[str]:
        """Everything wrong, in English lines (the refusal first)."""
        return ([self.refusal.describe("file")] if self.refusal else []) + self.errors


def size_refusal(size: int | None) -> Refusal | None:
    """Too big to be read at all (Telegram tells the size before the file is downloaded)."""
    if size is not None and size > MAX_UPLOAD_BYTES:
        return Refusal("too-big", {"size": _kilobytes(size), "limit": _kilobytes(MAX_UPLOAD_BYTES)})
    return None


def _kilobytes(size: int) -> int:
    return -(-size // 1024)


# --- YAML without aliases ----------------------------------------------------------------------


def _scan(text: str) -> Refusal | None:
    """Walk the parser's events (nothing is built yet): aliases, anchors and huge mappings out."""
    # One counter of child nodes per open collection; None for a sequence (not capped here).
    open_mappings: list[int | None] = []
    for event in yaml.parse(text, Loader=_Loader):
        line = event.start_mark.line + 1 if event.start_mark is not None else 0
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            return Refusal("aliases", {"line": line})
        node = isinstance(event, yaml.ScalarEvent | yaml.SequenceStartEvent | yaml.MappingStartEvent)
        count = open_mappings[-1] if node and open_mappings else None
        if count is not None:
            open_mappings[-1] = count + 1  # a key or a value
            if count + 1 > 2 * MAX_KEYS:
                return Refusal("too-many-keys", {"line": line, "limit": MAX_KEYS})
        if isinstance(event, yaml.MappingStartEvent):
            open_mappings.append(0)
        elif isinstance(event, yaml.SequenceStartEvent):
            open_mappings.append(None)
        elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
            open_mappings.pop()
    return None


def safe_yaml(text: str, source: str) -> tuple[Any, list[str], Refusal | None]:
    """The document as plain data, or errors (broken YAML) / a refusal (aliases, too big)."""
    try:
        refusal = _scan(text)
        if refusal is not None:
            return None, [], refusal
        return yaml.load(text, Loader=_Loader), [], None  # a safe loader
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f", line {mark.line + 1}" if mark is not None else ""
        return None, [f"{source}{where}: not valid YAML ({getattr(exc, 'problem', None) or exc})"], None
    except RecursionError:
        return None, [], Refusal("too-deep")


def where(raw: Any, loc: tuple[int | str, ...]) -> str:
    """A pydantic location in words a content author understands: area «digital» → item «digital-3» → text."""
    parts: list[str] = []
    node = raw
    for step in loc:
        if isinstance(step, int) and isinstance(node, list) and 0 <= step < len(node):
            node = node[step]
            ident = node.get("id") if isinstance(node, dict) else None
            parts[-1:] = [f"{parts[-1] if parts else ''}[{ident or step + 1}]"]
            continue
        node = node.get(step) if isinstance(node, dict) else None
        parts.append(str(step))
    return " → ".join(parts) or "file"


Model = TypeVar("Model", bound=BaseModel)


def validate(model: type[Model], raw: Any, source: str) -> tuple[Model | None, list[str], Refusal | None]:
    """The model, or field errors naming where, or a refusal for a list over its cap."""
    try:
        return model.model_validate(raw), [], None
    except ValidationError as exc:
        details = exc.errors()
        for error in details:
            if error["type"] == TOO_MANY:
                ctx = error.get("ctx") or {}
                args: dict[str, str | int] = {k: ctx[k] for k in ("what", "count", "limit") if k in ctx}
                place = where(raw, tuple(error["loc"]))
                key = "too-many" if place == "file" else "too-many-in"
                return None, [], Refusal(key, {**args, "where": place})
        return None, [f"{source}: {where(raw, tuple(e['loc']))}: {e['msg']}" for e in details], None


def parse_content(text: str, source: str) -> Parsed:
    """A questionnaire or the catalogue (told apart by `areas`: a list or a mapping), checked."""
    raw, errors, refusal = safe_yaml(text, source)
    if errors or refusal is not None:
        return Parsed(errors=errors, refusal=refusal)
    if not isinstance(raw, dict):
        return Parsed(errors=[f"{source}: expected a mapping (id, version, …) at the top"])
    if isinstance(raw.get("areas"), dict):
        catalogue, errors, refusal = validate(Catalogue, raw, source)
        return Parsed(kind=ContentKind.CATALOGUE, catalogue=catalogue, errors=errors, refusal=refusal)
    questionnaire, errors, refusal = validate(Questionnaire, raw, source)
    return Parsed(kind=ContentKind.QUESTIONNAIRE, questionnaire=questionnaire, errors=errors, refusal=refusal)


# --- an upload, checked in a child process --------------------------------------------------------


def _as_json(parsed: Parsed) -> dict[str, Any]:
    model = parsed.model
    return {
        "kind": parsed.kind,
        "body": model.model_dump(mode="json") if model is not None else None,
        "errors": parsed.errors,
        "refusal": {"key": parsed.refusal.key, "args": parsed.refusal.args} if parsed.refusal else None,
    }


def from_json(data: dict[str, Any]) -> Parsed:
    kind = data.get("kind")
    if kind is not None and kind not in {k.value for k in ContentKind}:
        return Parsed(refusal=Refusal("check-failed"))  # not what the child writes: not trusted
    refusal = data.get("refusal")
    parsed = Parsed(
        kind=ContentKind(kind) if kind is not None else None,
        errors=[str(e) for e in data.get("errors") or []],
        refusal=Refusal(str(refusal["key"]), dict(refusal["args"])) if refusal else None,
    )
    body = data.get("body")
    if body is not None:
        # Already checked and capped in the child: validating it again takes a millisecond.
        if parsed.kind is ContentKind.CATALOGUE:
            parsed.catalogue = Catalogue.model_validate(body)
        else:
            parsed.questionnaire = Questionnaire.model_validate(body)
    return parsed


def check_bytes(data: bytes, source: str) -> Parsed:
    """What the child does: size, encoding, safe YAML, the models."""
    refusal = size_refusal(len(data))
    if refusal is not None:
        return Parsed(refusal=refusal)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return Parsed(refusal=Refusal("not-utf8"))
    return parse_content(text, source)


def _child() -> None:
    limit_child(_CHILD_CPU_SECONDS, _CHILD_MEMORY_BYTES)
    source = sys.argv[1] if len(sys.argv) > 1 else "file.yaml"
    data = sys.stdin.buffer.read(MAX_UPLOAD_BYTES + 1)
    json.dump(_as_json(check_bytes(data, source)), sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    _child()
