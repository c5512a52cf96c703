"""Build the corpus: stories/<id>.txt → html/<id>.html.gz and ground-truth.json.

    python bench/pages/build.py            # from the repository root; deterministic output

Each story names its template (templates.py): the CMS or page builder whose markup the page
is built with. The gold body comes from the same story source (story.gold), so page and gold
cannot drift apart.
"""

from __future__ import annotations

import gzip
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import story  # noqa: E402
import templates  # noqa: E402


def build(out: Path = HERE) -> dict[str, dict[str, str]]:
    truth = {}
    (out / "html").mkdir(exist_ok=True)
    for path in sorted((HERE / "stories").glob("*.txt")):
        s = story.load(path)
        page = templates.TEMPLATES[s["template"]](s)
        data = gzip.compress(page.encode("utf-8"), compresslevel=9, mtime=0)
        (out / "html" / f"{s.id}.html.gz").write_bytes(data)
        truth[s.id] = {"articleBody": story.gold(s), "url": s["url"]}
    text = json.dumps(truth, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    (out / "ground-truth.json").write_text(text, encoding="utf-8")
    return truth


if __name__ == "__main__":
    built = build()
    print(f"{len(built)} pages written to {HERE / 'html'}")
