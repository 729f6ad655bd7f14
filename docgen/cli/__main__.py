"""``python -m docgen.cli``: the same as the ``docgen`` command."""

from . import main

main()
