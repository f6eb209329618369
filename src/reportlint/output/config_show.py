"""``reportlint config show [PATH]``: the effective rules for a path and, for every setting, the file and line of
the layer that set it (pack, province pack, repository configuration)."""

from __future__ import annotations

import json
import re
from typing import Any

from ..i18n import trc, words

_SKIP = ("id", "help")  # shown by `explain`, too long here

_T = {
    "path": "path",
    "config": "configuration",
    "none": "(none)",
    "pack": "pack",
    "chosen": "chosen at",
    "layers": "layers",
    "excluded": "excluded",
    "yes": "yes",
    "no": "no",
    "ignored": "ignored rules",
    "rules": "rules",
    "on": "enabled",
    "off": "disabled",
    "default": "(default)",
    "aggregates": "summaries",
    "summary": "this file is the summary",
    "part": "this file is a part",
    "parts": "parts",
    "unmatched": "matching no file",
    "unselected": "disabled (--select/--ignore on the command line)",
    "history": "last year's report",
    "history_configuration": "where history: in {where} says",
    "history_repository": "the git repository {where} (tracked files and untracked ones not ignored)",
    "history_folder": "the folder of the configuration, {where}",
    "history_none": "the files of the run and --history only",
}  # English: the catalogue's message ids (context "config show")


def to_dict(path: str, resolution: Any, excluded: bool, aggregates: list[dict[str, Any]] | None = None,
            unselected: frozenset[str] = frozenset(), history: tuple[str, str] = ("none", "")) -> dict[str, Any]:
    """``aggregates``: the summaries the path is or is a part of (:func:`reportlint.aggregates.describe`);
    ``unselected``: the rules the command line's ``--select``/``--ignore`` leave out; ``history``: where last
    year's report is looked for (:func:`reportlint.earlier.source_of`)."""
    pack = resolution.pack
    rules = []
    for rule in pack.rules:
        settings = {}
        for key, value in rule.spec.items():
            if key in _SKIP:
                continue
            settings[key] = {"value": value, "from": rule.origins.get(key)}
        if "severity" not in settings:
            settings["severity"] = {"value": rule.severity, "from": None}
        rules.append({"id": rule.id, "kind": rule.kind, "severity": rule.severity,
                      "enabled": rule.severity != "off" and rule.id not in unselected,
                      "selected": rule.id not in unselected, "source": rule.source, "settings": settings})
    return {
        "path": path,
        "config": str(resolution.config.path) if resolution.config else None,
        "pack": pack.name,
        "chosen_at": resolution.chosen_at,
        "layers": pack.layers,
        "excluded": excluded,
        "ignored_rules": resolution.ignores,
        "aggregates": aggregates or [],
        "history": {"from": history[0], "where": history[1]},
        "rules": rules,
    }


def render(path: str, resolution: Any, excluded: bool, lang: str = "zh", fmt: str = "text",
           aggregates: list[dict[str, Any]] | None = None, unselected: frozenset[str] = frozenset(),
           history: tuple[str, str] = ("none", "")) -> str:
    data = to_dict(path, resolution, excluded, aggregates, unselected, history)
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    other = ("description_en", "message_en") if lang != "en" else ("description", "message")
    for rule in data["rules"]:  # the text shows a rule's wording in its own language only
        for key in other:
            rule["settings"].pop(key, None)
    t = words(lang, "config show", _T)
    out = [
        f"{t['path']}: {path}",
        f"{t['config']}: {data['config'] or t['none']}",
        f"{t['pack']}: {data['pack']}  ({t['chosen']} {_chosen(data['chosen_at'], lang)})",
        f"{t['layers']}: " + " → ".join(data["layers"]),
        f"{t['excluded']}: {t['yes'] if excluded else t['no']}",
        f"{t['ignored']}: {', '.join(data['ignored_rules']) or t['none']}",
        f"{t['history']}: " + t[f"history_{history[0]}"].format(where=history[1]),
    ]
    for entry in data["aggregates"]:
        out.append(f"{t['aggregates']}: {entry['summary']}  ({t[entry['role']]}; {entry['defined_at']})")
        out.append(f"    {t['parts']} ({len(entry['parts'])}): {', '.join(entry['parts']) or t['none']}")
        if entry["unmatched"]:
            out.append(f"    {t['unmatched']}: {', '.join(entry['unmatched'])}")
    out += ["", f"{t['rules']}:"]
    for rule in data["rules"]:
        state = t["on"] if rule["enabled"] else t["off"] if rule["severity"] == "off" else t["unselected"]
        out.append(f"  {rule['id']}  {rule['kind']}  {rule['severity']}  {state}")
        width = max(len(k) for k in rule["settings"])
        for key, setting in rule["settings"].items():
            value = json.dumps(setting["value"], ensure_ascii=False)
            if len(value) > 70:
                value = value[:69] + "…"
            out.append(f"      {key.ljust(width)}  {value}  ← {setting['from'] or t['default']}")
    return "\n".join(out) + "\n"


def _chosen(where: str, lang: str) -> str:
    """Where the pack was chosen, said in ``lang`` (the resolver's record is "default (national-2021)" or
    "PATH (default national-2021)", the data of the JSON output)."""
    if m := re.fullmatch(r"default \((.+)\)", where):
        return trc(lang, "config", "default ({pack})", pack=m.group(1))
    if m := re.fullmatch(r"(.+) \(default (.+)\)", where):
        return trc(lang, "config", "{path} (default {pack})", path=m.group(1), pack=m.group(2))
    return where
