"""What the tests share: the repository, and the `concord` binary whose JSON output the package
must reproduce (CONCORD_BIN, else target/release/concord or target/debug/concord under
CARGO_TARGET_DIR or the repository)."""

import json
import os
import subprocess
from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parents[2]


def concord_binary() -> Path:
    if os.environ.get("CONCORD_BIN"):
        return Path(os.environ["CONCORD_BIN"])
    target = Path(os.environ.get("CARGO_TARGET_DIR", REPOSITORY / "target"))
    for profile in ("release", "debug"):
        if (target / profile / "concord").exists():
            return target / profile / "concord"
    pytest.exit("no concord binary: build it (cargo build --release) or set CONCORD_BIN", 2)


def run_cli(*args, expect=(0, 1), json_out=True):
    """Runs `concord ARGS`; returns its stdout parsed as JSON, or (with `json_out=False`, or when
    it printed nothing) the finished process."""
    done = subprocess.run(
        [str(concord_binary()), *map(str, args)], capture_output=True, text=True
    )
    assert done.returncode in expect, done.stderr
    return json.loads(done.stdout) if json_out and done.stdout.strip() else done


def without_locations(value):
    """A report with every location left out (a table's cells are not a corpus's lines)."""
    if isinstance(value, dict):
        return {
            k: without_locations(v)
            for k, v in value.items()
            if k not in ("locations", "location", "entry")
        }
    if isinstance(value, list):
        return [without_locations(v) for v in value]
    return value


@pytest.fixture
def repository():
    return REPOSITORY
