"""Reading a YAML data file into plain values, with each mapping's line number.

PyYAML's Python constructor is most of the cost of loading the actor data (a
few hundred thousand characters of office holders).  Here libyaml (when
installed) composes the node tree, with no implicit typing, and a small walker
turns it into dicts,
lists, strings, dates and None, recording each mapping's line under
``__line__`` and refusing duplicate keys, which the default constructor would
silently let the last one win.  Only the safe subset the data files use is
built: other tags come back as their text, and the schema check rejects them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import yaml

LINE = "__line__"
_Base: type = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "True", "TRUE", "yes", "Yes", "on", "On"})
_FALSE = frozenset({"false", "False", "FALSE", "no", "No", "off", "Off"})


class _Loader(_Base):  # type: ignore[misc, valid-type]
    """The base loader with tag resolution switched off: libyaml would call back into
    Python for every node, and the walker below types plain scalars itself."""

    def resolve(self, kind: type, value: object, implicit: object) -> str:
        return "tag:yaml.org,2002:str" if kind is yaml.ScalarNode else ""

    def descend_resolver(self, current_node: object, current_index: object) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None


class DuplicateKey(Exception):
    def __init__(self, key: str, line: int) -> None:
        super().__init__(key)
        self.key = key
        self.line = line


def _scalar(node: yaml.ScalarNode) -> Any:
    value = node.value
    if node.style:  # quoted or block text: a string as written (plain: None or "")
        return value
    if value in _NULLS:
        return None
    if len(value) == 10 and value[4:5] == "-" and value[:4].isdigit():
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    if value in _TRUE or value in _FALSE:
        return value in _TRUE
    if value.isdigit():
        return int(value)
    return value


def _build(node: yaml.Node) -> Any:
    cls = node.__class__
    if cls is yaml.ScalarNode:
        return _scalar(node)
    if cls is yaml.SequenceNode:
        return [_build(n) for n in node.value]
    out: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        key = _build(key_node)
        if not isinstance(key, str | int | bool) or key in out:
            raise DuplicateKey(str(key), key_node.start_mark.line + 1)
        out[key] = _build(value_node)
    out[LINE] = node.start_mark.line + 1
    return out


def load_yaml(text: str) -> Any:
    """The document in ``text`` as plain values (raises ``yaml.YAMLError``, :class:`DuplicateKey`)."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    finally:
        loader.dispose()
    return None if node is None else _build(node)
