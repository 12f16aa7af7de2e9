"""One loader for the knowledge files under ``data/``: read, validated, and wrong in a way that says where.

Word lists, frames and tables are data the code applies (spaCy keeps patterns apart from the
components that use them, and validates them on load). A misspelt key, a string where a list is
expected or a pattern that does not compile must stop the program at load time with the file and
the line, not become an empty list that silently costs facts: each file has a pydantic model that
forbids unknown keys, and ``load`` reports every error against the YAML line it comes from.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

DATA_DIR = Path(__file__).resolve().parent / "data"
M = TypeVar("M", bound=BaseModel)


class KnowledgeError(ValueError):
    """A knowledge file that does not match its schema; the message names the file and lines."""


def data_path(*parts: str) -> Path:
    """A path under the package's ``data/`` directory."""
    return DATA_DIR.joinpath(*parts)


def load(path: Path | str, model: type[M]) -> M:
    """The YAML file at ``path`` (relative to ``data/`` unless absolute), validated by ``model``."""
    path = Path(path)
    if not path.is_absolute():
        path = data_path(str(path))
    text = path.read_text(encoding="utf-8")
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise KnowledgeError(f"{path}: not valid YAML: {exc}") from exc
    try:
        return model.model_validate(data if data is not None else {})
    except ValidationError as exc:
        node = yaml.compose(text)
        lines = [
            f"{path}:{_line(node, err['loc'])}: {'.'.join(map(str, err['loc']))}: {err['msg']}" for err in exc.errors()
        ]
        raise KnowledgeError("\n".join(lines)) from None


def same_keys(files: Mapping[Path, Mapping[str, Any]]) -> None:
    """Files that say the same things in different languages (loaded, by path) must have the same keys:
    a key one file has and another lacks is an error at its line in the file that has it."""
    errors = []
    for path, table in files.items():
        node = yaml.compose(path.read_text(encoding="utf-8"))
        for key in table:
            lacking = [other.name for other, words in files.items() if key not in words]
            if lacking:
                errors.append(f"{path}:{_line(node, (key,))}: {key}: missing from {', '.join(lacking)}")
    if errors:
        raise KnowledgeError("\n".join(errors))


def _line(node: Any, loc: tuple[Any, ...]) -> int:
    """The 1-based line of the YAML node at ``loc`` (as deep as the document goes)."""
    best = node.start_mark.line + 1 if node is not None else 1
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            found = next(((k, v) for k, v in node.value if k.value == str(part)), None)
            if found is None:
                break
            key, node = found
            best = key.start_mark.line + 1
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
            best = node.start_mark.line + 1
        else:
            break
    return best
