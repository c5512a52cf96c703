"""Write the seed corpora of fuzz/fuzz_clean.py into fuzz/seeds/<target>/ (not committed).

    .venv/bin/python fuzz/make_corpus.py [--out DIR]

Seeds are the golden fixtures (every input.* and the seed article) and, for the containers,
the same pages wrapped the way browsers and servers wrap them, plus a few small hostile
pages (entity DOCTYPEs, UTF-16 without a BOM, NUL bytes, cut-off characters). Small seeds
fuzz faster: each is at most --max-len bytes (libFuzzer's -max_len, the same default).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import plistlib
from email import encoders
from email.mime.multipart import MIMEMultipart
from email.mime.nonmultipart import MIMENonMultipart
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"

SMALL_PAGE = (
    "<!DOCTYPE html><html lang=en><head><meta charset=utf-8><title>Ferry resumes</title></head>"
    "<body><article><h1>Ferry resumes</h1><p>Ferries between Port Alden and Kessel Island resumed on "
    "Tuesday, eleven days after a storm.</p><p>Support us: donate today and keep our journalism free.</p>"
    "</article></body></html>"
)
HOSTILE = [
    '<?xml version="1.0"?>\n<!DOCTYPE html [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
    '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]>\n<html xmlns="http://www.w3.org/1999/xhtml"><body><p>&c;</p>'
    "</body></html>",
    '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://127.0.0.1:9/x.dtd" '
    '[<!ENTITY ext SYSTEM "http://127.0.0.1:9/ext">]><html><body><p>&ext; and more</p></body></html>',
    "<div>" * 300 + "deep text" + "</div>" * 300,
    "<p>one</p>\x00<p>two\x00three</p>",
]


def fixture_inputs() -> list[bytes]:
    found = sorted(FIXTURES.rglob("input.*")) + sorted(FIXTURES.rglob("source.html"))
    found.append(FIXTURES / "moscow-times-li-shangfu.txt")
    return [p.read_bytes() for p in found]


def mhtml(body: bytes, charset: str = "utf-8", cte: str = "qp") -> bytes:
    root = MIMEMultipart("related", boundary="----b----", type="text/html")
    root["From"] = "<Saved by Blink>"
    part = MIMENonMultipart("text", "html", charset=charset)
    part.set_payload(body)
    (encoders.encode_quopri if cte == "qp" else encoders.encode_base64)(part)
    root.attach(part)
    return root.as_bytes()


def webarchive(body: bytes, mime: str = "text/html") -> bytes:
    main = {"WebResourceData": body, "WebResourceMIMEType": mime, "WebResourceTextEncodingName": "UTF-8",
            "WebResourceURL": "https://news.example/a", "WebResourceFrameName": ""}
    return plistlib.dumps({"WebMainResource": main, "WebSubresources": []}, fmt=plistlib.FMT_BINARY)


def corpora(max_len: int) -> dict[str, list[bytes]]:
    pages = [p for p in fixture_inputs() if not p.startswith((b"\x1f\x8b", b"bplist"))]
    small = [p[:max_len] for p in pages if not p.startswith((b"From:", b"MIME", b"Content-Type"))]
    hostile = [h.encode("utf-8") for h in HOSTILE] + [
        SMALL_PAGE.encode("utf-16-le"), SMALL_PAGE.encode("utf-16-be"), SMALL_PAGE.encode("utf-16"),
        SMALL_PAGE.encode("utf-8")[:-3] + "é".encode()[:1], "Заголовок\n\nТекст статьи.".encode("cp1251"),
    ]
    seeds_small = [SMALL_PAGE.encode(), *hostile]
    wrapped_gzip = [gzip.compress(p, mtime=0) for p in [*seeds_small, *small[:10]]]
    wrapped_gzip.append(gzip.compress(SMALL_PAGE.encode(), mtime=0) * 2)
    wrapped_mhtml = [mhtml(SMALL_PAGE.encode()), mhtml(SMALL_PAGE.encode("cp1252"), "windows-1252", "b64")]
    wrapped_mhtml += [p for p in fixture_inputs() if p.startswith((b"From:", b"MIME", b"Content-Type"))]
    wrapped_web = [webarchive(SMALL_PAGE.encode()), webarchive(b"Plain text story.\n", "text/plain")]
    wrapped_web += [p for p in fixture_inputs() if p.startswith(b"bplist")]
    containers = wrapped_gzip[:4] + wrapped_mhtml + wrapped_web
    return {
        "clean": [*small, *seeds_small, *containers],
        "str": [*small, *seeds_small],
        "decode": [*small, *hostile],
        "html": [p for p in small if b"<" in p[:200]] + [h.encode() for h in HOSTILE] + [SMALL_PAGE.encode()],
        "gzip": wrapped_gzip,
        "mhtml": wrapped_mhtml,
        "webarchive": wrapped_web,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "seeds")
    parser.add_argument("--max-len", type=int, default=8192)
    args = parser.parse_args()
    for target, seeds in corpora(args.max_len).items():
        folder = args.out / target
        folder.mkdir(parents=True, exist_ok=True)
        for seed in seeds:
            if len(seed) <= args.max_len:
                (folder / hashlib.sha1(seed).hexdigest()).write_bytes(seed)
        print(f"{folder}: {sum(1 for _ in folder.iterdir())} seeds")


if __name__ == "__main__":
    main()
