"""The command line as a user meets it: inputs, outputs, exit codes, stderr, terminals and pipes.

Behaviour that lives in click and Python (option parsing, JSON shape) is driven through
click's CliRunner, which is fast. Anything where the operating system has a say (locale and
stdout encoding, stdin, signals on a closed pipe, file permissions, a terminal) runs the real
thing: ``python -m cleannews`` in a subprocess.

Every test runs with CLEANNEWS_CONFIG_DIR pointing at an empty folder, so the rules.toml of
whoever runs the tests cannot change what the shipped rules do.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path

import click
import pytest
from click.testing import CliRunner, Result

import cleannews
from cleannews.cli import command

from .conftest import FIXTURES, run_on_terminal

SEED = FIXTURES / "moscow-times-li-shangfu.txt"
SEED_EXPECTED = FIXTURES / "moscow-times-li-shangfu.expected.txt"
SEED_TITLE = "China Minister Hails 'Strong' Russia Ties in Putin Meeting"
ANSI = re.compile(rb"\x1b\[[0-9;]*m")
TIMEOUT = 30  # seconds for any one subprocess: a hang is a failure, not a stuck test run

# Small articles written for these tests: a headline and plain story paragraphs, nothing for
# the rules to remove, so the clean text is the article itself whatever its encoding was.
FRENCH = """Le maire de Besançon défend son budget

Le conseil municipal de Besançon a adopté jeudi soir un budget révisé, après un débat animé sur les dépenses liées à l'éclairage public et à la rénovation des écoles.

« Nous avons fait des choix difficiles, mais nécessaires », a déclaré la maire devant les élus réunis à l'hôtel de ville. L'opposition a dénoncé une hausse des impôts déguisée.

Les travaux de rénovation du lycée Pasteur débuteront à l'été, selon le calendrier présenté aux conseillers. Coût prévu : 4,2 millions d'euros.
"""  # noqa: E501
RUSSIAN = """Мэр Новосибирска представил новый бюджет города

Городской совет Новосибирска в четверг утвердил пересмотренный бюджет после долгих споров о расходах на освещение улиц и ремонт школ.

«Мы сделали трудный, но необходимый выбор», — заявил мэр перед депутатами, собравшимися в здании мэрии. Оппозиция назвала решение скрытым повышением налогов.

Ремонт лицея имени Пастера начнётся летом, говорится в графике, который был представлен депутатам. Ожидаемая стоимость работ составит четыре миллиона рублей.
"""  # noqa: E501
# The first bytes of a real PNG: signature, then the IHDR chunk of a 1x1 image.
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
# A rule that drops one paragraph of the seed, for the user-rule tests.
CUSTOM_RULES = """\
lang = "mine"

[[rule]]
id = "drop-he-added"
kind = "related"
pattern = "He added that Russia-China ties"
why = "A test rule: drops one story paragraph of the seed."
"""
DROPPED_BY_CUSTOM = 'He added that Russia-China ties have "already entered a new era."'


# --- helpers -------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty config folder, no NO_COLOR, and the tmp folder as the working directory."""
    config = tmp_path / "config"
    config.mkdir()
    monkeypatch.setenv("CLEANNEWS_CONFIG_DIR", str(config))
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.chdir(tmp_path)
    return config


def cleannews_argv(*args: str | os.PathLike[str]) -> list[str]:
    return [sys.executable, "-m", "cleannews", *map(os.fspath, args)]


def run(
    *args: str | os.PathLike[str],
    stdin: bytes | None = None,
    env: Mapping[str, str | None] | None = None,
) -> subprocess.CompletedProcess[bytes]:
    """cleannews as a real process. `env` changes the current environment (None removes)."""
    full = dict(os.environ)
    for key, value in (env or {}).items():
        if value is None:
            full.pop(key, None)
        else:
            full[key] = value
    return subprocess.run(
        cleannews_argv(*args),
        input=stdin if stdin is not None else b"",
        capture_output=True,
        env=full,
        timeout=TIMEOUT,
    )


def invoke(*args: str | os.PathLike[str], stdin: bytes | str | None = None) -> Result:
    """cleannews through click's CliRunner: in-process, so fast."""
    return CliRunner().invoke(command, [os.fspath(a) for a in args], input=stdin, catch_exceptions=False)


def assert_no_traceback(stderr: str | bytes) -> None:
    text = stderr.decode("utf-8", "replace") if isinstance(stderr, bytes) else stderr
    assert "Traceback (most recent call last)" not in text, text


def one_error_line(stderr: str | bytes, name: str) -> str:
    """The single stderr line, which must be `cleannews: <name>: <reason>`."""
    text = stderr.decode("utf-8") if isinstance(stderr, bytes) else stderr
    assert_no_traceback(text)
    lines = text.splitlines()
    assert len(lines) == 1, f"expected exactly one line on stderr, got: {text!r}"
    assert lines[0].startswith(f"cleannews: {name}: "), lines[0]
    return lines[0]


def expected_seed() -> bytes:
    return SEED_EXPECTED.read_bytes()


@pytest.fixture
def seed_copy(tmp_path: Path) -> Path:
    path = tmp_path / "seed.txt"
    path.write_bytes(SEED.read_bytes())
    return path


# --- help and version ----------------------------------------------------------------------


def test_help_mentions_every_option_with_a_description() -> None:
    result = invoke("--help")
    assert result.exit_code == 0
    help_text = result.stdout
    options = [p for p in command.params if isinstance(p, click.Option)]
    assert len(options) >= 10  # the test would prove nothing if it found no options
    for option in options:
        for flag in (*option.opts, *option.secondary_opts):
            assert re.search(rf"(?<![\w-]){re.escape(flag)}\b", help_text), f"{flag} is not in --help"
        assert option.help or option.is_eager, f"{option.opts[0]} has no help text"
    assert "[FILE]..." in help_text
    assert "Exit status" in help_text
    assert "-h" in help_text


def test_version() -> None:
    for flag in ("--version", "-V"):
        result = invoke(flag)
        assert result.exit_code == 0
        assert result.stdout == f"cleannews, version {cleannews.__version__}\n"


def test_version_as_a_process() -> None:
    proc = run("--version")
    assert proc.returncode == 0
    assert proc.stdout.decode() == f"cleannews, version {cleannews.__version__}\n"
    assert proc.stderr == b""


# --- the seed, and where input comes from --------------------------------------------------


def test_seed_prints_exactly_the_expected_story() -> None:
    proc = run(SEED)
    assert proc.stderr == b""
    assert proc.returncode == 0
    assert proc.stdout == expected_seed()


@pytest.mark.parametrize(
    ("args", "from_stdin"),
    [((str(SEED),), False), (("-",), True), ((), True)],
    ids=["file-argument", "dash-is-stdin", "no-argument-is-stdin"],
)
def test_input_from_file_or_stdin(args: tuple[str, ...], from_stdin: bool) -> None:
    proc = run(*args, stdin=SEED.read_bytes() if from_stdin else b"")
    assert (proc.returncode, proc.stderr) == (0, b"")
    assert proc.stdout == expected_seed()


def test_stdin_through_clirunner() -> None:
    result = invoke("-", stdin=SEED.read_bytes())
    assert result.exit_code == 0
    assert result.stdout == SEED_EXPECTED.read_text(encoding="utf-8")


# --- encodings: bytes in, UTF-8 out --------------------------------------------------------


@pytest.mark.parametrize(
    "env",
    [
        {"LC_ALL": "C", "LANG": "C", "PYTHONIOENCODING": None, "PYTHONUTF8": None},
        {"LC_ALL": "C", "LANG": "C", "PYTHONIOENCODING": "ascii", "PYTHONUTF8": None},
        # No locale coercion and no UTF-8 mode: Python's own stdout really is ASCII here.
        {"LC_ALL": "C", "LANG": "C", "PYTHONIOENCODING": None, "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"},
        {"PYTHONIOENCODING": "latin-1"},
    ],
    ids=["LC_ALL=C", "LC_ALL=C+PYTHONIOENCODING=ascii", "ascii-no-coercion", "PYTHONIOENCODING=latin-1"],
)
def test_output_is_utf8_whatever_the_locale(env: dict[str, str | None], tmp_path: Path) -> None:
    russian = tmp_path / "ru.txt"
    russian.write_bytes(RUSSIAN.encode("cp1251"))
    proc = run(SEED, env=env)
    assert (proc.returncode, proc.stderr) == (0, b"")
    assert proc.stdout == expected_seed()  # has "—" and "'": not ASCII, not Latin-1
    proc = run(russian, env=env)
    assert (proc.returncode, proc.stderr) == (0, b"")
    assert proc.stdout.decode("utf-8") == RUSSIAN
    for fmt in ("json", "markdown"):
        proc = run("--format", fmt, russian, env=env)
        assert (proc.returncode, proc.stderr) == (0, b"")
        assert "Новосибирска" in proc.stdout.decode("utf-8")
    proc = run("--explain", russian, env=env)
    assert (proc.returncode, proc.stderr) == (0, b"")
    assert "Мэр Новосибирска" in proc.stdout.decode("utf-8")


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        (FRENCH, "latin-1"),
        (FRENCH, "cp1252"),
        (RUSSIAN, "cp1251"),
        (RUSSIAN, "utf-16"),  # Python's "utf-16" writes a BOM
        (FRENCH, "utf-16"),
        (RUSSIAN, "utf-16-be-bom"),
        (RUSSIAN, "utf-8-sig"),
        (RUSSIAN, "utf-8"),
    ],
)
def test_input_encodings_decode_correctly(text: str, codec: str, tmp_path: Path) -> None:
    data = b"\xfe\xff" + text.encode("utf-16-be") if codec == "utf-16-be-bom" else text.encode(codec)
    path = tmp_path / "article.txt"
    path.write_bytes(data)
    proc = run(path)
    assert (proc.returncode, proc.stderr) == (0, b"")
    assert proc.stdout.decode("utf-8") == text
    proc = run("-", stdin=data)  # the same bytes through a pipe
    assert (proc.returncode, proc.stderr) == (0, b"")
    assert proc.stdout.decode("utf-8") == text


def test_html_with_a_declared_charset(tmp_path: Path) -> None:
    paragraphs = "".join(f"<p>{p}</p>" for p in RUSSIAN.split("\n\n")[1:])
    title = RUSSIAN.split("\n", 1)[0]
    page = (
        '<html><head><meta charset="windows-1251"><title>' + title + "</title></head>"
        "<body><article><h1>" + title + "</h1>" + paragraphs + "</article></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("cp1251"))
    proc = run("--format", "json", path)
    assert (proc.returncode, proc.stderr) == (0, b"")
    doc = json.loads(proc.stdout)
    assert doc["title"] == title
    assert "Ремонт лицея имени Пастера начнётся летом" in doc["text"]


def test_utf16_without_bom_in_cyrillic(tmp_path: Path) -> None:
    path = tmp_path / "ru.txt"
    path.write_bytes(RUSSIAN.encode("utf-16-le"))
    proc = run(path)
    assert (proc.returncode, proc.stderr) == (0, b"")
    assert proc.stdout.decode("utf-8") == RUSSIAN


def test_one_bad_byte_in_utf8_does_not_garble_the_rest(tmp_path: Path) -> None:
    data = SEED.read_bytes().replace(b"During two days", b"During two\xff days")
    path = tmp_path / "stray.txt"
    path.write_bytes(data)
    proc = run(path)
    assert proc.returncode == 0
    out = proc.stdout.decode("utf-8")
    assert "Li's trip to Russia — which will last until April 19 —" in out
    assert "Â" not in out


# --- failing inputs: exit 1, one stderr line each, the others still cleaned ----------------


def _missing(tmp: Path) -> str:
    return "missing.txt"


def _folder(tmp: Path) -> str:
    (tmp / "folder").mkdir()
    return "folder"


def _png(tmp: Path) -> str:
    (tmp / "picture.png").write_bytes(PNG)
    return "picture.png"


def _only_an_appeal(tmp: Path) -> str:
    (tmp / "appeal.txt").write_text("Support us\n\nDonate now\n", encoding="utf-8")
    return "appeal.txt"


def _empty(tmp: Path) -> str:
    (tmp / "empty.txt").write_bytes(b"")
    return "empty.txt"


def _blank(tmp: Path) -> str:
    (tmp / "blank.txt").write_bytes(b"  \n\n\t\n")
    return "blank.txt"


FAILING = {
    "missing": (_missing, "No such file or directory"),
    "folder": (_folder, "folder"),
    "binary-png": (_png, "binary"),
    "only-an-appeal": (_only_an_appeal, "nothing left after cleaning"),
    "empty-file": (_empty, "nothing left after cleaning"),
    "blank-file": (_blank, "nothing left after cleaning"),
}


@pytest.mark.parametrize("case", FAILING, ids=list(FAILING))
def test_failing_input_exit_1_with_one_line_naming_it(case: str, tmp_path: Path) -> None:
    make, reason = FAILING[case]
    name = make(tmp_path)
    proc = run(name)
    assert proc.returncode == 1
    line = one_error_line(proc.stderr, name)
    assert reason in line
    assert proc.stdout == b""


def _cannot_read(prefix: list[str], path: Path) -> bool:
    """Whether a process started under `prefix` is refused reading `path`."""
    try:
        probe = subprocess.run([*prefix, "cat", str(path)], capture_output=True, timeout=TIMEOUT)
    except (OSError, subprocess.SubprocessError):
        return False
    return probe.returncode != 0 and b"Permission denied" in probe.stderr


def test_unreadable_file(seed_copy: Path) -> None:
    seed_copy.chmod(0)
    try:
        prefix: list[str] = []
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            # Root reads any file through its DAC-override capabilities; setpriv can drop them
            # from the bounding set before exec, leaving root bound by file modes like anyone.
            prefix = ["setpriv", "--bounding-set=-dac_override,-dac_read_search"]
            if not _cannot_read(prefix, seed_copy):
                pytest.skip("running as root, which can read a chmod 000 file, and setpriv cannot change that")
        proc = subprocess.run(
            [*prefix, *cleannews_argv(seed_copy.name, SEED)], capture_output=True, timeout=TIMEOUT
        )
    finally:
        seed_copy.chmod(0o644)
    assert proc.returncode == 1
    assert "Permission denied" in one_error_line(proc.stderr, seed_copy.name)
    assert proc.stdout.count(expected_seed()) == 1  # the readable one is still cleaned


@pytest.mark.parametrize(
    ("data", "reason"),
    [(PNG, "binary"), (b"", "nothing left after cleaning"), (b"Support us\n", "nothing left after cleaning")],
    ids=["binary", "empty", "only-an-appeal"],
)
def test_failing_stdin_is_named_stdin(data: bytes, reason: str) -> None:
    proc = run("-", stdin=data)
    assert proc.returncode == 1
    assert reason in one_error_line(proc.stderr, "<stdin>")


def test_one_failing_input_does_not_stop_the_others(tmp_path: Path, seed_copy: Path) -> None:
    _png(tmp_path)
    proc = run("missing.txt", seed_copy.name, "picture.png", SEED)
    assert proc.returncode == 1
    stderr = proc.stderr.decode()
    assert_no_traceback(stderr)
    lines = stderr.splitlines()
    assert len(lines) == 2, stderr
    assert lines[0].startswith("cleannews: missing.txt: ")
    assert lines[1].startswith("cleannews: picture.png: ")
    out = proc.stdout.decode()
    story = SEED_EXPECTED.read_text(encoding="utf-8")
    assert out.count(story) == 2
    assert f"==> {seed_copy.name} <==\n{story}" in out
    assert f"==> {SEED} <==\n{story}" in out


def test_several_good_inputs_exit_0(seed_copy: Path) -> None:
    proc = run(SEED, seed_copy.name)
    assert (proc.returncode, proc.stderr) == (0, b"")
    assert proc.stdout.decode().count(SEED_TITLE) == 2


def test_closed_stdin_is_an_input_error() -> None:
    proc = subprocess.run(
        shlex.join(cleannews_argv()) + " <&-", shell=True, capture_output=True, timeout=TIMEOUT
    )
    assert proc.returncode == 1
    one_error_line(proc.stderr, "<stdin>")


def test_closed_stdout_gives_no_traceback() -> None:
    proc = subprocess.run(
        shlex.join(cleannews_argv(SEED)) + " >&-", shell=True, stderr=subprocess.PIPE, timeout=TIMEOUT
    )
    assert proc.returncode != 0
    assert_no_traceback(proc.stderr)
    assert len(proc.stderr.splitlines()) == 1, proc.stderr


@pytest.mark.skipif(sys.platform != "linux", reason="needs a file system that takes any bytes in a name")
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_file_name_that_is_not_utf8(fmt: str, tmp_path: Path) -> None:
    odd = os.fsdecode(b"caf\xe9.txt")  # Latin-1 bytes in a name: a surrogate escape in Python
    (tmp_path / odd).write_bytes(SEED.read_bytes())
    proc = run("--format", fmt, odd, SEED)
    assert_no_traceback(proc.stderr)
    assert (proc.returncode, proc.stderr) == (0, b"")
    out = proc.stdout.decode("utf-8")
    if fmt == "json":
        objects = [json.loads(line) for line in out.splitlines()]
        assert [o["title"] for o in objects] == [SEED_TITLE, SEED_TITLE]
        assert os.fsencode(objects[0]["source"]) == b"caf\xe9.txt"  # recoverable: the bytes of the name
    else:
        assert out.count(SEED_TITLE) == 2
        assert "==> caf\ufffd.txt <==" in out


# --- usage errors: exit 2, nothing attempted ------------------------------------------------


def test_unknown_flag_exit_2() -> None:
    proc = run("--no-such-flag", SEED)
    assert proc.returncode == 2
    assert proc.stdout == b""
    stderr = proc.stderr.decode()
    assert "Traceback" not in stderr
    assert "--no-such-flag" in stderr


def test_unknown_format_exit_2() -> None:
    result = invoke("--format", "yaml", SEED)
    assert result.exit_code == 2
    assert "yaml" in result.stderr
    assert result.stdout == ""


BROKEN_RULES = {
    "invalid-toml": ("[[rule]\nid = 'x'\n", "not valid TOML"),
    "unknown-kind": ("[[rule]]\nid = 'x'\nkind = 'banana'\npattern = 'support us'\n", "kind 'banana'"),
    "bad-regex": ("[[rule]]\nid = 'x'\nkind = 'appeal'\npattern = 'support (us'\n", "bad pattern"),
    "bad-regex-cyrillic": ("[[rule]]\nid = 'x'\nkind = 'appeal'\npattern = 'поддержите (нас'\n", "bad pattern"),
    "unknown-key": ("[[rule]]\nid = 'x'\nkind = 'appeal'\npattern = 'a'\ncolour = 'red'\n", "unknown key"),
    "not-utf8": (None, "cannot read"),
}


def _write_rules(path: Path, case: str) -> None:
    text, _ = BROKEN_RULES[case]
    if text is None:
        path.write_bytes(b"[[rule]]\nid = 'x'\nkind = 'appeal'\npattern = '\xff\xfe'\n")
    else:
        path.write_text(text, encoding="utf-8")


@pytest.mark.parametrize("case", BROKEN_RULES, ids=list(BROKEN_RULES))
def test_broken_rules_file_exit_2_naming_it(case: str, tmp_path: Path) -> None:
    rules = tmp_path / "broken.toml"
    _write_rules(rules, case)
    before = SEED.read_bytes()
    proc = run("--rules", rules.name, SEED)
    assert proc.returncode == 2
    assert proc.stdout == b""
    assert BROKEN_RULES[case][1] in one_error_line(proc.stderr, rules.name)
    assert SEED.read_bytes() == before


@pytest.mark.parametrize("case", ["invalid-toml", "bad-regex"])
def test_broken_rules_file_in_config_dir_exit_2(case: str, isolated: Path) -> None:
    rules = isolated / "rules.toml"
    _write_rules(rules, case)
    proc = run(SEED)
    assert proc.returncode == 2
    one_error_line(proc.stderr, str(rules))
    proc = run("--no-config", SEED)  # the way out: ignore it
    assert (proc.returncode, proc.stderr) == (0, b"")
    assert proc.stdout == expected_seed()


def test_broken_rules_file_with_list_rules_exit_2(tmp_path: Path) -> None:
    rules = tmp_path / "broken.toml"
    _write_rules(rules, "bad-regex")
    proc = run("--rules", rules.name, "--list-rules")
    assert proc.returncode == 2
    one_error_line(proc.stderr, rules.name)


def test_missing_rules_file_exit_2() -> None:
    proc = run("--rules", "no-such-rules.toml", SEED)
    assert proc.returncode == 2
    assert proc.stdout == b""
    assert "no-such-rules.toml" in proc.stderr.decode()
    assert "Traceback" not in proc.stderr.decode()


# --- -o FILE -------------------------------------------------------------------------------


def test_output_file_is_written(tmp_path: Path) -> None:
    out = tmp_path / "story.txt"
    proc = run(SEED, "-o", out.name)
    assert (proc.returncode, proc.stderr, proc.stdout) == (0, b"", b"")
    assert out.read_bytes() == expected_seed()
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []  # no temp file left


def test_output_file_replaces_an_older_one(tmp_path: Path) -> None:
    out = tmp_path / "story.txt"
    out.write_text("an older story that is much longer than the new one " * 200, encoding="utf-8")
    result = invoke(SEED, "--output", out)
    assert result.exit_code == 0
    assert out.read_bytes() == expected_seed()


@pytest.mark.parametrize("spelling", ["same", "dotted", "absolute"])
def test_output_refuses_to_overwrite_an_input(spelling: str, seed_copy: Path) -> None:
    before = seed_copy.read_bytes()
    out = {"same": seed_copy.name, "dotted": f"./{seed_copy.name}", "absolute": str(seed_copy)}[spelling]
    proc = run(SEED, seed_copy.name, "-o", out)
    assert proc.returncode == 2
    assert proc.stdout == b""
    stderr = proc.stderr.decode()
    named = out if stderr.startswith(f"cleannews: {out}: ") else str(Path(out))  # as given, or normalised
    line = one_error_line(stderr, named)
    assert "input" in line
    assert seed_copy.read_bytes() == before


def test_output_with_a_failing_input_still_writes_the_others(seed_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "stories.txt"
    proc = run("missing.txt", seed_copy.name, "-o", out.name)
    assert proc.returncode == 1
    one_error_line(proc.stderr, "missing.txt")
    assert SEED_EXPECTED.read_text(encoding="utf-8") in out.read_text(encoding="utf-8")


def test_output_file_kept_when_every_input_fails(tmp_path: Path) -> None:
    out = tmp_path / "story.txt"
    out.write_text("yesterday's good story\n", encoding="utf-8")
    proc = run("missing.txt", "-o", out.name)
    assert proc.returncode == 1
    assert out.read_text(encoding="utf-8") == "yesterday's good story\n"


# --- formats -------------------------------------------------------------------------------


def test_json_is_one_object() -> None:
    result = invoke("--format", "json", SEED)
    assert result.exit_code == 0
    assert result.stdout.count("\n") == 1  # one line
    doc = json.loads(result.stdout)
    assert {"text", "title", "metadata", "removed"} <= set(doc)
    assert doc["title"] == SEED_TITLE
    assert doc["text"] == SEED_EXPECTED.read_text(encoding="utf-8")
    assert isinstance(doc["metadata"], dict)
    removed = {r["text"]: r for r in doc["removed"]}
    assert re.match(r"en\.(adfree|appeal)\.", removed["Enjoying ad-free content?"]["rule"])
    assert all(r["rule"] and "reason" in r for r in doc["removed"])
    assert "source" not in doc  # only with several inputs
    expected = SEED_EXPECTED.read_text(encoding="utf-8")
    assert doc["body"] == expected.removeprefix(SEED_TITLE + "\n\n")
    assert doc["body"] != expected and doc["body"].strip()


def test_no_title_prints_the_body_alone(tmp_path: Path) -> None:
    body = SEED_EXPECTED.read_text(encoding="utf-8").removeprefix(SEED_TITLE + "\n\n")
    assert invoke("--no-title", SEED).stdout == body
    assert invoke("--no-title", "--format", "markdown", SEED).stdout.startswith(body.split("\n")[0])
    out = tmp_path / "out"
    assert invoke("--no-title", SEED, "-o", f"{out}/").exit_code == 0
    assert (out / "moscow-times-li-shangfu.txt").read_text(encoding="utf-8") == body
    assert cleannews.clean(SEED.read_bytes()).body == body


def test_json_lines_for_several_inputs(seed_copy: Path) -> None:
    proc = run("-f", "json", SEED, seed_copy.name)
    assert (proc.returncode, proc.stderr) == (0, b"")
    lines = proc.stdout.decode("utf-8").splitlines()
    assert len(lines) == 2
    docs = [json.loads(line) for line in lines]
    assert [d["source"] for d in docs] == [str(SEED), seed_copy.name]
    assert all({"text", "title", "metadata", "removed"} <= set(d) for d in docs)
    assert all(d["title"] == SEED_TITLE for d in docs)


def test_json_is_not_ascii_escaped(tmp_path: Path) -> None:
    path = tmp_path / "ru.txt"
    path.write_bytes(RUSSIAN.encode("cp1251"))
    proc = run("--format", "json", path)
    assert proc.returncode == 0
    assert "Мэр Новосибирска".encode() in proc.stdout
    assert json.loads(proc.stdout)["text"] == RUSSIAN


def test_markdown_starts_with_the_headline() -> None:
    result = invoke("--format", "markdown", SEED)
    assert result.exit_code == 0
    assert result.stdout.startswith(f"# {SEED_TITLE}\n\n")
    assert "Chinese Defense Minister Li Shangfu on Sunday" in result.stdout
    assert "Support us" not in result.stdout


# --- --explain -----------------------------------------------------------------------------


def _explain_rows(out: str) -> list[tuple[str, str, str, str]]:
    """(status, role, rule, text) of each row; reason lines (indented) are skipped."""
    rows = []
    for line in out.splitlines():
        m = re.match(r"(KEEP|DROP|CUT)\s+(\S+)\s+(\S+)\s+(.*)$", line)
        if m:
            rows.append((m[1], m[2], m[3], m[4]))
    return rows


def test_explain_lists_dropped_and_kept_blocks_with_rule_ids() -> None:
    proc = run("--explain", SEED)
    assert (proc.returncode, proc.stderr) == (0, b"")
    assert not ANSI.search(proc.stdout), "colour codes on a pipe"
    rows = _explain_rows(proc.stdout.decode("utf-8"))
    by_text = {text: (status, rule) for status, _, rule, text in rows}
    status, rule = by_text["Enjoying ad-free content?"]
    assert status == "DROP"
    assert re.fullmatch(r"en\.(adfree|appeal)\.[\w.-]+", rule), rule
    assert by_text[SEED_TITLE][0] == "KEEP"
    assert by_text["He added that Russia-China ties have \"already entered a new era.\""][0] == "KEEP"
    assert by_text["Support us"][0] == "DROP"
    assert by_text["Remind me later."][0] == "DROP"
    tail = [r for r in rows if r[3].startswith("… we have a small favor to ask")]
    assert tail and tail[0][0] in ("DROP", "CUT") and tail[0][2].startswith("en.appeal.")
    assert sum(r[0] == "KEEP" for r in rows) >= 10
    for status, _, rule, _ in rows:
        if status in ("DROP", "CUT"):
            assert re.fullmatch(r"[a-z]+\.[\w.-]+", rule), f"a {status} row without a rule id: {rule}"


def _run_in_terminal(args: list[str], env: dict[str, str]) -> tuple[int, bytes]:
    """Run with stdout on a pseudo-terminal; returns (exit code, what the terminal got)."""
    code, out, stderr = run_on_terminal(args, env, "stdout")
    assert_no_traceback(stderr)
    return code, out


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_explain_colour_only_on_a_terminal_and_never_with_no_color() -> None:
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"}
    args = cleannews_argv("--explain", SEED)
    code, out = _run_in_terminal(args, env)
    assert code == 0
    assert ANSI.search(out), "no colour on a terminal"
    assert b"DROP" in out and b"KEEP" in out
    code, out = _run_in_terminal(args, {**env, "NO_COLOR": "1"})
    assert code == 0
    assert b"DROP" in out and b"KEEP" in out
    assert not ANSI.search(out), "colour despite NO_COLOR"


def test_explain_into_a_file_has_no_colour(tmp_path: Path) -> None:
    out = tmp_path / "explain.txt"
    result = invoke("--explain", SEED, "-o", out)
    assert result.exit_code == 0
    data = out.read_bytes()
    assert b"DROP" in data and not ANSI.search(data)


# --- rules: listing them, the user's own ---------------------------------------------------


def test_list_rules_shows_a_header_rules_and_selectors_with_their_source() -> None:
    result = invoke("--list-rules")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    m = re.match(r"# (\d+) rules and (\d+) selectors from: (.*)", lines[0])
    assert m and int(m[1]) + int(m[2]) == len(lines) - 2 and int(m[1]) > 10 and int(m[2]) > 0
    assert lines[1].split() == ["#", "id", "kind", "scope", "match", "weight", "source"]
    assert "<shipped>/en.toml" in m[3]
    rows = {line.split()[0]: line.split() for line in lines[2:]}
    assert rows["en.appeal.favour-to-ask"][-1] == "<shipped>/en.toml"
    assert any(rid.startswith("common.") for rid in rows)
    selectors = [row for row in rows.values() if row[2] == "selector"]
    assert len(selectors) == int(m[2]) and all(row[-1].startswith("<shipped>/") for row in selectors)


def test_list_rules_verbose_shows_each_pattern_and_why() -> None:
    lines = invoke("--list-rules", "--verbose").stdout.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("en.appeal.favour-to-ask "))
    assert lines[at + 1].startswith("    pattern: ") and len(lines[at + 1]) > len("    pattern: ")
    assert lines[at + 2].startswith("    why: ")
    assert invoke("--verbose", SEED).exit_code == 2  # it says nothing without --list-rules


def test_list_rules_shows_a_user_rule_with_its_file(tmp_path: Path) -> None:
    rules = tmp_path / "mine.toml"
    rules.write_text(CUSTOM_RULES, encoding="utf-8")
    result = invoke("--rules", rules.name, "--list-rules")
    assert result.exit_code == 0
    assert result.stdout.startswith("# ")
    row = next(line for line in result.stdout.splitlines() if line.startswith("mine.drop-he-added "))
    assert row.split()[1:3] == ["related", "block"]
    assert row.endswith(" mine.toml")


def test_list_rules_shows_the_config_dir_file(isolated: Path) -> None:
    (isolated / "rules.toml").write_text(CUSTOM_RULES, encoding="utf-8")
    result = invoke("--list-rules")
    assert result.exit_code == 0
    assert "mine.drop-he-added" in result.stdout
    assert str(isolated / "rules.toml") in result.stdout
    result = invoke("--list-rules", "--no-config")
    assert result.exit_code == 0
    assert "mine.drop-he-added" not in result.stdout


def test_user_rules_file_via_flag_takes_effect(tmp_path: Path) -> None:
    rules = tmp_path / "mine.toml"
    rules.write_text(CUSTOM_RULES, encoding="utf-8")
    assert DROPPED_BY_CUSTOM in SEED_EXPECTED.read_text(encoding="utf-8")
    result = invoke("--rules", rules.name, SEED)
    assert result.exit_code == 0
    assert DROPPED_BY_CUSTOM not in result.stdout
    expected = SEED_EXPECTED.read_text(encoding="utf-8").replace(DROPPED_BY_CUSTOM + "\n\n", "")
    assert result.stdout == expected
    result = invoke("--rules", rules.name, "--explain", SEED)
    row = next(r for r in _explain_rows(result.stdout) if r[3] == DROPPED_BY_CUSTOM)
    assert row[0] == "DROP" and row[2] == "mine.drop-he-added"


def test_user_rules_file_in_config_dir_takes_effect_and_no_config_ignores_it(isolated: Path) -> None:
    (isolated / "rules.toml").write_text(CUSTOM_RULES, encoding="utf-8")
    proc = run(SEED)  # as a process: the env variable is read where a user would set it
    assert (proc.returncode, proc.stderr) == (0, b"")
    assert DROPPED_BY_CUSTOM.encode() not in proc.stdout
    assert SEED_TITLE.encode() in proc.stdout
    proc = run("--no-config", SEED)
    assert (proc.returncode, proc.stderr) == (0, b"")
    assert proc.stdout == expected_seed()


def test_rules_flag_still_applies_with_no_config(isolated: Path, tmp_path: Path) -> None:
    (isolated / "rules.toml").write_text("this is not TOML [", encoding="utf-8")  # would be exit 2
    rules = tmp_path / "mine.toml"
    rules.write_text(CUSTOM_RULES, encoding="utf-8")
    result = invoke("--no-config", "--rules", rules.name, SEED)
    assert result.exit_code == 0
    assert DROPPED_BY_CUSTOM not in result.stdout


# --- pipes ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def big_article(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """About 2 MB of article text: the seed's story paragraphs, numbered so no two repeat."""
    story = SEED_EXPECTED.read_text(encoding="utf-8").split("\n\n")[1:]
    parts = ["A Very Long Story About Everything That Happened This Year\n"]
    size, n = 0, 0
    while size < 2_000_000:
        para = f"Part {n}. {story[n % len(story)].strip()}\n"
        parts.append(para)
        size += len(para.encode("utf-8")) + 1
        n += 1
    path = tmp_path_factory.mktemp("big") / "big.txt"
    path.write_text("\n".join(parts), encoding="utf-8")
    return path


@pytest.mark.parametrize("form", ["file", "stdin"])
def test_closed_pipe_is_quiet(form: str, big_article: Path) -> None:
    me = shlex.join(cleannews_argv())
    line = f"{me} {shlex.quote(str(big_article))} | head -1" if form == "file" else (
        f"cat {shlex.quote(str(big_article))} | {me} | head -1"
    )
    proc = subprocess.run(line, shell=True, capture_output=True, timeout=TIMEOUT)
    assert proc.stderr == b""
    assert proc.stdout == b"A Very Long Story About Everything That Happened This Year\n"


def test_big_article_is_cleaned_whole(big_article: Path) -> None:
    proc = run(big_article)
    assert (proc.returncode, proc.stderr) == (0, b"")
    assert len(proc.stdout) > 1_500_000


# --- everything above, once more: no traceback whatever goes wrong -------------------------


def iter_error_invocations(tmp: Path) -> Iterator[list[str]]:
    (tmp / "bad.toml").write_text("[[rule]]\nid='x'\nkind='appeal'\npattern='('\n", encoding="utf-8")
    (tmp / "folder").mkdir(exist_ok=True)
    yield ["--rules", "bad.toml", str(SEED)]
    yield ["--format", "json", "folder", "missing.txt"]
    yield ["--explain", "missing.txt"]
    yield ["--input-format", "html", "folder"]
    yield ["-o", "no-such-dir/out.txt", str(SEED)]


def test_no_traceback_in_mixed_error_cases(tmp_path: Path) -> None:
    for args in iter_error_invocations(tmp_path):
        proc = run(*args)
        assert proc.returncode in (1, 2), args
        stderr = proc.stderr.decode()
        assert "Traceback" not in stderr, (args, stderr)
        assert all(line.startswith("cleannews: ") for line in stderr.splitlines()), (args, stderr)


# --- what a demanding user hit (issue 14) --------------------------------------------------

# A page whose story links three places: relative to its <base>, absolute, and to itself.
LINKED_PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>Harbour ferry returns to service</title>
<base href="https://news.example/city/"><link rel="canonical" href="https://news.example/city/ferry-returns">
<meta property="article:published_time" content="2024-05-02T08:00:00Z"><meta name="author" content="Ana Ribeiro">
</head><body><article><h1>Harbour ferry returns to service</h1>
<p>The harbour ferry returned to service on Thursday after a winter of repairs, the <a href="../transport/operator">port
operator</a> said, with the first crossing leaving the north quay at seven in the morning.</p>
<p>Passengers had waited months for the crossing to reopen, and the <a href="https://council.example/minutes">council
minutes</a> show the repairs cost twice what was planned, as the <a href="#top">operator</a> admitted.</p>
<p>Timetables for the summer season will be posted at both quays next week, officials added on Thursday.</p>
</article></body></html>"""


def test_json_streams_name_every_input_once_failures_included(tmp_path: Path) -> None:
    """Item 5: an input that fails is an object with source, status and error in the stream."""
    _png(tmp_path)
    for fmt in ("json", "jsonl"):
        proc = run("--format", fmt, SEED, "missing.txt", "picture.png", "-", stdin=b"")
        assert proc.returncode == 1
        docs = [json.loads(line) for line in proc.stdout.decode("utf-8").splitlines()]
        assert [d["source"] for d in docs] == [str(SEED), "missing.txt", "picture.png", "<stdin>"]
        assert docs[0]["title"] == SEED_TITLE and "error" not in docs[0]
        assert docs[1] == {"source": "missing.txt", "status": "failed", "error": "No such file or directory"}
        assert docs[2]["status"] == "failed" and "binary" in docs[2]["error"]
        assert docs[3]["text"] == ""  # read and cleaned to nothing: a document, not an error
        assert len(proc.stderr.decode().splitlines()) == 3  # and each failure named on stderr, as before


def test_a_short_html_fragment_is_read_as_html() -> None:
    """Item 6: `<p>…</p><p>…</p>` is markup, not text with tags in it."""
    fragment = ("<p>The council of Lyon approved a new budget on Thursday after a long debate on schools.</p>"
                "<p>The mayor said the choices were hard, and the opposition called it a hidden tax rise.</p>")
    expected = ("The council of Lyon approved a new budget on Thursday after a long debate on schools.\n\n"
                "The mayor said the choices were hard, and the opposition called it a hidden tax rise.\n")
    proc = run(stdin=fragment.encode())
    assert (proc.returncode, proc.stderr) == (0, b"")
    assert proc.stdout.decode() == expected
    assert cleannews.clean(fragment).text == expected
    assert cleannews.clean("<p>One short paragraph.</p>").text == "One short paragraph.\n"
    # text that merely mentions a tag stays text
    assert cleannews.clean("Use <p> to start a paragraph.\n").input_format == "text"


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_color_always_never_auto_and_a_dumb_terminal() -> None:
    """Item 10: --color always for `less -R`, never, and auto that TERM=dumb turns off."""
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "TERM")}
    proc = run("--explain", "--color", "always", SEED, env={"NO_COLOR": None})
    assert proc.returncode == 0 and ANSI.search(proc.stdout), "no colour with --color always on a pipe"
    code, out = _run_in_terminal(cleannews_argv("--explain", "--color", "never", SEED), env)
    assert code == 0 and b"DROP" in out and not ANSI.search(out)
    code, out = _run_in_terminal(cleannews_argv("--explain", SEED), {**env, "TERM": "dumb"})
    assert code == 0 and b"DROP" in out and not ANSI.search(out), "colour on a dumb terminal"
    code, out = _run_in_terminal(cleannews_argv("--explain", SEED), {**env, "TERM": "xterm"})
    assert code == 0 and ANSI.search(out)


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
@pytest.mark.parametrize("columns", [60, 100, 200])
def test_explain_fits_the_terminal(columns: int) -> None:
    """Item 10: no --explain line is wider than the terminal it is printed on."""
    env = {k: v for k, v in os.environ.items() if k != "NO_COLOR"} | {"COLUMNS": str(columns), "NO_COLOR": "1"}
    code, out = _run_in_terminal(cleannews_argv("--explain", SEED), env)
    assert code == 0
    lines = out.decode("utf-8").replace("\r\n", "\n").splitlines()
    assert len(lines) > 40
    assert max(len(line) for line in lines) <= columns
    if columns >= 200:  # room enough: nothing is cut
        assert "Enjoying ad-free content?" in out.decode("utf-8")


def test_links_in_text_json_and_markdown_resolved_against_the_base(tmp_path: Path) -> None:
    """Item 11: --links numbers links in text (as lynx does), lists them in JSON, marks them
    in markdown; relative links resolve against <base>; a link to the page itself goes."""
    page = tmp_path / "ferry.html"
    page.write_text(LINKED_PAGE, encoding="utf-8")
    text = invoke("--links", page).stdout
    assert "the port operator [1] said" in text
    assert "the council minutes [2] show" in text
    assert "as the operator admitted" in text  # #top: a link to the page itself
    assert text.endswith("References\n\n[1] https://news.example/transport/operator\n"
                         "[2] https://council.example/minutes\n")
    doc = json.loads(invoke("--links", "--format", "json", page).stdout)
    assert doc["links"] == [{"text": "port operator", "url": "https://news.example/transport/operator"},
                            {"text": "council minutes", "url": "https://council.example/minutes"}]
    markdown = invoke("--links", "--format", "markdown", page).stdout
    assert "[port operator](https://news.example/transport/operator)" in markdown
    assert "References" not in markdown
    plain = invoke(page).stdout
    assert "[1]" not in plain and "References" not in plain
    assert "links" not in json.loads(invoke("--format", "json", page).stdout)


def test_url_resolves_links_of_standard_input_and_gives_it_a_url() -> None:
    """Item 11: --url gives a page on standard input its address: links and metadata."""
    page = LINKED_PAGE.replace('<base href="https://news.example/city/">', "").replace(
        '<link rel="canonical" href="https://news.example/city/ferry-returns">', "")
    proc = run("--links", "--url", "https://mirror.example/a/b.html", "--format", "json", stdin=page.encode())
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["metadata"]["url"] == "https://mirror.example/a/b.html"
    assert doc["links"][0]["url"] == "https://mirror.example/transport/operator"
    text = run("--url", "https://wire.example/story", "--format", "json", stdin=SEED.read_bytes()).stdout
    assert json.loads(text)["metadata"] == {"url": "https://wire.example/story"}
    assert run("--url", "not a url", SEED).returncode == 2


@pytest.mark.parametrize("null", [False, True], ids=["lines", "nul"])
def test_files_from_a_list_or_standard_input(null: bool, tmp_path: Path, seed_copy: Path) -> None:
    """Item 12: --files-from FILE|- reads the inputs, one a line or NUL-separated (-0)."""
    odd = os.fsdecode(b"caf\xe9 story.txt")  # a space and a byte that is not UTF-8: names as find prints them
    (tmp_path / odd).write_bytes(SEED.read_bytes())
    names = [seed_copy.name.encode(), os.fsencode(odd)]
    listing = b"\0".join(names) + b"\0" if null else b"\n".join(names) + b"\n"
    (tmp_path / "list").write_bytes(listing)
    flags = ["-0"] if null else []
    for args, stdin in ((["--files-from", "list", *flags], b""), (["--files-from", "-", *flags], listing)):
        proc = run(*args, "--format", "json", stdin=stdin)
        assert (proc.returncode, proc.stderr) == (0, b""), proc.stderr
        docs = [json.loads(line) for line in proc.stdout.splitlines()]
        assert [os.fsencode(d["source"]) for d in docs] == names
        assert all(d["title"] == SEED_TITLE for d in docs)
    proc = run("--files-from", "list", *flags, "-o", "out/")
    assert proc.returncode == 0, proc.stderr
    outputs = [name for name in os.listdir(tmp_path / "out") if not name.startswith(".cleannews")]
    assert sorted(outputs) == sorted(["seed.txt", os.fsdecode(b"caf\xe9 story.txt")])
    assert run("-0", SEED).returncode == 2  # -0 means nothing without --files-from


def test_rule_file_must_name_what_it_disables_and_replaces(tmp_path: Path) -> None:
    """Item 13: a `disable` naming no rule is an error, and a rule reusing a shipped id must
    say replace = true (and only such a rule may)."""
    cases = {
        'lang = "mine"\ndisable = ["en.no-such-rule"]\n': "disable: 'en.no-such-rule' names no rule",
        'lang = "en"\n[[rule]]\nid = "appeal.favour-to-ask"\nkind = "appeal"\npattern = "give"\n':
            "rule en.appeal.favour-to-ask: a rule before it has this id; say replace = true",
        'lang = "mine"\n[[rule]]\nid = "new"\nkind = "appeal"\npattern = "give"\nreplace = true\n':
            "rule mine.new: replace = true, but no rule before it has this id",
    }
    for text, message in cases.items():
        (tmp_path / "r.toml").write_text(text, encoding="utf-8")
        proc = run("--rules", "r.toml", SEED)
        assert proc.returncode == 2, text
        assert message in one_error_line(proc.stderr, "r.toml")
    (tmp_path / "r.toml").write_text('lang = "en"\ndisable = ["en.adfree.ad-free"]\n[[rule]]\n'
                                     'id = "appeal.favour-to-ask"\nkind = "appeal"\npattern = "zzzq"\n'
                                     "replace = true\n", encoding="utf-8")
    proc = run("--rules", "r.toml", "--explain", SEED)
    assert (proc.returncode, proc.stderr) == (0, b"")
    assert b"en.appeal.favour-to-ask" not in proc.stdout  # replaced by a rule that matches nothing


def test_a_url_given_as_a_file_gets_a_hint() -> None:
    """Item 14: cleannews opens no connection; the line says what to do instead."""
    url = "https://news.example/story?id=7&page=2"
    proc = run(url)
    assert proc.returncode == 1
    line = one_error_line(proc.stderr, url)
    assert "curl -s 'https://news.example/story?id=7&page=2' | cleannews --url" in line
    proc = run("--format", "jsonl", url)  # folder mode's stream says so too
    assert "| cleannews --url" in json.loads(proc.stdout)["error"]


def test_a_closed_pipe_is_exit_141_as_documented(big_article: Path) -> None:
    """Item 14: the reader of standard output leaving ends cleannews as it ends any filter:
    by SIGPIPE, which a shell reports as 141 -- documented in --help and the README."""
    proc = subprocess.run(["bash", "-c", f"{shlex.join(cleannews_argv(big_article))} | head -c 10 >/dev/null; "
                           "echo ${PIPESTATUS[0]}"], capture_output=True, timeout=TIMEOUT)
    assert proc.stdout.strip() == b"141" and proc.stderr == b""
    assert "141" in invoke("--help").stdout
    from .test_docs import README

    assert "**141**" in README


NO_PACK_TEXT = (  # Indonesian, which no pack is for: written for this test
    "Dewan kota Bandung menyetujui anggaran baru pada hari Kamis setelah perdebatan panjang tentang sekolah.\n\n"
    "Wali kota mengatakan pilihan itu sulit tetapi perlu, sementara oposisi menyebutnya kenaikan pajak terselubung.\n\n"
    "Perbaikan jembatan utama akan dimulai pada musim kemarau, menurut jadwal yang disampaikan kepada dewan.\n\n"
    "Biaya yang diperkirakan mencapai empat miliar rupiah, jauh lebih tinggi dari rencana awal tahun lalu.\n")


def test_a_language_without_a_rule_pack_is_said_once() -> None:
    """Item 15: a warning in JSON, in --explain and on stderr, once; none for a language with a pack."""
    proc = run("--format", "json", stdin=("Anggaran baru Bandung disetujui\n\n" + NO_PACK_TEXT).encode())
    assert proc.returncode == 0
    warnings = json.loads(proc.stdout)["warnings"]
    assert len(warnings) == 1 and warnings[0].startswith("no rule pack for its language")
    assert proc.stderr.decode().count("no rule pack") == 1
    explained = run("--explain", stdin=NO_PACK_TEXT.encode()).stdout.decode()
    assert explained.count("no rule pack") == 1 and explained.startswith("WARN")
    paragraphs = "".join(f"<p>{p}</p>" for p in NO_PACK_TEXT.split("\n\n"))
    page = f"<html lang='id'><body><article>{paragraphs}</article></body></html>"
    assert cleannews.clean(page).warnings == (
        "no rule pack for its language (id): only the language-neutral and English rules were applied",)
    for known in (SEED.read_text(encoding="utf-8"), FRENCH, RUSSIAN):
        assert cleannews.clean(known).warnings == ()
    # a page of scores has few common words of any language: its declaration says it has a pack
    scores = "".join(f"<p>Harbor City ({n}-1-0): Sam Ortiz {n} goals, 1 assist. Lee Park 1 goal, {n} saves.</p>"
                     for n in range(2, 9))
    assert cleannews.clean(f"<html lang='en-US'><body><article>{scores}</article></body></html>").warnings == ()


def test_csv_one_row_per_input_and_a_metadata_header(tmp_path: Path) -> None:
    """Item 16: --format csv (source, title, url, date, text) and --metadata above text or markdown."""
    import csv
    import io

    page = tmp_path / "ferry.html"
    page.write_text(LINKED_PAGE, encoding="utf-8")
    proc = run("--format", "csv", page, SEED, "missing.txt")
    assert proc.returncode == 1
    rows = list(csv.reader(io.StringIO(proc.stdout.decode("utf-8"))))
    assert rows[0] == ["source", "title", "url", "date", "text"]
    assert [r[:4] for r in rows[1:]] == [
        [str(page), "Harbour ferry returns to service", "https://news.example/city/ferry-returns",
         "2024-05-02T08:00:00Z"],
        [str(SEED), SEED_TITLE, "", ""]]
    assert rows[2][4] == SEED_EXPECTED.read_text(encoding="utf-8")
    header = invoke("--metadata", page).stdout
    assert header.startswith("Title: Harbour ferry returns to service\nAuthor: Ana Ribeiro\n"
                             "Date: 2024-05-02T08:00:00Z\nURL: https://news.example/city/ferry-returns\n\n"
                             "Harbour ferry returns to service\n\n")
    front = invoke("--metadata", "--format", "markdown", page).stdout
    assert front.startswith('---\ntitle: "Harbour ferry returns to service"\nauthor: "Ana Ribeiro"\n')
    assert "\n---\n\n# Harbour ferry returns to service\n\n" in front
    assert invoke("--metadata", SEED).stdout == "Title: " + SEED_TITLE + "\n\n" + SEED_EXPECTED.read_text("utf-8")
    assert invoke("--metadata", "--format", "json", SEED).exit_code == 2


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full, a device that is always full")
def test_a_full_standard_output_is_one_line() -> None:
    """Item 1, one file at a time: standard output on a full device is one line, exit 1."""
    proc = subprocess.run(shlex.join(cleannews_argv(SEED, SEED)) + " > /dev/full", shell=True, capture_output=True,
                          timeout=TIMEOUT)
    assert proc.returncode == 1
    assert "No space left on device" in one_error_line(proc.stderr, "standard output")


def test_keep_captions_keeps_the_seeds_caption() -> None:
    """Issue 14, item 7: the caption between the headline and the story is a caption, kept with
    --keep-captions (it was dropped as what stands between the headline and the story)."""
    caption = next(line for line in SEED.read_text(encoding="utf-8").splitlines() if line.endswith("/POOL/TASS"))
    assert caption not in invoke(SEED).stdout
    out = invoke("--keep-captions", SEED).stdout
    assert caption in out.split("\n\n")
    assert out.replace(caption + "\n\n", "") == SEED_EXPECTED.read_text(encoding="utf-8")


# --- the command line of file names only: run without click ------------------------------------


def _imported(*args: str | os.PathLike[str], stdin: bytes = b"") -> tuple[subprocess.CompletedProcess[bytes], set[str]]:
    proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "cleannews", *map(os.fspath, args)],
                          input=stdin, capture_output=True, timeout=TIMEOUT)
    names = {line.rsplit("|", 1)[-1].strip() for line in proc.stderr.decode().splitlines() if "|" in line}
    return proc, names


def test_file_names_alone_are_cleaned_without_loading_click(isolated: Path) -> None:
    proc, modules = _imported(SEED)
    assert proc.stdout == SEED_EXPECTED.read_bytes()
    assert "click" not in modules and "cleannews.cli" not in modules
    assert "typing" not in modules  # records.py: its import was a tenth of this start
    proc, modules = _imported("-", stdin=SEED.read_bytes())
    assert proc.stdout == SEED_EXPECTED.read_bytes() and "click" not in modules
    proc, modules = _imported("--no-title", SEED)  # any option is click's
    assert proc.stdout == SEED_EXPECTED.read_bytes().split(b"\n\n", 1)[1] and "click" in modules


SAME_BOTH_WAYS = [  # what, the names, standard input, the exit status
    ("the seed", ["seed.txt"], b"", 0),
    ("standard input", ["-"], "seed", 0),
    ("no name: standard input", [], "seed", 0),
    ("a missing file", ["missing.txt"], b"", 1),
    ("a folder", ["folder"], b"", 1),
    ("an empty file", ["empty.txt"], b"", 1),
    ("empty standard input", ["-"], b"", 1),
    ("several, some failing", ["seed.txt", "missing.txt", "-", "folder", "empty.txt", "appeal.txt"], "seed", 1),
]


@pytest.mark.parametrize(("names", "stdin", "status"), [c[1:] for c in SAME_BOTH_WAYS],
                         ids=[c[0] for c in SAME_BOTH_WAYS])
def test_file_names_alone_and_through_click_print_the_same(names: list[str], stdin: bytes | str, status: int,
                                                           tmp_path: Path) -> None:
    """Without click (file names alone) and through it (an option at its default value sends
    the command line there): the same bytes on stdout and stderr, the same exit status."""
    (tmp_path / "seed.txt").write_bytes(SEED.read_bytes())
    _folder(tmp_path), _empty(tmp_path), _only_an_appeal(tmp_path)
    data = SEED.read_bytes() if stdin == "seed" else stdin
    assert isinstance(data, bytes)
    fast, fast_modules = _imported(*names, stdin=data)
    slow, slow_modules = _imported("--format", "text", *names, stdin=data)
    assert "click" not in fast_modules and "click" in slow_modules
    assert (fast.stdout, _without_import_times(fast.stderr), fast.returncode) == (
        slow.stdout, _without_import_times(slow.stderr), slow.returncode)
    assert fast.returncode == status


def _without_import_times(stderr: bytes) -> bytes:
    return b"".join(line for line in stderr.splitlines(keepends=True) if not line.startswith(b"import time:"))


def test_file_names_alone_still_read_the_users_rules(isolated: Path) -> None:
    (isolated / "rules.toml").write_text("disable = ['no.such.rule']\n", encoding="utf-8")
    proc = subprocess.run(cleannews_argv(SEED), capture_output=True, timeout=TIMEOUT)
    assert proc.returncode == 2
    assert proc.stderr.decode().startswith("cleannews: ") and "no.such.rule" in proc.stderr.decode()


@pytest.mark.parametrize("xdg", [None, "", "/somewhere/config"])
def test_the_config_folder_is_where_click_puts_an_apps(xdg: str | None, monkeypatch: pytest.MonkeyPatch) -> None:
    from cleannews.entry import config_dir

    monkeypatch.delenv("CLEANNEWS_CONFIG_DIR", raising=False)
    if xdg is None:
        monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    else:
        monkeypatch.setenv("XDG_CONFIG_HOME", xdg)
    assert config_dir() == click.get_app_dir("cleannews")
