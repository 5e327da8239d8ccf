"""``dataclasses.dataclass`` for the package's record classes, with fewer generated methods.

The standard decorator writes each method it adds as source text and compiles it: ``__init__``, ``__repr__``,
``__eq__``, a frozen class's ``__hash__``, ``__setattr__`` and ``__delattr__``, about 0.1 ms apiece. For the
package's 82 record classes that was about 45 ms of a scan's start-up, a quarter of the whole CPU of a scan of a
pasted fragment. :func:`dataclass` lets the standard decorator do everything but ``__repr__``, ``__eq__`` and
``__hash__``, which it adds as closures over the class's field names instead, compiling nothing. They answer as the
generated ones do (``tests/test_dataclass.py`` compares them with the standard decorator's on every record class):

* ``__repr__``: ``Name(field=value!r, ...)`` with the class's ``__qualname__``, ``...`` for an instance met again
  while it is being shown (as ``dataclasses``' own recursion guard does);
* ``__eq__``: the tuples of the fields' values compared when both sides are of the very same class, otherwise
  ``NotImplemented``;
* ``__hash__``: the hash of that tuple for a frozen class; ``None`` (unhashable) for the others.

Only the two forms the package uses are accepted: ``@dataclass(slots=True)`` and ``@dataclass(frozen=True,
slots=True)``, with fields that keep the defaults of ``repr``, ``compare`` and ``hash``.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from operator import attrgetter
from reprlib import recursive_repr
from typing import TYPE_CHECKING, Any, TypeVar

_T = TypeVar("_T", bound=type)


def _values(names: tuple[str, ...]) -> Callable[[Any], tuple[Any, ...]]:
    """The tuple of ``names``' values of an object (as the generated methods build it)."""
    if len(names) > 1:
        return attrgetter(*names)
    if names:
        one = attrgetter(names[0])
        return lambda obj: (one(obj),)
    return lambda obj: ()


def _add_methods(cls: _T, frozen: bool) -> _T:
    fields = dataclasses.fields(cls)
    for field in fields:  # (a field that leaves out repr, compare or hash would need the generated methods)
        if not (field.repr and field.compare and field.hash is None):
            raise TypeError(f"{cls.__qualname__}.{field.name}: stuckscan._dataclass keeps repr, compare and hash")
    names = tuple(field.name for field in fields)
    values = _values(names)

    @recursive_repr()
    def __repr__(self: Any) -> str:
        return (self.__class__.__qualname__ + "("
                + ", ".join([f"{name}={value!r}" for name, value in zip(names, values(self), strict=True)]) + ")")

    def __eq__(self: Any, other: Any) -> Any:
        if other.__class__ is self.__class__:
            return values(self) == values(other)
        return NotImplemented

    def __hash__(self: Any) -> int:
        return hash(values(self))

    methods: dict[str, Any] = {"__repr__": __repr__, "__eq__": __eq__, "__hash__": __hash__ if frozen else None}
    for name, method in methods.items():
        if method is not None:
            method.__qualname__ = f"{cls.__qualname__}.{name}"
        setattr(cls, name, method)
    return cls


def _dataclass(*, frozen: bool = False, slots: bool = False) -> Callable[[_T], _T]:
    """``dataclasses.dataclass(frozen=frozen, slots=True)``, its ``__repr__``, ``__eq__`` and ``__hash__`` made
    without compiling (see the module's text)."""
    if not slots:
        raise TypeError("stuckscan._dataclass makes slots classes only")

    def wrap(cls: _T) -> _T:
        for name in ("__repr__", "__eq__", "__hash__"):
            if name in cls.__dict__:
                raise TypeError(f"{cls.__qualname__} writes its own {name}: use dataclasses.dataclass")
        made = dataclasses.dataclass(frozen=frozen, slots=True, repr=False, eq=False)(cls)
        return _add_methods(made, frozen)

    return wrap


if TYPE_CHECKING:  # (to a type checker it is the standard decorator, which it knows)
    from dataclasses import dataclass as dataclass
else:
    dataclass = _dataclass
