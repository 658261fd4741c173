"""YAML data files checked against pydantic models: rule packs, and the language data.

Both are data a person edits by hand, so both read the same way: no aliases, no key given
twice, and every problem reported as `file:line:column: loc: message`, the position found
by walking pydantic's error location through the composed YAML nodes.
"""
from __future__ import annotations

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from .errors import InputError, read_utf8


class Strict(BaseModel):
    """A section of a data file: an unknown key is an error, and the data never changes."""
    model_config = ConfigDict(extra="forbid", frozen=True)


class NoAliases(yaml.SafeLoader):
    """YAML as safe_load reads it, without aliases: hand-written data needs none, and nine
    nested ones (a "billion laughs") made validation take gigabytes."""
    within = "a rule pack"   # what the file is, for the message

    def compose_node(self, parent, index):
        if self.check_event(yaml.events.AliasEvent):
            raise yaml.composer.ComposerError(None, None, f"aliases (*name) are not allowed in {self.within}",
                                              self.peek_event().start_mark)
        return super().compose_node(parent, index)


class UniqueKeys(NoAliases):
    """And a key given twice in one mapping is an error (a second `release:` predicate once
    silently replaced the first)."""

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}",
                                                        key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def read(path, what: str, model: type[BaseModel], loader: type[UniqueKeys] = UniqueKeys, trusted: bool = False):
    """One file's data, validated by `model`: InputError lists every problem with its place.

    A `trusted` file (the package's own data, whose keys and aliases the tests check) is read
    with libyaml where PyYAML has it, ten times faster; its nodes, for placing an error, are
    composed only when there is one.
    """
    label = str(path)
    text = read_utf8(path, what, label)
    if trusted and _FAST is not None:
        root, data = None, _parse_with(_FAST, text, label, compose=False)[1]
    else:
        root, data = parse(text, label, loader)
    if not isinstance(data, dict):
        raise InputError(f"{label}:1:1: {what} must be a mapping")
    try:
        return model.model_validate(data)
    except ValidationError as e:
        root = root or parse(text, label, loader)[0]
        raise InputError(placed(e, (), root, label)) from None


_FAST = getattr(yaml, "CSafeLoader", None)


def parse(text: str, label: str, loader: type[UniqueKeys] = UniqueKeys):
    """(composed root node, data) of a YAML text, or InputError at the place it breaks."""
    return _parse_with(loader, text, label)


def _parse_with(loader, text: str, label: str, compose: bool = True):
    try:
        if not compose:
            return None, yaml.load(text, Loader=loader)
        ldr = loader(text)
        try:   # one pass: the data is constructed from the nodes composed for placing errors
            root = ldr.get_single_node()
            return root, (ldr.construct_document(root) if root is not None else None)
        finally:
            ldr.dispose()
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f"{label}:{mark.line + 1}:{mark.column + 1}" if mark else label
        problem = getattr(e, "problem", None) or str(e).splitlines()[0]
        raise InputError(f"{where}: invalid YAML: {problem}") from None


def _node_at(node, loc):
    """The YAML node at a pydantic error location, as deep as the location reaches."""
    for key in loc:
        if isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                if k.value == str(key):
                    node = v
                    break
            else:
                return node
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
        else:
            return node
    return node


def _mark(path: str, node) -> str:
    m = node.start_mark
    return f"{path}:{m.line + 1}:{m.column + 1}"


def placed(e: ValidationError, prefix: tuple, root, label: str) -> str:
    """A validation error's lines as `file:line:column: loc: message`."""
    lines = []
    for err in e.errors():
        loc = prefix + tuple(x for x in err["loc"] if not (isinstance(x, str) and x.startswith("function-")))
        node = _node_at(root, loc)
        dotted = ".".join(str(x) for x in loc) or "(top)"
        lines.append(f"{_mark(label, node)}: {dotted}: {_plain(err)}")
    return "\n".join(lines)


def _known_keys() -> list[str]:
    """Every key a data file's sections take (the fields of each Strict model), for
    suggesting the one a typo meant."""
    keys, models = set(), [Strict]
    while models:
        cls = models.pop()
        models += cls.__subclasses__()
        keys |= {f.alias or name for name, f in cls.model_fields.items()}
    return sorted(keys)


def _plain(err: dict) -> str:
    """A validation error in a pack author's words, with the likely intended value where a
    known word was mistyped; pydantic's own message for the rest."""
    import difflib
    import re

    kind, given = err["type"], err.get("input")
    if kind == "literal_error":
        allowed = re.findall(r"'([^']*)'", (err.get("ctx") or {}).get("expected", ""))
        near = difflib.get_close_matches(str(given), allowed, n=1)
        hint = f" (did you mean {near[0]!r}?)" if near else ""
        return f"{given!r} is not one of {', '.join(allowed)}{hint}"
    if kind == "extra_forbidden":
        key = str(err["loc"][-1]) if err["loc"] else ""
        near = difflib.get_close_matches(key, [k for k in _known_keys() if k != key], n=1, cutoff=0.8)
        hint = f"; did you mean {near[0]!r}?" if near else ""   # a key of another section gets none
        return f"unknown key (a typo, or a key this section does not take{hint})"
    if kind == "missing":
        return "required, and missing"
    return err["msg"]
