"""YAML (and JSON) that clerks write and upload: figures read as docgen reads
them, and no anchors and aliases where uploads are concerned.

Figures: YAML reads ``1.240`` as the decimal 1,24, where a clerk (and every
other input of docgen: the editor, a paste, a sheet) means 1240. Here such a
plain scalar (a point followed by exactly three digits, the leading group 1-3
digits) is kept as its text, which the plan model reads with the one reader
of figures (:func:`docgen.vietnamese.vn.read_figure`): 1240. Text that is valid JSON is
read as JSON, whose numbers are a program's (``1.245`` stays 1,245), and
:func:`dump_yaml` writes such a float as ``1.2450`` so that a file docgen
writes reads back to the same values.

Aliases: ``&a [*b, *b, …]`` nested eight times is a billion list items from
600 bytes of YAML: the parser shares them, but anything that walks the data
(the batch template's compiler, the plan model) visits every one. A plan
never needs an alias, so one is refused where it is written.

Speed: libyaml's parser (PyYAML's C extension) where it is installed (PyPI's
wheels have it): 13 times faster than the pure-Python one on the samples,
which the web app loads at every start.
"""

from __future__ import annotations

import json
import re

import yaml

# A YAML float that reads two ways: 1.240 (Vietnamese thousands) or 1,24.
_TWO_WAY = re.compile(r"^[-+]?[1-9][0-9]{0,2}\.[0-9]{3}$")


_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class FigureLoader(_SAFE_LOADER):
    """A safe loader where ``1.240`` is the text ``"1.240"`` (see above)."""


FigureLoader.yaml_implicit_resolvers = {
    first: ([("tag:yaml.org,2002:str", _TWO_WAY)] if first in "-+123456789" else []) + list(resolvers)
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def refuse_aliases(text: str) -> None:
    """Raise ``yaml.YAMLError`` (a Vietnamese problem and its place) at the
    first alias of ``text``. Only a text with an asterisk can hold one."""
    if "*" not in text:
        return
    for event in yaml.parse(text, Loader=_SAFE_LOADER):
        if isinstance(event, yaml.AliasEvent):
            raise yaml.composer.ComposerError(
                None, None, f"không dùng được bí danh YAML “*{event.anchor}”: hãy viết đầy đủ nội dung",
                event.start_mark)


def load_data(text: str):
    """The data of a JSON document, else of a YAML one (figures as above,
    aliases refused: ``yaml.YAMLError``)."""
    try:
        return json.loads(text)
    except ValueError:
        pass
    refuse_aliases(text)
    return yaml.load(text, Loader=FigureLoader)  # noqa: S506 - a safe loader


class FigureDumper(yaml.SafeDumper):
    """SafeDumper that writes 1.245 as ``1.2450``: ``1.245`` would read as 1245."""


def _float(dumper: yaml.SafeDumper, value: float):
    node = yaml.SafeDumper.represent_float(dumper, value)
    if _TWO_WAY.match(node.value):
        node.value += "0"
    return node


FigureDumper.add_representer(float, _float)


def dump_yaml(data) -> str:
    """YAML as docgen writes plans: Vietnamese kept, keys in order."""
    return yaml.dump(data, Dumper=FigureDumper, allow_unicode=True, sort_keys=False, width=100)
