"""Where the shared reference data lives (../shared next to the repository, or $REPORTLINT_SHARED)."""

import os
from pathlib import Path

_candidates = [os.environ.get("REPORTLINT_SHARED"), Path(__file__).resolve().parents[2] / "shared", "/work/shared"]
SHARED = next((Path(c) for c in _candidates if c and Path(c).is_dir()), Path(__file__).resolve().parents[2] / "shared")
CORPUS = SHARED / "corpus" / "docx-wild"
TEMPLATE = SHARED / "corpus" / "reports-wild" / "govnianbao" / "政务公开年报模版.docx"
SEEDS = SHARED / "seeds"


# Every finding of the national pack on the seeds, each read and judged a real defect of the report:
SEED_FINDINGS = {
    "000": [
        ("publication-deadline", "全文"),  # warning: no date under the signature, no 发布日期
        ("leftover-text", "16:1 第9段（（一）认真做好主动公开）"),  # "[image: 1704859250673]"
        ("leftover-text", "411:1 第21段（四、政府信息公开行政复议、行政诉讼情况）"),  # "[bookmark: _GoBack]"
    ],
    "001": [
        ("fee-statement", "「六、其他需要报告的事项」"),  # 六 is "无。" and a stray fragment
        ("required-sections", "「五、存在的主要问题及改进情况」"),
        ("publication-deadline", "4:7 第1段"),  # 发布日期2024-02-01, after 31 January
        ("contact-info", "7:300 第3段"),  # "mlwsj @126.com"
        ("year-mismatch", "15:11 第11段（(二)依申请公开方面）"),  # "2024年,市卫生健康局始终坚持…" in a 2023 report
    ],
    "002": [
        ("contact-info", "全文"),  # no phone number
        ("fee-statement", "「六、其他需要报告的事项」"),  # 六 is "无"
        ("publication-deadline", "全文"),  # warning: no date
    ],
    "003": [
        ("contact-info", "全文"),
        ("statistics-period", "全文"),
        ("section-title", "405:1 第13段（五、存在的问题及改进情况）"),
        ("leftover-text", "414:1 第22段（六、其他需要报告的事项）"),  # "[bookmark: _GoBack]"
    ],
    "004": [("blank-cell", "32:1 第1张表 行「第二十条第（一）项 / 行政规范性文件」 列「现行有效件数」")],
}
