"""Shared fixtures: the sample plans, rendered once per test session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from docgen.plan_io import load_plan
from docgen.render import render_plan

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "samples").glob("*.yaml"))
SEEDS = Path(os.environ.get("DOCGEN_SEEDS", ROOT.parent / "shared" / "seeds"))


def sample_id(path: Path) -> str:
    return path.name[:3]


@pytest.fixture(scope="session")
def rendered() -> dict[str, bytes]:
    """Seed number ("002") -> rendered .docx bytes of its sample."""
    return {sample_id(p): render_plan(load_plan(p)) for p in SAMPLES}


@pytest.fixture(scope="session")
def plans():
    return {sample_id(p): load_plan(p) for p in SAMPLES}


def seed_text(number: str) -> str:
    matches = sorted(SEEDS.glob(f"{number}_*.txt"))
    if not matches:
        message = f"seed {number} not found under {SEEDS} (set DOCGEN_SEEDS)"
        if os.environ.get("CI"):
            pytest.fail(message)  # CI must compare with the seeds, never skip them
        pytest.skip(message)
    return matches[0].read_text(encoding="utf-8")
