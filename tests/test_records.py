"""records.py's NamedTuple and TypedDict are typing's in all the package touches."""

from __future__ import annotations

import pickle
import typing

import pytest

from cleannews import records
from cleannews.model import Block, Metadata, Result, new_block

POINT = """
from __future__ import annotations

class Point(NamedTuple):
    '''A point.'''
    x: int
    label: str = ""
    tags: tuple[str, ...] = ()

    def moved(self, dx: int) -> Point:
        return self._replace(x=self.x + dx)
"""


def _point(named_tuple: object) -> type:
    """POINT's class, made with this NamedTuple."""
    namespace: dict[str, object] = {"NamedTuple": named_tuple, "__name__": __name__}
    exec(POINT, namespace)
    point = namespace["Point"]
    assert isinstance(point, type)
    return point


def test_a_named_tuple_is_typings() -> None:
    ours, theirs = _point(records.NamedTuple), _point(typing.NamedTuple)
    for cls in (ours, theirs):
        assert cls.__mro__ == (cls, tuple, object)
        assert cls.__doc__ == "A point."
        assert cls.__module__ == __name__
        point = cls(1)
        assert point == (1, "", ()) and point.moved(2) == (3, "", ())
        assert cls._make([1, "a", ("t",)])._asdict() == {"x": 1, "label": "a", "tags": ("t",)}
    assert ours._fields == theirs._fields and ours._field_defaults == theirs._field_defaults
    hints = [typing.get_type_hints(cls, localns={"Point": cls}) for cls in (ours, theirs)]
    assert hints[0] == hints[1] == {"x": int, "label": str, "tags": tuple[str, ...]}


def test_a_named_tuple_refuses_what_typings_refuses() -> None:
    with pytest.raises(TypeError, match="without a default follows"):
        class Bad(records.NamedTuple):
            a: int = 0
            b: int
    with pytest.raises(AttributeError, match="_asdict"):
        class Clash(records.NamedTuple):
            a: int

            def _asdict(self) -> dict[str, int]:
                return {}


def test_the_packages_records_pickle_and_type_alike() -> None:
    block = Block("text", links=(("a", "https://example.com/"),))
    assert pickle.loads(pickle.dumps(block)) == block
    assert typing.get_type_hints(Block)["links"] == tuple[tuple[str, str], ...]
    assert typing.get_type_hints(Result)["metadata"] is Metadata


def test_a_typed_dict_makes_plain_dicts_and_lists_its_keys() -> None:
    made = Metadata(title="A headline", authors=["A. Writer"])
    assert type(made) is dict and made == {"title": "A headline", "authors": ["A. Writer"]}
    assert typing.get_type_hints(Metadata)["authors"] == list[str]
    assert Metadata.__total__ is False


def test_new_block_is_the_block_its_fields_make() -> None:
    fields = ("Harbour news", "item", 3, 2, "•", (("Harbour news", "https://example.org/"),))
    made = new_block(fields)
    assert type(made) is Block and made == Block(*fields) and made.marker == "•"
    assert made._replace(group=4) == Block(*fields)._replace(group=4)
