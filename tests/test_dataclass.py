"""stuckscan._dataclass: the record classes' __repr__, __eq__ and __hash__ answer as the standard decorator's."""

from __future__ import annotations

import dataclasses
import importlib
import pkgutil
from dataclasses import field
from typing import Any

import pytest

import stuckscan
from stuckscan import _dataclass
from stuckscan._dataclass import dataclass


def _record_classes() -> list[type]:
    found: dict[str, type] = {}
    for module_info in pkgutil.walk_packages(stuckscan.__path__, "stuckscan."):
        if module_info.name.endswith("__main__"):
            continue
        module = importlib.import_module(module_info.name)
        for value in vars(module).values():
            if isinstance(value, type) and dataclasses.is_dataclass(value) \
                    and value.__eq__.__code__.co_filename == _dataclass.__file__:
                found[f"{value.__module__}.{value.__qualname__}"] = value
    return list(found.values())


RECORDS = _record_classes()


def _reference(cls: type) -> type:
    """The standard decorator's class of the same name and fields (frozen alike)."""
    names = [f.name for f in dataclasses.fields(cls)]
    reference = dataclasses.make_dataclass(cls.__name__, names, frozen=cls.__dataclass_params__.frozen)  # type: ignore[attr-defined]
    reference.__qualname__ = cls.__qualname__
    return reference


def _instance(cls: type, values: list[Any]) -> Any:
    obj = object.__new__(cls)
    for f, value in zip(dataclasses.fields(cls), values, strict=True):
        object.__setattr__(obj, f.name, value)
    return obj


def test_every_record_class_is_found() -> None:
    assert len(RECORDS) >= 80


@pytest.mark.parametrize("cls", RECORDS, ids=lambda cls: f"{cls.__module__}.{cls.__qualname__}")
def test_a_record_class_answers_as_the_standard_decorators(cls: type) -> None:
    reference = _reference(cls)
    count = len(dataclasses.fields(cls))
    values = [(index, f"v{index}") for index in range(count)]
    ours, theirs = _instance(cls, values), reference(*values)
    assert repr(ours) == repr(theirs)
    assert ours == _instance(cls, list(values)) and not (ours != _instance(cls, list(values)))
    assert ours.__eq__(theirs) is NotImplemented and ours.__eq__(object()) is NotImplemented
    assert (cls.__hash__ is None) == (reference.__hash__ is None)
    if cls.__hash__ is not None:
        assert hash(ours) == hash(theirs)
    if count:
        other = [*values[:-1], "another"]
        assert (ours == _instance(cls, other)) == (theirs == reference(*other)) is False
        nan = float("nan")  # (the same object on both sides: equal, as in a tuple)
        assert _instance(cls, [nan] * count) == _instance(cls, [nan] * count)
        loop: list[Any] = []  # (a record inside its own field: "..." where it comes again)
        looped = _instance(cls, [loop] * count)
        loop.append(looped)
        shown = repr(looped)
        loop[0] = reference(*[loop] * count)
        assert shown == repr(loop[0]) and "[...]" in shown


def test_a_recursive_record_shows_dots_as_the_standard_one_does() -> None:
    @dataclass(slots=True)
    class Node:
        children: list[Any] = field(default_factory=list)

    @dataclasses.dataclass(slots=True)
    class Node2:
        children: list[Any] = field(default_factory=list)

    node, node2 = Node(), Node2()
    node.children.append(node)
    node2.children.append(node2)
    assert repr(node) == repr(node2).replace("Node2", "Node")


def test_only_the_packages_two_forms_are_made() -> None:
    with pytest.raises(TypeError):
        dataclass(slots=False)

    with pytest.raises(TypeError):
        @dataclass(slots=True)
        class Hidden:
            secret: str = field(default="", repr=False)

    with pytest.raises(TypeError):
        @dataclass(slots=True)
        class OwnEq:
            a: int = 0

            def __eq__(self, other: object) -> bool:
                return True
