"""Where docgen finds the files it reads at run time and keeps the ones it
writes.

Read-only files ship inside the package and are found through
``importlib.resources``, so an installed wheel works from any folder: the
Word templates (``docgen/templates_docx``) and the sample plans
(``docgen/samples``; both are links to the checkout's top-level folders of
the same name, which the wheel stores as files). The web templates, static
files, migrations and ``fonts.conf`` live inside the package's own folders.

Data the app writes (the SQLite database, batch jobs) goes to the instance
folder: ``instance/`` of the checkout when docgen runs from its checkout,
else ``instance/`` of the current directory, since an installed package's
folder is no place for data.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

PACKAGE = resources.files("docgen")
WORD_TEMPLATES = PACKAGE / "templates_docx"
SAMPLES = PACKAGE / "samples"
BATCH_SAMPLES = SAMPLES / "batch"


def checkout_root() -> Path | None:
    """The checkout docgen runs from (its pyproject.toml beside the package),
    None for an installed package."""
    root = Path(__file__).resolve().parents[2]
    return root if (root / "pyproject.toml").is_file() and (root / "docgen").is_dir() else None


def instance_dir() -> Path:
    """The folder for data the app writes when no setting names one."""
    return (checkout_root() or Path.cwd()) / "instance"
