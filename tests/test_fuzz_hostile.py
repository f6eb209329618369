"""Fuzzing the hostile shapes of issue 20, scaled down with the bounds lowered to match: text tables too long or too
wide, HTML nested deep, YAML nested deep or full of aliases, text in unusual encodings. A document either reads or
is one InputError with one of the bound's codes; a pack either loads or is one ConfigError on one line; nothing
else leaves the reader or the loader (a MemoryError, a RecursionError, a traceback)."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reportlint import limits
from reportlint.errors import ConfigError, InputError
from reportlint.readers import load_document
from reportlint.rulepack import load_pack

EXAMPLES = int(os.environ.get("REPORTLINT_FUZZ_EXAMPLES", "40"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
TITLE = "某市某局2023年政府信息公开工作年度报告\n\n一、总体情况\n\n"
SMALL = limits.Limits(text_mb=0.25, table_cells=400, document_cells=1_000, seconds=5)


def _row(kind: str, width: int) -> str:
    cells = ["1"] * width
    if kind == "pipe":
        return "| " + " | ".join(cells) + " |\n"
    if kind == "tab":
        return "\t".join(cells) + "\n"
    return "<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>"


@st.composite
def hostile_text(draw) -> tuple[str, bytes]:
    kind = draw(st.sampled_from(["pipe", "tab", "html-table", "html-deep"]))
    width, rows = draw(st.integers(1, 60)), draw(st.integers(0, 400))
    if kind == "html-deep":
        depth = draw(st.integers(1, 4000))
        text = "<html><body><h1>" + TITLE + "</h1>" + "<div>" * depth + "表" + "</div>" * draw(st.integers(0, depth))
        suffix = ".html"
    elif kind == "html-table":
        text = "<html><body><h1>" + TITLE + "</h1><table>" + _row(kind, width) * rows + "</table></body></html>"
        suffix = ".html"
    else:
        text = ("# " if kind == "pipe" else "") + TITLE + _row(kind, width) * rows
        if kind == "pipe" and rows:
            text = text.replace("\n", "\n|" + "---|" * width + "\n", 1) if draw(st.booleans()) else text
        suffix = ".md" if kind == "pipe" else ".txt"
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-32", "gb18030"]))
    return suffix, text.encode(encoding)


@FUZZ
@given(sample=hostile_text())
def test_hostile_text_reads_or_is_one_bound_error(tmp_path_factory, monkeypatch, sample):
    suffix, data = sample
    path = tmp_path_factory.mktemp("hostile") / f"h{suffix}"
    path.write_bytes(data)
    monkeypatch.setattr(limits, "current", SMALL)
    try:
        with limits.time_budget(SMALL.seconds):
            load_document(str(path))
    except InputError as exc:
        assert exc.code in {"too-large", "too-many-cells", "too-deep", "decode"}, exc.render("en")
        assert "\n" not in exc.render("en")


@st.composite
def hostile_yaml(draw) -> str:
    kind = draw(st.sampled_from(["nest-map", "nest-list", "aliases", "flow"]))
    depth = draw(st.integers(1, 3000))
    if kind == "nest-map":
        return "pack: fuzz\nrules:\n" + "".join("  " * (i + 1) + f"k{i}:\n" for i in range(min(depth, 300))) + "x\n"
    if kind == "nest-list":
        return "pack: fuzz\nrules: " + "[" * depth + "]" * draw(st.integers(0, depth)) + "\n"
    if kind == "flow":
        return "pack: fuzz\naliases: " + "{a: " * depth + "1" + "}" * depth + "\n"
    width = draw(st.integers(1, 12))
    lines = ["pack: fuzz", "x0: &x0 [" + ", ".join(["lol"] * width) + "]"]
    lines += [f"x{i}: &x{i} [" + ", ".join([f"*x{i - 1}"] * width) + "]" for i in range(1, draw(st.integers(1, 12)))]
    return "\n".join(lines) + "\n"


@FUZZ
@given(text=hostile_yaml())
def test_hostile_yaml_loads_or_is_one_config_error(tmp_path_factory, text):
    path = tmp_path_factory.mktemp("yaml") / "pack.yaml"
    path.write_text(text, encoding="utf-8")
    try:
        load_pack(path)
    except ConfigError as exc:
        line = exc.render("en")
        assert "\n" not in line and line.startswith(str(path)), line
        assert len(line) < 400, line  # a short message, never the file quoted
