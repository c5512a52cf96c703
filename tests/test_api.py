"""The library as a notebook user meets it: what clean() takes, what Options refuses, what a
Result documents, and render() for the other formats."""

from __future__ import annotations

import csv
import io
import json
import pydoc
import re
import typing
from pathlib import Path

import pytest

import cleannews
from cleannews import Options, Result
from cleannews.render import render

from .conftest import FIXTURES
from .test_cli import LINKED_PAGE, SEED, SEED_EXPECTED, SEED_TITLE

EXPECTED = SEED_EXPECTED.read_text(encoding="utf-8")


@pytest.mark.parametrize(("fields", "error"), [
    ({"input_format": "HTML"}, ValueError),
    ({"input_format": "markdown"}, ValueError),
    ({"keep_captions": "no"}, TypeError),
    ({"keep_captions": 1}, TypeError),
    ({"links": "yes"}, TypeError),
    ({"rule_files": "my-rules.toml"}, TypeError),  # a str would be one file per character
    ({"rule_files": (3,)}, TypeError),
    ({"languages": "en"}, TypeError),
    ({"url": "example.com/story"}, ValueError),  # not absolute: nothing to resolve against
    ({"url": 7}, ValueError),
], ids=lambda v: repr(v) if not isinstance(v, type) else v.__name__)
def test_options_refuse_a_wrong_field(fields: dict[str, object], error: type[Exception]) -> None:
    with pytest.raises(error):
        Options(**fields)  # type: ignore[arg-type]
    with pytest.raises(error):
        Options()._replace(**fields)


def test_options_take_lists_and_paths_and_stay_hashable(tmp_path: Path) -> None:
    options = Options(rule_files=[tmp_path / "a.toml", "b.toml"], languages=["de"])  # type: ignore[arg-type]
    assert options.rule_files == (str(tmp_path / "a.toml"), "b.toml") and options.languages == ("de",)
    assert hash(options) == hash(Options(rule_files=(str(tmp_path / "a.toml"), "b.toml"), languages=("de",)))


def test_clean_takes_a_path_a_file_bytes_or_str(tmp_path: Path) -> None:
    data = SEED.read_bytes()
    with SEED.open("rb") as binary, SEED.open(encoding="utf-8") as text:
        givens = [data, bytearray(data), data.decode("utf-8"), SEED, binary, text, io.BytesIO(data)]
        for given in givens:
            assert cleannews.clean(given).text == EXPECTED, type(given)  # type: ignore[arg-type]
    with pytest.raises(FileNotFoundError):
        cleannews.clean(tmp_path / "missing.html")
    with pytest.raises(TypeError, match="takes bytes, str, a path"):
        cleannews.clean(42)  # type: ignore[arg-type]
    # a str is the article itself, never a file name
    assert cleannews.clean(str(SEED)).text == f"{SEED}\n"


def test_result_is_documented_field_by_field() -> None:
    doc = Result.__doc__ or ""
    for field in Result._fields:
        assert re.search(rf"^    {field}: \S", doc, re.M), f"Result.{field} is not documented"
    for prop in ("removed", "rules_fired"):
        assert prop in doc


def test_metadata_keys_are_a_typed_dict_that_covers_what_a_page_gives() -> None:
    from cleannews.model import Metadata

    keys = set(typing.get_type_hints(Metadata))
    assert {"title", "authors", "date_published", "url", "language", "site_name", "extractor",
            "extractor_why"} <= keys
    pages = [LINKED_PAGE.encode(), *(p.read_bytes() for p in sorted(FIXTURES.glob("html/*/input.html")))]
    for page in pages:
        assert set(cleannews.clean(page).metadata) <= keys


def test_help_is_short_and_names_the_api() -> None:
    text = pydoc.render_doc(cleannews, renderer=pydoc.plaintext)
    description = text.split("PACKAGE CONTENTS")[0]
    assert len(description.splitlines()) <= 30
    for name in ("clean(", "Options", "Result", "render", "InputError", "RuleError", "cleannews --help"):
        assert name in description, name


def test_render_gives_every_format_of_a_result() -> None:
    result = cleannews.clean(SEED.read_bytes())
    assert render(result) == render(result, "text") == EXPECTED
    assert render(result, format="markdown").startswith(f"# {SEED_TITLE}\n\n")
    assert json.loads(render(result, "json"))["text"] == EXPECTED
    rows = list(csv.reader(io.StringIO(render(result, "csv", source="seed"))))
    assert rows == [["source", "title", "url", "date", "text"], ["seed", SEED_TITLE, "", "", EXPECTED]]
    with pytest.raises(ValueError, match="format must be one of"):
        render(result, "yaml")


def test_options_links_is_visible_in_the_result() -> None:
    plain = cleannews.clean(LINKED_PAGE)
    linked = cleannews.clean(LINKED_PAGE, Options(links=True))
    assert plain.links is None and "[1]" not in plain.text
    assert [link.url for link in linked.links or ()] == ["https://news.example/transport/operator",
                                                         "https://council.example/minutes"]
    assert "port operator [1]" in linked.text and linked.text.endswith("[2] https://council.example/minutes\n")
    assert "[port operator](https://news.example/transport/operator)" in render(linked, "markdown")
