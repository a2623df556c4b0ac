"""requirements/*.txt, the pinned versions `make` installs, agree with pyproject.toml."""

import re
import tomllib

import pytest
from django.conf import settings
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

PIN = re.compile(r"^([A-Za-z0-9._-]+)==([^\s;\\]+)", re.MULTILINE)


def pins(group):
    text = (settings.BASE_DIR / "requirements" / f"{group}.txt").read_text()
    return {canonicalize_name(name): version for name, version in PIN.findall(text)}


def requirements(group):
    groups = tomllib.loads((settings.BASE_DIR / "pyproject.toml").read_text())["dependency-groups"]
    for entry in groups[group]:
        if isinstance(entry, dict):
            yield from requirements(entry["include-group"])
        else:
            yield Requirement(entry)


@pytest.mark.parametrize("group", ["run", "test"])
def test_every_dependency_is_pinned_within_its_range(group):
    pinned = pins(group)
    stale = [
        str(requirement)
        for requirement in requirements(group)
        if not requirement.specifier.contains(
            pinned.get(canonicalize_name(requirement.name), "0.dev0"), prereleases=True
        )
    ]
    assert not stale, f"Lancez `make lock` : {', '.join(stale)} hors du fichier de verrouillage"


def test_tests_run_on_the_versions_production_runs():
    run, test = pins("run"), pins("test")
    assert {name: test[name] for name in run} == run
