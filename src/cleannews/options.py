"""The one options object that travels from the CLI (or a library caller) to every stage."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

InputFormat = Literal["auto", "text", "html"]


@dataclass(frozen=True)
class Options:
    """How to clean. Frozen, so one instance can be shared by threads and worker processes.

    rule_files: extra rule packs, loaded after the shipped ones (later files win on equal ids).
    languages: restrict the shipped packs to these language codes; empty means all of them,
        which is right when the language of the input is not known (rules of one language
        rarely fire on another's text).
    """

    input_format: InputFormat = "auto"
    keep_captions: bool = False
    rule_files: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    links: bool = False
