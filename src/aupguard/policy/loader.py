"""Load a policy pack from YAML, reporting every problem with its file and line.

A Town Clerk edits these files by hand, so an error has to say where it is: YAML syntax
errors carry their own line; schema errors from pydantic carry a `loc` path, which we
walk through the composed YAML node tree to find the line of the offending key or item.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from aupguard.errors import PackError, UsageError
from aupguard.model import ABUSE_SUBTYPES, CATEGORIES
from aupguard.policy.schema import CLAUSE_ID, Pack

__all__ = ["PACKAGED", "WEB_CATEGORIES", "load_pack", "resolve", "validate_file"]

Problem = tuple[str, int, str]

# Packs shipped with aupguard, by short name.
PACKAGED: tuple[str, ...] = ("belper", "leigh")

# Category names of the Université Toulouse Capitole (UT1) web blacklists, which the web
# filter uses. Kept here so that a pack validates without the lists being installed.
WEB_CATEGORIES: frozenset[str] = frozenset(
    """
    ads adult aggressive agressif ai arjel associations_religieuses astrology audio-video
    bank bitcoin blog celebrity chat child cleaning cooking cryptojacking
    dangerous_material dating ddos dialer doh download drogue drugs dynamic-dns
    educational_games examen_pix fakenews filehosting financial forums gambling games
    hacking jobsearch lingerie liste_blanche liste_bu mail malware manga marketingware
    mixed_adult mobile-phone phishing porn press proxy publicite radio reaffected
    redirector remote-control residential-proxies sect sexual_education shopping shortener
    social_networks special sports stalkerware strict_redirector strong_redirector
    translation tricheur tricheur_pix update violence vpn warez webhosting webmail
    """.split()  # noqa: SIM905
)

# Pack-level validator messages that _semantic_checks reports on the right line itself.
_PLACED = (
    "duplicate clause id",
    "must start with the pack name",
    "cites unknown clause",
    "names unknown groups",
)

# A control's validator names one field in its message; point at that key.
_CONTROL_FIELDS = {
    "unknown detector": "detector",
    "unknown workflow": "workflow",
    "unknown entities": "entities",
    "unknown subtypes": "subtypes",
    "entities only apply": "entities",
    "subtypes only apply": "subtypes",
}

_cache: dict[tuple[str, int, int], Pack] = {}
_cache_lock = threading.Lock()


def resolve(name_or_path: str | Path) -> Path:
    """A packaged pack name ("belper", "leigh") or a path, as a path to a YAML file."""
    if isinstance(name_or_path, str) and name_or_path in PACKAGED:
        ref = resources.files("aupguard.policy") / "packs" / f"{name_or_path}.yaml"
        return Path(str(ref))
    path = Path(name_or_path)
    if not path.is_file():
        known = ", ".join(PACKAGED)
        raise UsageError(
            f"no policy pack named {str(name_or_path)!r} (known: {known}) and no such file"
        )
    return path


def load_pack(name_or_path: str | Path) -> Pack:
    """Load and validate a pack; cached by resolved path and modification time so that
    an edited file is picked up without restarting a long-running front-end."""
    path = resolve(name_or_path)
    try:
        stat = path.stat()
    except OSError as exc:
        raise UsageError(f"cannot read policy pack {path}: {exc.strerror}") from exc
    key = (str(path.resolve()), stat.st_mtime_ns, stat.st_size)
    cached = _cache.get(key)
    if cached is not None:
        return cached
    pack, problems = _load(path)
    if problems or pack is None:
        raise PackError(problems)
    with _cache_lock:
        _cache[key] = pack
    return pack


def validate_file(path: str | Path) -> list[Problem]:
    """Every problem in a pack file as (file, line, message); empty when it is valid."""
    p = Path(path)
    if isinstance(path, str) and path in PACKAGED and not p.exists():
        p = resolve(path)
    return _load(p)[1]


# --- loading ------------------------------------------------------------------------


def _load(path: Path) -> tuple[Pack | None, list[Problem]]:
    fname = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        return None, [(fname, 0, f"cannot read file: {exc.strerror or exc}")]
    except UnicodeDecodeError as exc:
        return None, [(fname, 1, f"not UTF-8 text: {exc.reason}")]
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, [
                (fname, 1, "the file is empty; a pack needs pack, source, council and clauses")
            ]
        data = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        what = exc.problem or "invalid YAML"
        if exc.context:
            started = exc.context_mark.line + 1 if exc.context_mark is not None else line
            what += f" ({exc.context} that started on line {started})"
        return None, [(fname, line, f"YAML syntax error: {what}")]
    except yaml.YAMLError as exc:
        return None, [(fname, 1, f"YAML error: {exc}")]
    finally:
        loader.dispose()
    if not isinstance(node, yaml.MappingNode) or not isinstance(data, dict):
        return None, [
            (
                fname,
                node.start_mark.line + 1,
                "a pack must be a mapping of keys (pack, source, council, clauses)",
            )
        ]
    problems = [(fname, line, msg) for line, msg in _duplicate_keys(node)]
    problems += [(fname, line, msg) for line, msg in _semantic_checks(node, data)]
    pack: Pack | None = None
    try:
        pack = Pack.model_validate(data)
    except ValidationError as exc:
        reported = " ".join(msg for _, _, msg in problems)
        for err in exc.errors():
            loc = tuple(err["loc"])
            msg = _message(err, loc)
            if loc in ((), ("web",)) and any(s in msg and s in reported for s in _PLACED):
                continue  # already reported by _semantic_checks with a better line
            problems.append((fname, _line_for(node, loc, err), msg))
    problems.sort(key=lambda p: p[1])
    return (pack if not problems else None), _dedupe(problems)


def _dedupe(problems: list[Problem]) -> list[Problem]:
    seen: set[Problem] = set()
    out = []
    for p in problems:
        if p not in seen:
            seen.add(p)
            out.append(p)
    return out


def _message(err: Any, loc: tuple[Any, ...]) -> str:
    where = ".".join(str(p) for p in loc)
    kind = err.get("type", "")
    text = str(err.get("msg", "invalid value"))
    if text.startswith("Value error, "):
        text = text[len("Value error, ") :]
    if kind == "extra_forbidden":
        return f"unknown key {loc[-1]!r}" + (
            f" in {'.'.join(map(str, loc[:-1]))}" if len(loc) > 1 else ""
        )
    if kind == "missing":
        return f"missing key {loc[-1]!r}" + (
            f" in {'.'.join(map(str, loc[:-1]))}" if len(loc) > 1 else ""
        )
    return f"{where}: {text}" if where else text


# --- mapping pydantic locations to YAML lines ----------------------------------------


def _child(node: yaml.Node | None, part: Any) -> tuple[yaml.Node | None, yaml.Node | None]:
    """(key node, value node) for one step of a loc path."""
    if isinstance(node, yaml.MappingNode):
        names = {str(part)}
        if part == "council_register":
            names.add("register")
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode) and k.value in names:
                return k, v
        return None, None
    if (
        isinstance(node, yaml.SequenceNode)
        and isinstance(part, int)
        and (0 <= part < len(node.value))
    ):
        item: yaml.Node = node.value[part]
        return item, item
    return None, None


def _line_for(root: yaml.Node, loc: tuple[Any, ...], err: Any) -> int:
    node: yaml.Node = root
    key: yaml.Node | None = None
    for part in loc:
        k, v = _child(node, part)
        if v is None:
            break  # a missing or unknown key: the line of its parent
        key, node = k, v
    else:
        msg = str(err.get("msg", ""))
        for phrase, field in _CONTROL_FIELDS.items():
            k, _ = _child(node, field) if phrase in msg else (None, None)
            if k is not None:
                return k.start_mark.line + 1
        if key is not None:
            return key.start_mark.line + 1
    return node.start_mark.line + 1


# --- checks pydantic cannot place on a line -----------------------------------------


def _duplicate_keys(node: yaml.Node) -> Iterator[tuple[int, str]]:
    """PyYAML keeps the last of two equal keys silently; a clerk would lose a setting."""
    stack = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, yaml.MappingNode):
            seen: set[str] = set()
            for k, v in n.value:
                if isinstance(k, yaml.ScalarNode):
                    if k.value in seen:
                        yield k.start_mark.line + 1, f"key {k.value!r} appears twice"
                    seen.add(k.value)
                stack.append(v)
        elif isinstance(n, yaml.SequenceNode):
            stack.extend(n.value)


def _items(node: yaml.Node | None) -> list[yaml.Node]:
    return list(node.value) if isinstance(node, yaml.SequenceNode) else []


def _scalar(node: yaml.Node | None, key: str) -> tuple[str | None, int]:
    k, v = _child(node, key)
    if isinstance(v, yaml.ScalarNode) and k is not None:
        return v.value, k.start_mark.line + 1
    return None, 0


def _semantic_checks(root: yaml.MappingNode, data: dict[str, Any]) -> Iterator[tuple[int, str]]:
    """Duplicate ids, id prefixes, web categories, filters on the wrong detector and
    threshold keys: each placed on its own line."""
    pack_name = data.get("pack") if isinstance(data.get("pack"), str) else None
    _, clauses = _child(root, "clauses")
    seen: dict[str, int] = {}
    for clause in _items(clauses):
        cid, line = _scalar(clause, "id")
        if cid is not None:
            if cid in seen:
                yield line, (f"duplicate clause id {cid!r} (first used on line {seen[cid]})")
            else:
                seen[cid] = line
            if CLAUSE_ID.match(cid) and pack_name and not cid.startswith(pack_name + "."):
                yield line, f"clause id {cid!r} must start with the pack name {pack_name!r}."
        _, controls = _child(clause, "controls")
        for control in _items(controls):
            web, wline = _scalar(control, "web_category")
            if web is not None and web not in WEB_CATEGORIES:
                yield (
                    wline,
                    (
                        f"unknown web category {web!r}; use a UT1 list name such as "
                        "gambling, adult, malware, phishing, social_networks"
                    ),
                )
    yield from _web_checks(root, set(seen))
    yield from _mail_checks(root, set(seen))
    _, thresholds = _child(root, "thresholds")
    for field, known in (("categories", CATEGORIES), ("abuse", ABUSE_SUBTYPES)):
        _, mapping = _child(thresholds, field)
        for k, v in mapping.value if isinstance(mapping, yaml.MappingNode) else ():
            if isinstance(k, yaml.ScalarNode) and k.value not in known:
                line = k.start_mark.line + 1
                yield (
                    line,
                    f"thresholds.{field}: unknown name {k.value!r}; known: " + ", ".join(known),
                )
            if isinstance(v, yaml.ScalarNode):
                yield from _score_check(v, f"thresholds.{field}.{k.value}")
    _, default = _child(thresholds, "default")
    if isinstance(default, yaml.ScalarNode):
        yield from _score_check(default, "thresholds.default")


def _web_checks(root: yaml.MappingNode, clause_ids: set[str]) -> Iterator[tuple[int, str]]:
    """Every web rule cites a clause of this pack, known categories and declared groups."""
    _, web = _child(root, "web")
    _, groups = _child(web, "groups")
    declared = (
        {k.value for k, _ in groups.value if isinstance(k, yaml.ScalarNode)}
        if isinstance(groups, yaml.MappingNode)
        else set()
    )
    _, default = _child(web, "default")
    cid, line = _scalar(default, "clause")
    if cid is not None and cid not in clause_ids:
        yield line, f"web default cites unknown clause {cid!r}; it must be a clause id of this pack"
    _, council_lists = _child(web, "council_lists")
    for which in ("block", "allow"):
        cid, line = _scalar(council_lists, which)
        if cid is not None and cid not in clause_ids:
            yield (
                line,
                f"web.council_lists.{which} cites unknown clause {cid!r}; it must be a "
                "clause id of this pack",
            )
    for name in ("downloads", "cookies"):
        yield from _proxy_rule_checks(web, name, clause_ids, declared)
    _, rules = _child(web, "rules")
    for i, rule in enumerate(_items(rules)):
        rid, _ = _scalar(rule, "id")
        label = rid or f"web.rules[{i}]"
        cid, line = _scalar(rule, "clause")
        if cid is not None and cid not in clause_ids:
            yield (
                line,
                f"web rule {label} cites unknown clause {cid!r}; it must be a clause id "
                "of this pack",
            )
        yield from _categories_and_groups(
            rule, f"web rule {label}", "gambling, adult, malware, phishing", declared
        )


def _mail_checks(root: yaml.MappingNode, clause_ids: set[str]) -> Iterator[tuple[int, str]]:
    """Every `mail:` rule cites clauses of this pack (`clause` and `related`)."""
    _, mail = _child(root, "mail")
    if not isinstance(mail, yaml.MappingNode):
        return
    for key, node in mail.value:
        cid, line = _scalar(node, "clause")
        if cid is not None and cid not in clause_ids:
            yield line, (
                f"mail.{key.value} cites unknown clause {cid!r}; it must be a clause id "
                "of this pack"
            )
        _, related = _child(node, "related")
        for item in _items(related):
            if isinstance(item, yaml.ScalarNode) and item.value not in clause_ids:
                yield item.start_mark.line + 1, (
                    f"mail.{key.value}: related clause {item.value!r} is not a clause id of "
                    "this pack"
                )


def _proxy_rule_checks(
    web: yaml.Node | None, name: str, clause_ids: set[str], declared: set[str]
) -> Iterator[tuple[int, str]]:
    """`web.downloads` / `web.cookies`: a clause of this pack, known categories, groups."""
    _, node = _child(web, name)
    cid, line = _scalar(node, "clause")
    if cid is not None and cid not in clause_ids:
        yield line, f"web.{name} cites unknown clause {cid!r}; it must be a clause id of this pack"
    yield from _categories_and_groups(node, f"web.{name}", "shopping, bank, financial", declared)


def _categories_and_groups(
    node: yaml.Node | None, label: str, examples: str, declared: set[str]
) -> Iterator[tuple[int, str]]:
    """A web rule's `categories` are UT1 list names and its `groups` are declared."""
    for field in ("categories", "groups"):
        _, seq = _child(node, field)
        for item in _items(seq):
            if not isinstance(item, yaml.ScalarNode):
                continue
            if field == "categories" and item.value not in WEB_CATEGORIES:
                yield (
                    item.start_mark.line + 1,
                    f"{label}: unknown web category {item.value!r}; use a UT1 list name "
                    f"such as {examples}",
                )
            if field == "groups" and item.value not in declared:
                yield (
                    item.start_mark.line + 1,
                    f"{label} names unknown groups [{item.value!r}]; declare it under "
                    "web.groups",
                )


def _score_check(node: yaml.ScalarNode, where: str) -> Iterator[tuple[int, str]]:
    try:
        value = float(node.value)
    except ValueError:
        return  # pydantic reports the wrong type
    if not 0.0 <= value <= 1.0:
        yield node.start_mark.line + 1, f"{where}: a score must be between 0 and 1"
