"""bin/mutation's configs point at code and tests that exist (the run itself is not in CI)."""

import os
import re
import shlex
import subprocess

import pytest
from cosmic_ray.config import load_config
from django.conf import settings
from django.db import connection

ROOT = settings.BASE_DIR
CONFIGS = sorted(p for p in (ROOT / ".ci" / "mutation").glob("*.toml") if p.stem != "operators")


def test_every_module_of_the_issue_has_a_config():
    assert [p.stem for p in CONFIGS] == [
        "access",
        "decisions",
        "eligibility",
        "eligibility_records",
        "imports",
        "tables",
        "voting",
        "workflow",
    ]


@pytest.mark.parametrize("path", CONFIGS, ids=lambda p: p.stem)
def test_a_config_mutates_existing_code_with_existing_tests(path):
    config = load_config(str(path))
    for module in config["module-path"]:
        assert (ROOT / module).exists(), module
    command = shlex.split(config.test_command)
    assert command[:3] == ["python", "-m", "pytest"] and "-x" in command
    tests = [arg for arg in command if arg.startswith("tests/")]
    assert tests and all((ROOT / test).is_file() for test in tests), tests


def test_the_operator_filter_compiles():
    config = load_config(str(ROOT / ".ci" / "mutation" / "operators.toml"))
    patterns = config.sub("filters", "operators-filter")["exclude-operators"]
    assert all(re.compile(p) for p in patterns)
    excluded = re.compile("|".join(f"(:?{p})" for p in patterns))
    assert excluded.match("core/ReplaceBinaryOperator_Mod_Add")
    assert not excluded.match("core/ReplaceComparisonOperator_GtE_Gt")
    assert not excluded.match("core/ReplaceBinaryOperator_BitOr_BitAnd")


@pytest.mark.skipif(
    connection.vendor != "sqlite", reason="bin/mutation runs its tests on SQLite whatever the leg"
)
def test_the_mutation_command_runs_a_sample_of_mutants(tmp_path):
    """``bin/mutation`` end to end on two mutants of one module, as benchmarks run at a tiny
    size: copy, baseline, mutants, score. A full run takes hours and is not in CI."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "DJANGO"))}
    env |= {"MUTATION_SAMPLE": "2", "MUTATION_DIR": str(tmp_path)}

    run = subprocess.run(
        ["bin/mutation", "workflow"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )

    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    assert re.search(r"^workflow\s+2 mutants: [0-2] killed, [0-2] survived", run.stdout, re.M)
    assert (tmp_path / "workflow" / "survivors.txt").exists()
