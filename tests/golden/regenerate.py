"""Rewrite tests/golden/<seed stem>.json from the parser's current output.

    .venv/bin/python tests/golden/regenerate.py

Review every diff by eye before committing: the goldens are the reviewed truth, not just
whatever the parser emits today.
"""

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from ingest.parsing import parse_brief  # noqa: E402
from ingest.parsing.structures import to_jsonable  # noqa: E402

SEEDS = ROOT / "fixtures" / "seeds"
GOLDEN = Path(__file__).resolve().parent


def render(path: Path) -> str:
    parsed = parse_brief(path.read_text(encoding="utf-8"), filename=path.name)
    return json.dumps(to_jsonable(parsed), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def main() -> None:
    for seed in sorted(SEEDS.glob("*.txt")):
        out = GOLDEN / f"{seed.stem}.json"
        new = render(seed)
        old = out.read_text(encoding="utf-8") if out.exists() else None
        if new != old:
            out.write_text(new, encoding="utf-8")
            print(f"{'updated' if old else 'created'} {out.relative_to(ROOT)}")
        else:
            print(f"unchanged {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
