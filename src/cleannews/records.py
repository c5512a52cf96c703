"""NamedTuple and TypedDict without the typing module, for the modules a plain text goes through.

`cleannews page.txt` is a command run once per file, and typing cost a tenth of its start:
its import, and its NamedTuple, which turns each field's annotation (a string, under `from
__future__ import annotations`) into a ForwardRef by compiling it. The classes made here are
typing's in all that code touches: a NamedTuple is the collections.namedtuple typing makes,
with the same fields, defaults, annotations (left as written: typing.get_type_hints reads
them alike), docstring and methods; a TypedDict is a class of its keys' annotations whose
instances are plain dicts. Type checkers see typing's own.
"""

from __future__ import annotations

import collections

TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import NamedTuple as NamedTuple
    from typing import TypedDict as TypedDict
else:
    # what class syntax may not set on a named tuple, and what it sets that is not copied (as typing)
    _PROHIBITED = frozenset({"__new__", "__init__", "__slots__", "__getnewargs__", "_fields", "_field_defaults",
                             "_make", "_replace", "_asdict", "_source"})
    _SPECIAL = frozenset({"__module__", "__name__", "__annotations__"})

    class _NamedTupleMeta(type):
        def __new__(cls, typename, bases, ns):
            fields = ns.get("__annotations__", {})
            defaults = [name for name in fields if name in ns]
            if defaults != list(fields)[len(fields) - len(defaults):]:
                raise TypeError(f"{typename}: a field without a default follows one with a default")
            made = collections.namedtuple(typename, fields, defaults=[ns[n] for n in defaults],
                                          module=ns["__module__"])
            made.__annotations__ = made.__new__.__annotations__ = dict(fields)
            for key in ns:
                if key in _PROHIBITED:
                    raise AttributeError(f"Cannot overwrite NamedTuple attribute {key}")
                if key not in _SPECIAL and key not in made._fields:
                    setattr(made, key, ns[key])
            return made

    NamedTuple = type.__new__(_NamedTupleMeta, "NamedTuple", (), {})

    class _TypedDictMeta(type):
        def __new__(cls, name, bases, ns, total=True):
            ns["__total__"] = total
            return super().__new__(cls, name, (dict,), ns)

        def __call__(cls, *args, **kwargs):
            return dict(*args, **kwargs)

    TypedDict = type.__new__(_TypedDictMeta, "TypedDict", (dict,), {})
