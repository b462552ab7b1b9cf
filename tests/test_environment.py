"""The two install routes agree: requirements*.txt (make), environment.yml (conda) and constraints.txt."""

from __future__ import annotations

import re

import pytest

from utils import paths

REQUIREMENT = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?\s*==\s*([^\s;#]+)")


def canonical(name: str) -> str:
    """PEP 503 normalised package name (``PySastrawi`` == ``pysastrawi``, ``a_b`` == ``a-b``)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def read_pins(path) -> dict[str, str]:
    """``{name: version}`` for every requirement line; includes (-r) are followed; unpinned lines fail."""
    pins: dict[str, str] = {}
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith(("-r ", "--requirement ")):
            pins.update(read_pins(path.parent / line.split(maxsplit=1)[1]))
            continue
        match = REQUIREMENT.match(line)
        assert match, f"{path.name}:{number}: {raw!r} is not pinned with =="
        pins[canonical(match.group(1))] = match.group(2)
    return pins


@pytest.fixture(scope="module")
def environment():
    yaml = pytest.importorskip("yaml")
    return yaml.safe_load((paths.ROOT / "environment.yml").read_text(encoding="utf-8"))


def environment_pins(environment) -> tuple[dict[str, str], list[str]]:
    pins: dict[str, str] = {}
    pip_lines: list[str] = []
    for dependency in environment["dependencies"]:
        if isinstance(dependency, dict):
            pip_lines.extend(dependency.get("pip", []))
            continue
        name, _, version = dependency.partition("=")
        pins[canonical(name.strip())] = version.lstrip("=").strip()
    for line in pip_lines:
        match = REQUIREMENT.match(line)
        if match:
            pins[canonical(match.group(1))] = match.group(2)
    return pins, pip_lines


def test_requirements_are_all_pinned():
    for name in ("requirements.txt", "requirements-dev.txt", "requirements-dask.txt"):
        assert read_pins(paths.ROOT / name), f"{name} lists no packages"


def test_environment_yml_matches_requirements_txt(environment):
    required = read_pins(paths.ROOT / "requirements.txt")
    pins, pip_lines = environment_pins(environment)
    python = pins.pop("python")
    pins.pop("pip", None)
    assert python.startswith("3.11")
    assert pins == required, (
        "environment.yml and requirements.txt list different packages or versions"
    )
    assert "-e ." in pip_lines, (
        "environment.yml must install the repository itself (-e .) so `import utils` works"
    )
    assert "conda-forge" in environment["channels"]


def test_constraints_pin_every_requirement_at_the_same_version():
    constraints = read_pins(paths.ROOT / "constraints.txt")
    for name in ("requirements.txt", "requirements-dev.txt", "requirements-dask.txt"):
        for package, version in read_pins(paths.ROOT / name).items():
            assert package in constraints, f"constraints.txt does not pin {package} (from {name})"
            assert constraints[package] == version, (
                f"{package}: {name} pins {version} but constraints.txt pins {constraints[package]}"
            )


def test_installed_versions_match_the_pins():
    """The running environment is the pinned one (catches a stale .venv)."""
    import importlib.metadata

    for package, version in read_pins(paths.ROOT / "requirements.txt").items():
        try:
            installed = importlib.metadata.version(package)
        except importlib.metadata.PackageNotFoundError:
            pytest.fail(
                f"{package} is pinned in requirements.txt but not installed; run `make setup`"
            )
        assert installed == version, (
            f"{package} {installed} installed, {version} pinned; run `make setup`"
        )
