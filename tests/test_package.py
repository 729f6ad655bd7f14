"""The package as pip installs it: pyproject's dependency ranges admit the
exact pins of requirements.txt, and the files read at run time are found
through the package (scripts/wheel-smoke.sh installs the wheel itself)."""

from __future__ import annotations

import tomllib
from pathlib import Path

from packaging.requirements import Requirement

from docgen.base import package_data
from docgen.document.render import TEMPLATE_PATH

ROOT = Path(__file__).resolve().parent.parent


def _runtime_pins() -> dict[str, Requirement]:
    text = (ROOT / "requirements.txt").read_text(encoding="utf-8")
    runtime = text.split("# Tests")[0]
    pins = [Requirement(line) for line in runtime.splitlines() if line and not line.startswith("#")]
    return {pin.name.lower(): pin for pin in pins}


def test_pyproject_ranges_admit_the_exact_pins():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    ranges = {r.name.lower(): r for r in map(Requirement, project["dependencies"])}
    pins = _runtime_pins()
    assert sorted(ranges) == sorted(pins), "pyproject and requirements.txt list different packages"
    for name, pin in pins.items():
        (version,) = [spec.version for spec in pin.specifier if spec.operator == "=="]
        assert ranges[name].specifier.contains(version), f"{name} {ranges[name].specifier} refuses {version}"
        assert ranges[name].extras == pin.extras, name


def test_run_time_files_are_found_in_the_package():
    assert TEMPLATE_PATH.is_file()
    assert TEMPLATE_PATH.read_bytes()[:2] == b"PK"
    samples = sorted(p.name for p in package_data.SAMPLES.iterdir() if p.name.endswith(".yaml"))
    assert samples == sorted(p.name for p in (ROOT / "samples").glob("*.yaml")) and samples
    assert (package_data.BATCH_SAMPLES / "template_xa.yaml").is_file()


def test_instance_folder_is_the_checkouts_when_run_from_it():
    assert package_data.checkout_root() == ROOT
    assert package_data.instance_dir() == ROOT / "instance"
