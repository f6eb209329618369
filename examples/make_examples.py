"""(Re)write the two example reports next to this script.

    python examples/make_examples.py

- clean-report.docx      a complete, consistent 2023 report (no defects)
- defective-report.docx  the same report with realistic defects (listed in DEFECTS and README.md)

The reports are built by tests/report_builder.py, which reproduces the merged-cell layout of the official
2021 template with real Word merges.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))

from report_builder import (  # noqa: E402
    T3_TOTAL_ROW,
    ReportSpec,
    build_report,
    default_sections,
    default_t3,
)

AGENCY = "某某市某某局"
YEAR = 2023

# 自然人 column of （七）总计: default 45, written as 44 → E1 (自然人 column), E2 (自然人 column) and E3 (（七）总计 row) break
_BROKEN_TOTAL = str(default_t3()[T3_TOTAL_ROW]["自然人"] - 1)

DEFECTS: list[str] = [
    "section 五、存在的主要问题及改进情况 missing (heading and body)",
    "statistics period covers half a year: 本报告统计期限为2023年1月1日至2023年6月30日。",
    "contact phone without area code (联系电话：8928868)",
    "contact e-mail with a space (gk @example.gov.cn)",
    f"table 三 （七）总计 × 自然人 = {_BROKEN_TOTAL} (should be 45): E1 and E2 fail for 自然人, E3 fails for （七）总计",
    "table 二 行政规范性文件 × 本年废止件数 = “—” (not a number)",
    "table 四 复议后起诉 × 结果纠正 blank",
]


def clean_spec() -> ReportSpec:
    return ReportSpec(agency=AGENCY, year=YEAR)


def defective_spec() -> ReportSpec:
    sections = [(h, b) for h, b in default_sections(AGENCY, YEAR) if not h.startswith("五、")]
    return ReportSpec(
        agency=AGENCY,
        year=YEAR,
        period=f"本报告统计期限为{YEAR}年1月1日至{YEAR}年6月30日。",
        contact=(
            f"如对本报告有疑问，请与{AGENCY}办公室联系（地址：某某市某某路1号；联系电话：8928868；"
            "电子邮箱：gk @example.gov.cn）。"
        ),
        sections=sections,
        t2={("行政规范性文件", "本年废止件数"): "—"},
        t3={(T3_TOTAL_ROW, "自然人"): _BROKEN_TOTAL},
        t4={("复议后起诉", "结果纠正"): ""},
    )


def main() -> None:
    for name, spec in (("clean-report.docx", clean_spec()), ("defective-report.docx", defective_spec())):
        path = build_report(HERE / name, spec)
        print(f"wrote {path.relative_to(HERE.parent)}")


if __name__ == "__main__":
    main()
