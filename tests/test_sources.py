"""Bytes → document: saved-page containers recognised by content, and encodings.

Every container here is built in the test from a small page, with the standard library
(gzip, email, plistlib), so what is being read is plain to see. Broken containers must fail
with InputError and a one-line message, never with another exception: the CLI turns only
InputError into "cleannews: FILE: reason".
"""

from __future__ import annotations

import gzip
import plistlib
import random
import struct
import subprocess
import sys
import time
import tracemalloc
import zlib
from email import encoders
from email.mime.multipart import MIMEMultipart
from email.mime.nonmultipart import MIMENonMultipart
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

import cleannews
from cleannews import InputError
from cleannews.cli import command
from cleannews.read import sources
from cleannews.read.containers import MAX_GZIP_LAYERS, MAX_UNPACKED
from cleannews.read.sources import decode, read_document

# --- a small page, invented for these tests ------------------------------------------------

HEADLINE = "Ferry Service to Kessel Island Resumes After Storm Repairs"
STORY = [
    "Ferries between Port Alden and Kessel Island resumed on Tuesday morning, eleven days after "
    "a winter storm tore the landing stage from its moorings and left the island's 900 residents "
    "dependent on a single fishing boat for supplies.",
    "The first crossing left Port Alden at 7:15 a.m. with 46 passengers, two delivery vans and a "
    "school bus, harbour master Ines Varga said. Crews had worked through the weekend to anchor "
    "a temporary pontoon while the damaged stage is rebuilt.",
    "\"We had people sleeping in their cars on the quay on Monday night so they would be on the "
    "first boat,\" Varga said. \"Nobody wanted to wait another day.\"",
    "The regional council said permanent repairs would cost about 2.3 million euros and should "
    "be finished before the summer timetable starts in May.",
]
EXPECTED = HEADLINE + "\n\n" + "\n\n".join(STORY) + "\n"


def page(
    headline: str = HEADLINE,
    story: list[str] | None = None,
    head: str = '<meta charset="utf-8">',
    lang: str = "en",
) -> str:
    paragraphs = "\n".join(f"<p>{p}</p>" for p in (STORY if story is None else story))
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}"><head>{head}<title>{headline}</title></head>\n'
        f"<body><article><h1>{headline}</h1>\n{paragraphs}\n</article></body></html>\n"
    )


PAGE = page().encode("utf-8")

# Short articles in the encodings pages are still served in. Each is a headline and story
# paragraphs long enough for a detector to have something to go on, as a real page has.
ARTICLES = {
    "fr": (
        "Le maire de Besançon défend son budget révisé",
        [
            "Le conseil municipal de Besançon a adopté jeudi soir un budget révisé, après un débat "
            "animé sur les dépenses liées à l'éclairage public et à la rénovation des écoles.",
            "« Nous avons fait des choix difficiles, mais nécessaires », a déclaré la maire devant "
            "les élus réunis à l'hôtel de ville. L'opposition a dénoncé une hausse des impôts déguisée.",
            "Les travaux du lycée Pasteur débuteront à l'été. Coût prévu : 4,2 millions d'euros.",
        ],
    ),
    "pl": (
        "Łódź przyjęła nowy budżet na przyszły rok",
        [
            "Rada Miejska w Łodzi przyjęła w czwartek budżet na przyszły rok po długiej dyskusji o "
            "wydatkach na oświetlenie ulic i remonty szkół podstawowych.",
            "„Musieliśmy dokonać trudnych wyborów”, powiedziała prezydent miasta. Opozycja "
            "skrytykowała podwyżkę podatku od nieruchomości i zażądała więcej zieleni na osiedlach.",
            "Remont szkoły przy ulicy Żeromskiego rozpocznie się latem i potrwa do października.",
        ],
    ),
    "cs": (
        "Brno schválilo rozpočet s rekordními investicemi",
        [
            "Zastupitelstvo města Brna ve čtvrtek schválilo rozpočet na příští rok. Nejvíce peněz "
            "půjde na opravy škol, veřejné osvětlení a rozšíření tramvajové sítě.",
            "„Byla to těžká rozhodnutí,“ řekla primátorka po hlasování. Opozice kritizovala zvýšení "
            "poplatků za odpad a žádala více zeleně v sídlištích.",
        ],
    ),
    "ru": (
        "Мэр Новосибирска представил новый бюджет города",
        [
            "Городской совет Новосибирска в четверг утвердил пересмотренный бюджет после долгих "
            "споров о расходах на освещение улиц и ремонт школ.",
            "«Мы сделали трудный, но необходимый выбор», — заявил мэр перед депутатами, "
            "собравшимися в здании мэрии. Оппозиция назвала решение скрытым повышением налогов.",
            "Ремонт лицея начнётся летом. Ожидаемая стоимость работ составит четыре миллиона рублей.",
        ],
    ),
    "ja": (
        "札幌市議会、改定予算案を可決",
        [
            "札幌市議会は木曜日、学校の改修と街灯の交換を柱とする改定予算案を賛成多数で可決した。",
            "市長は「難しいが必要な選択だった」と述べた。野党は事実上の増税だと批判している。",
            "工事は夏に始まり、総事業費は約四億二千万円になる見通しだ。",
        ],
    ),
    "zh": (
        "成都市议会通过修订后的预算",
        [
            "成都市议会周四通过了修订后的年度预算，重点用于翻修中小学校舍和更换老旧路灯。",
            "市长在会后表示，这是“艰难但必要的选择”。反对派议员批评该方案是变相加税。",
            "翻修工程预计于夏季开工，总投资约四千二百万元，年底前完工。",
        ],
    ),
}


# KOI8-R has no guillemets and no dashes: the Russian article as such a site would print it.
ARTICLES["ru-koi8"] = (ARTICLES["ru"][0], [
    p.replace("«", '"').replace("»", '"').replace("—", "-").replace("ё", "е") for p in ARTICLES["ru"][1]
])


def article_page(lang: str, head: str = "") -> str:
    title, story = ARTICLES[lang]
    return page(title, story, head=head, lang=lang[:2])


def article_text(lang: str) -> str:
    title, story = ARTICLES[lang]
    return title + "\n\n" + "\n\n".join(story) + "\n"


# --- container builders --------------------------------------------------------------------


def mhtml(*parts: tuple[str, bytes, dict[str, str]], boundary: str = "----MultipartBoundary--k2Xq9----") -> bytes:
    """A multipart/related message as Chrome's "Webpage, single file" writes it: Blink's From
    line, the snapshot location, CRLF line ends; parts are (type, body, extra headers), and an
    extra header "cte" picks the transfer encoding (quoted-printable unless told)."""
    root = MIMEMultipart("related", boundary=boundary, type="text/html")
    root["From"] = "<Saved by Blink>"
    root["Snapshot-Content-Location"] = "https://news.example/2024/ferry"
    root["Subject"] = HEADLINE
    root["Date"] = "Tue, 12 Mar 2024 09:14:05 +0100"
    for mime, body, headers in parts:
        maintype, subtype = mime.split("/")
        part = MIMENonMultipart(maintype, subtype)
        if "charset" in headers:
            part.set_param("charset", headers["charset"])
        part.set_payload(body)
        cte = headers.get("cte", "quoted-printable")
        if cte == "quoted-printable":
            encoders.encode_quopri(part)
        elif cte == "base64":
            encoders.encode_base64(part)
        else:
            part["Content-Transfer-Encoding"] = cte
        part["Content-Location"] = headers.get("location", "https://news.example/2024/ferry")
        root.attach(part)
    return root.as_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")


CSS = (b"text/css", b"article { max-width: 40em; }\n")
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"


def html_part(body: bytes = PAGE, **headers: str) -> tuple[str, bytes, dict[str, str]]:
    return ("text/html", body, headers)


def webarchive(body: bytes = PAGE, encoding: str | None = "UTF-8", mime: str = "text/html", **extra: object) -> bytes:
    """Safari's .webarchive: a binary plist whose WebMainResource holds the page as downloaded."""
    main: dict[str, object] = {
        "WebResourceData": body,
        "WebResourceFrameName": "",
        "WebResourceMIMEType": mime,
        "WebResourceURL": "https://news.example/2024/ferry",
    }
    if encoding is not None:
        main["WebResourceTextEncodingName"] = encoding
    archive = {
        "WebMainResource": main,
        "WebSubresources": [{
            "WebResourceData": PNG,
            "WebResourceMIMEType": "image/png",
            "WebResourceURL": "https://news.example/img/ferry.png",
        }],
        **extra,
    }
    return plistlib.dumps(archive, fmt=plistlib.FMT_BINARY)


def gzip_bomb(gigabytes: int = 1) -> bytes:
    """A valid gzip file of about 1 MB per GB of zeros it unpacks to, built in a fraction of a
    second: after a full flush, deflate forgets what came before, so every 1 MB of zeros
    compresses to the very same bytes, and the block is written once and repeated."""
    zeros = bytes(1 << 20)
    deflate = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS, 9, zlib.Z_RLE)
    block = deflate.compress(zeros) + deflate.flush(zlib.Z_FULL_FLUSH)
    assert deflate.compress(zeros) + deflate.flush(zlib.Z_FULL_FLUSH) == block  # the trick holds
    megabytes = gigabytes * 1024
    last = deflate.compress(zeros) + deflate.flush()
    crc = 0
    for _ in range(megabytes):
        crc = zlib.crc32(zeros, crc)
    header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"
    trailer = struct.pack("<II", crc, (megabytes << 20) & 0xFFFFFFFF)
    return header + block * (megabytes - 1) + last + trailer


def fails_with_input_error(data: bytes) -> str:
    """The one-line message clean() fails with."""
    with pytest.raises(InputError) as info:
        cleannews.clean(data)
    message = str(info.value)
    assert message and "\n" not in message
    return message


# --- the plain page, for reference ----------------------------------------------------------


def test_the_plain_page_cleans_to_its_story() -> None:
    result = cleannews.clean(PAGE)
    assert result.text == EXPECTED
    doc = read_document(PAGE)
    assert (doc.kind, doc.encoding, doc.container) == ("html", "utf-8", None)


# --- gzip ----------------------------------------------------------------------------------


def test_gzip_holding_html() -> None:
    data = gzip.compress(PAGE)
    doc = read_document(data)
    assert (doc.kind, doc.container) == ("html", "gzip")
    assert cleannews.clean(data).text == EXPECTED


def test_gzip_holding_plain_text() -> None:
    data = gzip.compress(EXPECTED.encode("cp1252"))
    doc = read_document(data)
    assert (doc.kind, doc.container) == ("text", "gzip")
    assert cleannews.clean(data).text == EXPECTED


def test_gzip_holding_a_legacy_encoding() -> None:
    data = gzip.compress(article_page("ru", '<meta charset="windows-1251">').encode("cp1251"))
    result = cleannews.clean(data)
    assert result.encoding == "cp1251"
    assert result.text == article_text("ru")


def test_gzip_of_several_members_is_read_whole() -> None:
    """gzip(1) writes one member per file it is given; `cat a.gz b.gz` is a valid gzip file."""
    half = len(PAGE) // 2
    data = gzip.compress(PAGE[:half]) + gzip.compress(PAGE[half:])
    assert cleannews.clean(data).text == EXPECTED


def test_gzip_with_trailing_zeros_is_read() -> None:
    assert cleannews.clean(gzip.compress(PAGE) + bytes(512)).text == EXPECTED


def test_gzip_inside_gzip() -> None:
    data = PAGE
    for _ in range(MAX_GZIP_LAYERS):
        data = gzip.compress(data)
    assert read_document(data).container == "+".join(["gzip"] * MAX_GZIP_LAYERS)
    assert cleannews.clean(data).text == EXPECTED
    assert "deep" in fails_with_input_error(gzip.compress(data))


def test_truncated_gzip() -> None:
    data = gzip.compress(PAGE)
    for cut in (3, 10, len(data) // 2, len(data) - 8, len(data) - 1):
        assert "gzip" in fails_with_input_error(data[:cut])


def test_corrupt_gzip() -> None:
    data = bytearray(gzip.compress(PAGE))
    data[-6] ^= 0xFF  # the CRC of the unpacked data
    assert "gzip" in fails_with_input_error(bytes(data))
    data = bytearray(gzip.compress(PAGE))
    data[2] = 7  # a compression method that does not exist
    assert "gzip" in fails_with_input_error(bytes(data))


def test_gzip_bomb_fails_fast_and_small() -> None:
    bomb = gzip_bomb(1)
    assert len(bomb) < 2 * 1024 * 1024
    tracemalloc.start()
    started = time.monotonic()
    try:
        message = fails_with_input_error(bomb)
        elapsed = time.monotonic() - started
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "more than" in message
    assert peak < MAX_UNPACKED * 1.5, f"unpacking held {peak >> 20} MB"
    assert elapsed < 20, f"took {elapsed:.1f}s"  # about half a second; generous for slow runners


# --- MHTML ---------------------------------------------------------------------------------


def test_mhtml_as_chrome_saves_it() -> None:
    data = mhtml(html_part(), ("text/css", CSS[1], {"location": "https://news.example/site.css"}),
                 ("image/png", PNG, {"cte": "base64", "location": "https://news.example/ferry.png"}))
    assert data.startswith(b"Content-Type: multipart/related") or b"From: <Saved by Blink>" in data[:400]
    assert b"=3D" in data  # really quoted-printable
    doc = read_document(data)
    assert (doc.kind, doc.container, doc.encoding) == ("html", "mhtml", "utf-8")
    assert cleannews.clean(data).text == EXPECTED


def test_mhtml_takes_the_first_html_part_not_a_frame_or_a_stylesheet() -> None:
    frame = page("An Advertising Frame", ["Buy a boat today. Boats for every budget."]).encode()
    data = mhtml(("text/css", CSS[1], {}), html_part(), html_part(frame, location="https://ads.example/f"))
    assert cleannews.clean(data).text == EXPECTED


@pytest.mark.parametrize("cte", ["quoted-printable", "base64", "8bit", "binary"])
def test_mhtml_transfer_encodings(cte: str) -> None:
    data = mhtml(html_part(cte=cte))
    assert cleannews.clean(data).text == EXPECTED


def test_mhtml_charset_from_the_part_header() -> None:
    body = article_page("ru").encode("cp1251")  # no <meta charset>: the part's header says it
    data = mhtml(html_part(body, charset="windows-1251"))
    result = cleannews.clean(data)
    assert result.encoding == "cp1251"
    assert result.text == article_text("ru")


def test_mhtml_charset_from_the_page_meta() -> None:
    body = article_page("fr", '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">')
    data = mhtml(html_part(body.encode("latin-1")))
    assert cleannews.clean(data).text == article_text("fr")


def test_mhtml_with_lf_line_ends() -> None:
    data = mhtml(html_part()).replace(b"\r\n", b"\n")
    assert cleannews.clean(data).text == EXPECTED


def test_gzipped_mhtml() -> None:
    data = gzip.compress(mhtml(html_part()))
    assert read_document(data).container == "gzip+mhtml"
    assert cleannews.clean(data).text == EXPECTED


def test_mhtml_without_an_html_part() -> None:
    data = mhtml(("text/css", CSS[1], {}), ("image/png", PNG, {"cte": "base64"}))
    assert "HTML part" in fails_with_input_error(data)


def test_mhtml_whose_boundary_never_appears() -> None:
    data = mhtml(html_part()).replace(b"------MultipartBoundary--k2Xq9----", b"------Somethingelse----")
    assert "MHTML" in fails_with_input_error(data)


def test_mhtml_without_a_boundary_parameter() -> None:
    data = mhtml(html_part()).replace(b'boundary="----MultipartBoundary--k2Xq9----"', b"")
    assert "MHTML" in fails_with_input_error(data)


def test_mhtml_with_an_empty_html_part() -> None:
    assert "empty" in fails_with_input_error(mhtml(html_part(b"")))


def test_mhtml_cut_short_still_gives_the_start_of_the_story() -> None:
    """A download that stopped halfway is a partial page, not a broken one: what arrived is read."""
    data = mhtml(html_part(cte="8bit"))
    cut = data[: data.index(STORY[2][:30].encode())]
    text = cleannews.clean(cut).text
    assert text.startswith(HEADLINE + "\n\n" + STORY[0])


def _email(subtype: str, *parts: tuple[str, bytes]) -> bytes:
    """A saved e-mail (.eml): a newsletter edition as a mail client stores it."""
    root = MIMEMultipart(subtype, boundary="==edition-2024-03-12==")
    root["From"] = "Harbour Weekly <editions@news.example>"
    root["Subject"] = HEADLINE
    root["MIME-Version"] = "1.0"
    for mime, body in parts:
        part = MIMENonMultipart(*mime.split("/"), charset="utf-8")
        part.set_payload(body)
        encoders.encode_quopri(part)
        root.attach(part)
    return root.as_bytes()


def test_saved_email_gives_its_html_part() -> None:
    data = _email("alternative", ("text/plain", b"Ferry service resumes. Read it on the web."), ("text/html", PAGE))
    doc = read_document(data)
    assert (doc.kind, doc.container) == ("html", "mime")
    assert cleannews.clean(data).text == EXPECTED


def test_saved_email_with_only_text_gives_the_text() -> None:
    data = _email("mixed", ("text/plain", EXPECTED.encode()))
    doc = read_document(data)
    assert (doc.kind, doc.container) == ("text", "mime")
    assert cleannews.clean(data).text == EXPECTED


def test_mhtml_with_only_a_text_part_is_broken() -> None:
    """multipart/related is a saved page: text alone in it is not what the user saved."""
    assert "HTML part" in fails_with_input_error(mhtml(("text/plain", EXPECTED.encode(), {})))


@pytest.mark.parametrize(
    "opening",
    [
        "Title: Ferry service resumes\nAuthor: Staff\n\n",  # notes a user pasted above an article
        "From: newsroom@news.example\nSubject: Morning edition\n\n",  # a forwarded mail, not multipart
        "Note: this story was updated\nContent-Type: text/plain\n\n",
    ],
)
def test_text_that_opens_with_header_like_lines_is_not_mhtml(opening: str) -> None:
    data = (opening + EXPECTED).encode("utf-8")
    doc = read_document(data)
    assert (doc.kind, doc.container) == ("text", None)


# --- Safari webarchive ---------------------------------------------------------------------


def test_webarchive() -> None:
    data = webarchive()
    assert data.startswith(b"bplist00")
    doc = read_document(data)
    assert (doc.kind, doc.container, doc.encoding) == ("html", "webarchive", "utf-8")
    assert cleannews.clean(data).text == EXPECTED


def test_webarchive_text_encoding_name_is_used() -> None:
    body = article_page("ru").encode("cp1251")  # the page itself declares nothing
    result = cleannews.clean(webarchive(body, encoding="windows-1251"))
    assert result.encoding == "cp1251"
    assert result.text == article_text("ru")


def test_container_charset_comes_before_the_page_and_the_detector(monkeypatch: pytest.MonkeyPatch) -> None:
    """What the browser decoded the page as (webarchive, MHTML part header) beats a stale <meta>."""
    def no_detector(data: bytes) -> str:
        raise AssertionError("the detector was asked although the container said the encoding")

    monkeypatch.setattr(sources, "_detect", no_detector)
    body = article_page("ru", '<meta charset="iso-8859-5">').encode("cp1251")
    for data in (webarchive(body, encoding="windows-1251"), mhtml(html_part(body, charset="windows-1251"))):
        result = cleannews.clean(data)
        assert result.encoding == "cp1251"
        assert result.text == article_text("ru")


def test_webarchive_without_an_encoding_name_is_sniffed() -> None:
    body = article_page("pl", '<meta charset="windows-1250">').encode("cp1250")
    assert cleannews.clean(webarchive(body, encoding=None)).text == article_text("pl")


def test_webarchive_of_a_text_file() -> None:
    data = webarchive(EXPECTED.encode("utf-8"), mime="text/plain")
    doc = read_document(data)
    assert (doc.kind, doc.container) == ("text", "webarchive")
    assert cleannews.clean(data).text == EXPECTED


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"bplist00" + b"\x00\x01garbage" * 20, "property list"),
        (webarchive()[:-40], "property list"),  # cut off: the offset table at the end is gone
        (plistlib.dumps({"WebSubresources": []}, fmt=plistlib.FMT_BINARY), "WebMainResource"),
        (plistlib.dumps(["not", "a", "dict"], fmt=plistlib.FMT_BINARY), "WebMainResource"),
        (plistlib.dumps({"WebMainResource": {"WebResourceMIMEType": "text/html"}}, fmt=plistlib.FMT_BINARY),
         "no data"),
        (webarchive(b"  \n"), "no data"),
        (webarchive(PNG, mime="image/png"), "image/png"),
    ],
    ids=["garbage", "truncated", "no-main-resource", "not-a-dict", "no-data", "blank-data", "an-image"],
)
def test_broken_webarchive(data: bytes, reason: str) -> None:
    assert reason in fails_with_input_error(data)


# --- whatever happens to a container, InputError or a result --------------------------------


@pytest.mark.parametrize(
    "container",
    [gzip.compress(PAGE), mhtml(html_part(), ("image/png", PNG, {"cte": "base64"})), webarchive()],
    ids=["gzip", "mhtml", "webarchive"],
)
def test_damaged_containers_never_raise_anything_but_input_error(container: bytes) -> None:
    rng = random.Random(20240312)
    damaged = [container[:cut] for cut in range(0, len(container), max(1, len(container) // 40))]
    for _ in range(60):
        flipped = bytearray(container)
        for _ in range(rng.randint(1, 8)):
            at = rng.randrange(8, len(flipped))  # keep the magic: the container reader must cope
            flipped[at] = rng.randrange(256)
        damaged.append(bytes(flipped))
    for data in damaged:
        try:
            read_document(data)  # the container's part; what the page then holds is html.py's
        except InputError as exc:
            assert str(exc) and "\n" not in str(exc)


def test_a_page_cut_before_its_body_is_not_a_crash() -> None:
    """What a download cut short (and unpacked from its container) often is: a head and nothing more."""
    data = mhtml(html_part(PAGE[: PAGE.index(b"<body>")] + b"</html>"))
    assert cleannews.clean(data).text in ("", HEADLINE + "\n")


# --- start-up cost: the plain-text path does not pay for containers -------------------------


def test_plain_text_does_not_import_container_modules() -> None:
    code = (
        "import sys, cleannews\n"
        f"cleannews.clean({EXPECTED.encode()!r})\n"
        "print(sorted(m for m in ('email', 'plistlib', 'gzip', 'zlib', 'cleannews.read.containers') "
        "if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert out.stdout.strip() == "[]"


# --- encodings -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "codec", "name"),
    [
        ("fr", "latin-1", "cp1252"),
        ("fr", "cp1252", "cp1252"),
        ("pl", "cp1250", "cp1250"),
        ("cs", "cp1250", "cp1250"),
        ("ru", "cp1251", "cp1251"),
        ("ja", "shift_jis", "cp932"),
        ("zh", "gb18030", "gb18030"),
    ],
)
def test_undeclared_legacy_encodings_are_detected(lang: str, codec: str, name: str) -> None:
    data = article_page(lang).encode(codec)
    doc = read_document(data)
    assert doc.encoding == name
    assert cleannews.clean(data).text == article_text(lang)


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("lang", ["fr", "ru", "ja"])
def test_utf16_pages_with_and_without_bom(lang: str, codec: str) -> None:
    data = article_page(lang).encode(codec)  # "utf-16" writes a BOM, the others do not
    assert cleannews.clean(data).text == article_text(lang)


@pytest.mark.parametrize(
    "head",
    [
        '<meta charset="iso-8859-1">',
        "<meta charset=ISO-8859-1>",
        '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">',
        '<meta content="text/html; charset=latin1" http-equiv="content-type">',
    ],
)
def test_latin1_page_that_declares_its_charset(head: str) -> None:
    data = article_page("fr", head).encode("latin-1")
    doc = read_document(data)
    assert doc.encoding == "cp1252"  # what browsers read a latin-1 label as
    assert cleannews.clean(data).text == article_text("fr")


def test_latin1_label_reads_windows_1252_punctuation() -> None:
    """Pages labelled iso-8859-1 are full of Windows curly quotes and euro signs (0x80-0x9F)."""
    title, story = "Prices Rise at the Market", ["Traders said “prices are up” by 5 € a crate since June."]
    data = page(title, story * 3, head='<meta charset="iso-8859-1">').encode("cp1252")
    assert "“prices are up” by 5 €" in cleannews.clean(data).text


@pytest.mark.parametrize(
    ("lang", "codec", "label"),
    [("pl", "cp1250", "windows-1250"), ("ru", "cp1251", "windows-1251"), ("ja", "shift_jis", "shift_jis"),
     ("zh", "gb18030", "gb2312"), ("ru-koi8", "koi8-r", "koi8-r")],
)
def test_declared_charsets(lang: str, codec: str, label: str) -> None:
    data = article_page(lang, f'<meta charset="{label}">').encode(codec)
    assert cleannews.clean(data).text == article_text(lang)


def test_a_declaration_that_lies_about_utf8() -> None:
    """The page says utf-8; its bytes are windows-1251 (a template copied between sites)."""
    data = article_page("ru", '<meta charset="utf-8">').encode("cp1251")
    doc = read_document(data)
    assert doc.encoding == "cp1251"
    assert cleannews.clean(data).text == article_text("ru")


def test_a_declaration_that_lies_about_a_multibyte_charset() -> None:
    data = article_page("ru", '<meta charset="shift_jis">').encode("cp1251")
    assert cleannews.clean(data).text == article_text("ru")


def test_utf8_wins_over_a_legacy_declaration() -> None:
    """Re-saved as UTF-8 by an editor that left the old declaration: the bytes decide."""
    data = article_page("ru", '<meta charset="windows-1251">').encode("utf-8")
    assert read_document(data).encoding == "utf-8"
    assert cleannews.clean(data).text == article_text("ru")


def test_xml_declaration_gives_the_encoding_and_is_dropped() -> None:
    markup = '<?xml version="1.0" encoding="windows-1250"?>\n' + article_page("cs").replace(
        "<!DOCTYPE html>", '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" '
        '"http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">')
    data = markup.encode("cp1250")
    doc = read_document(data)
    assert (doc.kind, doc.encoding) == ("html", "cp1250")
    assert not doc.text.startswith("<?xml")
    assert cleannews.clean(data).text == article_text("cs")


def test_unknown_declared_charset_falls_back_to_detection() -> None:
    data = article_page("ru", '<meta charset="x-no-such-charset">').encode("cp1251")
    assert cleannews.clean(data).text == article_text("ru")


def test_decode_never_fails_on_a_stray_byte_in_a_declared_page() -> None:
    data = article_page("ru", '<meta charset="windows-1251">').encode("cp1251").replace(b"</h1>", b"\x98</h1>")
    text, name = decode(data)  # 0x98 is the one byte windows-1251 leaves undefined
    assert name == "cp1251"
    assert "Новосибирска" in text


_TEXT_AND_CONTROL_BYTES = [b"a", b" ", b"\n", b"\x00", b"\x01", b"\x1b", b"\x1f", b"\t"]


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.binary(max_size=300) | st.lists(st.sampled_from(_TEXT_AND_CONTROL_BYTES), max_size=300).map(b"".join))
def test_binary_is_a_nul_or_more_control_bytes_than_text_has(head: bytes) -> None:
    controls = sum(1 for byte in head if byte < 0x20 and byte not in b"\t\n\x0b\x0c\r\x1b")
    assert sources._looks_binary(head) == (0 in head or controls > max(8, len(head) // 100))


# --- through the command line ----------------------------------------------------------------


def test_cli_cleans_containers_and_names_a_broken_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLEANNEWS_CONFIG_DIR", str(tmp_path))
    monkeypatch.chdir(tmp_path)
    (tmp_path / "saved.mhtml").write_bytes(mhtml(html_part()))
    (tmp_path / "saved.webarchive").write_bytes(webarchive())
    (tmp_path / "page.bin").write_bytes(gzip.compress(PAGE))  # the name does not matter
    (tmp_path / "cut.html.gz").write_bytes(gzip.compress(PAGE)[:-20])
    result = CliRunner().invoke(command, ["saved.mhtml", "cut.html.gz", "saved.webarchive", "page.bin"])
    assert result.exit_code == 1
    assert result.stdout.count(EXPECTED) == 3
    assert result.stderr.startswith("cleannews: cut.html.gz: truncated gzip data")
    assert len(result.stderr.splitlines()) == 1


@pytest.mark.parametrize("odd", ["", "\x01", "\x0b", "\x1f", "\x08\x0e", "\ufffe", "\uffff", "\ufffd", "\ufff0",
                                 "\x0c", "\t\r\n", "ж\x7f\x85"])
def test_characters_no_tree_can_hold_are_dropped_from_bytes_as_from_str(odd: str) -> None:
    """UTF-8 bytes without the controls and noncharacters lxml refuses settle that there are
    none to drop; bytes with some are read as a str is."""
    page = f"<html><body><h1>Ferry{odd} landing</h1><p>Crews worked{odd} through the weekend.</p></body></html>"
    from_bytes = sources.read_document(page.encode("utf-8"))
    assert from_bytes.text == sources.read_document(page).text
    assert not set(from_bytes.text) & set("\x00\x01\x08\x0b\x0c\x1f\ufffe\uffff")
