"""Curated data as data files: YAML sources that people edit, JSON files that the build writes and the product loads.

One pattern for every curated data set (the taxonomy's curated layer, the learning resources, the interview
question bank):

- the source is a YAML file next to its package (`<area>/data/<name>.yaml`), validated against a pydantic
  schema (`<area>/<name>_schema.py`) when it is built and in a test;
- `python -m skillgap.<area>.build` writes the JSON the product loads (`<area>/data/<name>.json`), and
  `--check` only compares: it exits 1 when the committed file is stale;
- an error names the file and the line of the entry it is about
  ("server/skillgap/interview/data/questions.yaml:420: questions #19 (kafka.partitions-ordering) > points #3 >
  keywords: Field required"), so a reviewer fixing it never has to search.

YAML is read through PyYAML's node API: every node keeps the line it starts on, which plain `yaml.safe_load`
throws away. PyYAML is a build-time dependency only (the dev extra): the product reads JSON, so nothing here
imports it until a source is loaded.
"""

from __future__ import annotations

import argparse
import functools
import hashlib
import json
import logging
import os
import re
import sys
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Generic, TypeVar

from pydantic import BaseModel, ValidationError

if TYPE_CHECKING:
    import yaml

__all__ = [
    "DataFileError",
    "Source",
    "alternation",
    "build_arguments",
    "content_version",
    "display_path",
    "load_yaml",
    "log_problems",
    "lower_case",
    "pattern_problems",
    "render_json",
    "write_or_check",
]

Model = TypeVar("Model", bound=BaseModel)
Loc = tuple[str | int, ...]

# The keys that name an entry in a list, shown next to its position in an error ("questions #3 (python.gil)").
_NAME_KEYS = ("key", "id")


class DataFileError(Exception):
    """A data file that does not parse or does not fit its schema; each problem reads "file:line: what"."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


@dataclass(frozen=True)
class Source(Generic[Model]):
    """A validated source file, with the line of every entry for the checks that come after the schema."""

    path: Path
    data: Model
    raw: Any
    lines: Mapping[Loc, int]

    def line(self, *loc: str | int) -> int:
        """The line of the entry at `loc` ("questions", 3), or of the nearest entry that contains it."""
        return _line_of(loc, self.lines)

    def at(self, *loc: str | int) -> str:
        """The "file:line" of the entry at `loc`, for an error message."""
        return f"{display_path(self.path)}:{self.line(*loc)}"


def lower_case(value: str) -> str:
    """A word list's validator: the words are matched casefolded, so an upper-case letter would never match (or
    would only mislead the reader)."""
    if value != value.casefold():
        raise ValueError(f"{value!r} must be written in lower case")
    return value


def alternation(phrases: tuple[str, ...]) -> str:
    """A regular expression matching any of a curated list's `phrases` (longest first, so "till now" wins over
    "till"): each space any run of white space, each apostrophe either apostrophe.

    The phrases share their beginnings in one tree ("mar(?:ch|zo|s)?", `trie_pattern`), not one branch each: a list of
    hundreds of names (the months of twenty languages) is tried at each place of a text in a few steps, not hundreds."""
    return "(?:" + trie_pattern(_tokens(phrase) for phrase in phrases) + ")"


def cased_alternation(phrases: tuple[str, ...]) -> str:
    """`alternation` for a pattern compiled with `re.IGNORECASE`, matching the same texts in fewer steps: each letter
    is written as the class of the characters `re.IGNORECASE` takes for it ("[mM]"), case-sensitively. The engine
    passes over a branch of the tree whose first class misses the text's character at once; a case-insensitive letter
    it has to enter first. Hundreds of month names are tried at every word of a resume."""
    return "(?-i:" + trie_pattern(_tokens(phrase, cased=True) for phrase in phrases) + ")"


def _tokens(phrase: str, *, cased: bool = False) -> list[str]:
    tokens: list[str] = []
    for number, word in enumerate(phrase.split(" ")):
        if number:
            tokens.append(r"\s+")
        tokens.extend("['’]" if ch == "'" else case_class(ch) if cased else re.escape(ch) for ch in word)
    return tokens


# The letters `re.IGNORECASE` matches to a letter of another lower case (Lib/re/_casefix.py, Python 3.11: "i" and
# dotless "ı", "s" and long "ſ", Greek and old Cyrillic letter forms); `skills.caseless` relies on them too.
IGNORECASE_EXTRA: Final = frozenset(
    "isµıſͅΐΰβεθικμπρςσφϐϑϕϖϰϱϵвдостъѣ\u1c80\u1c81\u1c82\u1c83\u1c84\u1c85\u1c86\u1c87\u1c88ṡẛιΐΰꙋﬅﬆ"
)
# Signs whose lower case is a letter that no case mapping of the letter leads back to: the Kelvin sign for "k", the
# Ångström sign for "å", the Ohm sign for "ω", the dotted "İ" for "i", the capital sharp s for "ß", the Greek
# prosgegrammeni for "ι".
_SIGNS: Final = "\u212a\u212b\u2126\u0130\u1e9e\u1fbe"


@functools.cache
def case_class(letter: str) -> str:
    """A pattern matching, case-sensitively, exactly the characters that `letter` matches under `re.IGNORECASE`."""
    variants = {letter}
    for _ in range(2):
        variants |= {form for ch in variants for form in (ch.lower(), ch.upper(), ch.title(), ch.casefold())}
    own = re.compile(re.escape(letter), re.IGNORECASE)
    matched = sorted(ch for ch in variants | IGNORECASE_EXTRA | set(_SIGNS) if len(ch) == 1 and own.fullmatch(ch))
    if len(matched) == 1:
        return re.escape(matched[0])
    return "[" + "".join(re.escape(ch) for ch in matched) + "]"


def trie_pattern(phrases: Iterable[Sequence[str]]) -> str:
    """A regular expression matching exactly the `phrases`, each a sequence of tokens (each token a pattern of its
    own: a character, escaped, or a class such as `\\s+`), as a tree of their shared beginnings. Where one phrase
    begins another, the longer is tried first, as in an alternation sorted longest first."""
    root: dict[str, Any] = {}
    for phrase in phrases:
        node = root
        for token in phrase:
            node = node.setdefault(token, {})
        node[""] = {}  # a phrase ends here
    return _branches(root)


def _branches(node: dict[str, Any]) -> str:
    """The pattern of a tree's node: each continuation, then the end of a phrase (if one ends here)."""
    continuations = [token + _branches(child) for token, child in sorted(node.items()) if token]
    if not continuations:
        return ""
    body = continuations[0] if len(continuations) == 1 else "(?:" + "|".join(continuations) + ")"
    return "(?:" + body + ")?" if "" in node else body


def pattern_problems(patterns: Iterable[tuple[Loc, str]], flags: int = 0) -> list[tuple[Loc, str]]:
    """The curated regular expressions that do not compile or that match an empty string (which would match
    everywhere), each with its location and why."""
    problems: list[tuple[Loc, str]] = []
    for loc, pattern in patterns:
        try:
            compiled = re.compile(pattern, flags)
        except re.error as exc:
            problems.append((loc, f"pattern {pattern!r} does not compile: {exc}"))
            continue
        if compiled.fullmatch("") is not None:
            problems.append((loc, f"pattern {pattern!r} matches an empty string"))
    return problems


def display_path(path: Path) -> str:
    """The path as a person runs the build: relative to the working directory when inside it."""
    try:
        resolved = path.resolve()
        return os.path.relpath(resolved) if Path.cwd() in resolved.parents else str(path)
    except ValueError:  # another drive (Windows)
        return str(path)


def load_yaml(path: Path, schema: type[Model]) -> Source[Model]:
    """Read `path` and validate it against `schema`; raises DataFileError listing every problem with its line."""
    import yaml

    shown = display_path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise DataFileError([f"{shown}: cannot read it: {exc.strerror or exc}"]) from exc
    lines: dict[Loc, int] = {}
    try:
        # The C parser when PyYAML has it (several times faster); both keep every node's line.
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
        try:
            root = loader.get_single_node()
            if root is None:
                raise DataFileError([f"{shown}:1: the file is empty"])
            raw = _value(root, (), lines, loader, shown)
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        problem = " ".join(p for p in (exc.context, exc.problem) if p)
        raise DataFileError([f"{shown}:{line}: not valid YAML: {problem}"]) from exc
    try:
        data = schema.model_validate(raw)
    except ValidationError as exc:
        problems = [
            f"{shown}:{_line_of(tuple(error['loc']), lines)}: {_describe(tuple(error['loc']), raw)}: {error['msg']}"
            for error in exc.errors(include_url=False)
        ]
        raise DataFileError(problems) from exc
    return Source(path=path, data=data, raw=raw, lines=lines)


def _value(node: yaml.Node, loc: Loc, lines: dict[Loc, int], loader: yaml.SafeLoader, shown: str) -> Any:
    """The plain Python value of `node` (dicts, lists, scalars), recording the line of each entry in `lines`."""
    import yaml

    lines.setdefault(loc, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            at = f"{shown}:{key_node.start_mark.line + 1}"
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise DataFileError([f"{at}: merge keys (<<) are not supported: repeat the fields"])
            if not isinstance(key_node, yaml.ScalarNode):
                raise DataFileError([f"{at}: a key must be a plain value, not a list or a mapping"])
            key = loader.construct_object(key_node)
            if key in out:
                raise DataFileError([f"{at}: duplicate key {key!r}"])
            # The key's line: where "key:" is written, which is where a reviewer looks for the entry.
            lines[(*loc, key)] = key_node.start_mark.line + 1
            out[key] = _value(value_node, (*loc, key), lines, loader, shown)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_value(item, (*loc, index), lines, loader, shown) for index, item in enumerate(node.value)]
    return loader.construct_object(node)


def _line_of(loc: Loc, lines: Mapping[Loc, int]) -> int:
    # pydantic's locations may carry steps that are not in the file (a missing field, a union member's name):
    # the nearest enclosing entry is where the fix goes.
    for end in range(len(loc), -1, -1):
        line = lines.get(loc[:end])
        if line is not None:
            return line
    return 1


def _describe(loc: Loc, raw: Any) -> str:
    """A readable location: 'questions #3 (python.gil) > points #2 > keywords'."""
    parts: list[str] = []
    node = raw
    for step in loc:
        if isinstance(step, int) and isinstance(node, list) and 0 <= step < len(node):
            node = node[step]
            name = next((node[k] for k in _NAME_KEYS if isinstance(node, dict) and isinstance(node.get(k), str)), "")
            label = f"#{step + 1}" + (f" ({name})" if name else "")
            parts[-1:] = [f"{parts[-1]} {label}"] if parts else [label]
        elif isinstance(node, dict) and step in node:
            node = node[step]
            parts.append(str(step))
        elif isinstance(step, str) and step != "[key]" and not any(ch in step for ch in "[]()"):
            node = None  # a field the entry lacks: name it
            parts.append(step)
    return " > ".join(parts) or "the file"


def content_version(body: Mapping[str, Any]) -> str:
    """A hash of a built file's content: it changes exactly when the content does (no timestamps)."""
    return hashlib.sha256(json.dumps(body, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:16]


def render_json(document: Mapping[str, Any], collection: str) -> str:
    """One entry of `collection` (a list, or a mapping by id) per line: reviewable diffs, still compact."""
    lines = ["{"]
    for key, value in document.items():
        if key != collection:
            lines.append(f"{json.dumps(key)}: {json.dumps(value, ensure_ascii=False, sort_keys=True)},")
    items = document[collection]
    compact = {"ensure_ascii": False, "separators": (",", ":")}
    if isinstance(items, Mapping):
        lines.append(f"{json.dumps(collection)}: {{")
        entries = [f"{json.dumps(k)}: {json.dumps(v, **compact)}" for k, v in items.items()]  # type: ignore[arg-type]
        close = "}"
    else:
        lines.append(f"{json.dumps(collection)}: [")
        entries = [json.dumps(v, **compact) for v in items]  # type: ignore[arg-type]
        close = "]"
    lines.extend(entry + ("," if i + 1 < len(entries) else "") for i, entry in enumerate(entries))
    lines.extend([close, "}"])
    return "\n".join(lines) + "\n"


def word_lists_json(body: Mapping[str, Any], format_: int) -> str:
    """The built file of a source made of word lists or pattern sections: one list per line (a reviewable diff,
    still compact), with the format and `version`, a hash of the content."""
    document = {**body, "format": format_, "version": content_version(body)}
    lines = [f"{json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}" for key, value in document.items()]
    return "{\n" + ",\n".join(lines) + "\n}\n"


def build_word_lists(
    source: Source[Model],
    problems: Iterable[tuple[tuple[str | int, ...], str]],
    format_: int,
    built: type[BaseModel],
) -> str:
    """The json text of a word-list source once its own checks (`problems`: each location and why) found nothing;
    raises DataFileError listing every problem at its file and line. `built` is the model the run-time loader reads
    the text with: it must accept what is written."""
    found = [f"{source.at(*loc)}: {why}" for loc, why in problems]
    if found:
        raise DataFileError(found)
    text = word_lists_json(source.data.model_dump(mode="json"), format_)
    built.model_validate_json(text)
    return text


def build_main(
    argv: Iterable[str] | None,
    *,
    prog: str,
    doc: str | None,
    default_out: Path,
    build: Callable[[], str],
    summary: Callable[[str], str],
    log: logging.Logger,
) -> int:
    """A build's whole `main`: its command line (`doc`'s first line as the description), then `run_build` of
    `build` with its one-line `summary`."""
    args = build_arguments(prog, (doc or "").split("\n")[0], default_out).parse_args(
        None if argv is None else list(argv)
    )

    def built() -> tuple[str, str]:
        text = build()
        return text, summary(text)

    return run_build(built, args, prog=prog, log=log)


def build_arguments(prog: str, description: str, default_out: Path) -> argparse.ArgumentParser:
    """The command line every build shares: `python -m skillgap.<area>.build [--out PATH] [--check]`."""
    parser = argparse.ArgumentParser(prog=prog, description=description)
    parser.add_argument("--out", type=Path, default=default_out, help="the json to write (default: %(default)s)")
    parser.add_argument(
        "--check", action="store_true", help="write nothing: exit 1 when --out differs from a fresh build"
    )
    return parser


class BuildFailed(Exception):
    """A build's own refusal (beyond the schema's): each area's `BuildError` is one. Its lines are the problems."""


def run_build(build: Callable[[], tuple[str, str]], args: argparse.Namespace, *, prog: str, log: logging.Logger) -> int:
    """What every build's `main` does once its arguments are parsed: run `build` (the JSON text and a one-line
    summary), report its problems each on a line, else write or check `args.out`; the exit status."""
    logging.basicConfig(level=logging.INFO, format="%(message)s", stream=sys.stderr)
    try:
        text, summary = build()
    except DataFileError as exc:
        log_problems(log, prog, exc.problems)
        return 1
    except BuildFailed as exc:
        log_problems(log, prog, str(exc).splitlines())
        return 1
    return write_or_check(text, args.out, check=args.check, prog=prog, summary=summary, log=log)


def write_or_check(text: str, out: Path, *, check: bool, prog: str, summary: str, log: logging.Logger) -> int:
    """Write `text` to `out`, or with `check` compare it with what is there; the exit status."""
    if check:
        current = out.read_text(encoding="utf-8") if out.is_file() else None
        if current != text:
            log.error("%s is stale: run %s", display_path(out), prog)
            return 1
        log.info("%s is up to date: %s", display_path(out), summary)
        return 0
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    log.info("wrote %s: %s", display_path(out), summary)
    return 0


def log_problems(log: logging.Logger, prog: str, problems: Sequence[str]) -> None:
    """Every problem on its own line, so that each reads (and clicks) as file:line."""
    log.error("%s: %d problem(s):\n%s", prog, len(problems), "\n".join(f"  - {p}" for p in problems))
