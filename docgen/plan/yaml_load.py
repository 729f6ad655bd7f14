"""YAML from uploads, without anchors and aliases.

``&a [*b, *b, …]`` nested eight times is a billion list items from 600 bytes
of YAML: the parser shares them, but anything that walks the data (the batch
template's compiler, the plan model) visits every one. A plan never needs an
alias, so one is refused where it is written.
"""

from __future__ import annotations

import yaml


class AliasFreeLoader(yaml.SafeLoader):
    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(
                None, None, f"không dùng được bí danh YAML “*{event.anchor}”: hãy viết đầy đủ nội dung",
                event.start_mark)
        return super().compose_node(parent, index)


def load_yaml(text: str):
    """The data of a YAML (or JSON) document; aliases raise ``yaml.YAMLError``."""
    return yaml.load(text, Loader=AliasFreeLoader)  # noqa: S506 - a SafeLoader
