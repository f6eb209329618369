"""Where the shared reference data lives (../shared next to the repository, or $REPORTLINT_SHARED)."""

import os
from pathlib import Path

_candidates = [os.environ.get("REPORTLINT_SHARED"), Path(__file__).resolve().parents[2] / "shared", "/work/shared"]
SHARED = next((Path(c) for c in _candidates if c and Path(c).is_dir()), Path(__file__).resolve().parents[2] / "shared")
CORPUS = SHARED / "corpus" / "docx-wild"
TEMPLATE = SHARED / "corpus" / "reports-wild" / "govnianbao" / "政务公开年报模版.docx"
SEEDS = SHARED / "seeds"
