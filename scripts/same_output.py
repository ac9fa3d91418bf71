"""Is the extraction unchanged? Build every article the team has (corpus, eval, tests) into a scratch
store and write its export, sorted, so two versions of the code can be compared byte for byte.

    python scripts/same_output.py /tmp/before.nq        # on the old code
    python scripts/same_output.py /tmp/after.nq         # on the new code
    cmp /tmp/before.nq /tmp/after.nq
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def article_paths(eval_dir: Path) -> list[Path]:
    folders = [ROOT / "corpus", eval_dir / "articles", ROOT / "tests" / "fixtures",
               *sorted(d for d in (ROOT / "tests").glob("heldout*/articles") if "-en" not in d.parent.name)]
    return [f for f in folders if f.is_dir()]


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("output")
    p.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval", help="the eval set's folder")
    p.add_argument("--also", type=Path, nargs="*", default=[],
                   help="more folders, e.g. synthetic articles from scripts/gen_corpus.py")
    a = p.parse_args()
    from kg import api

    with tempfile.TemporaryDirectory() as tmp:
        summary = api.build(article_paths(a.eval) + a.also, store=Path(tmp) / "store", quiet=True, progress=False)
        data = api.export("nq", store=Path(tmp) / "store")
    lines = sorted(set(data.decode("utf-8").splitlines()))
    Path(a.output).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{summary}; {len(lines)} quads -> {a.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
