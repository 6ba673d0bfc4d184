"""Dependencies between the project's packages point one way.

``core`` is plumbing that knows no app; ``articles`` knows only ``core``;
``comments`` may use ``articles``; the page cache may use both; ``demo`` may
use every app and no app uses it; ``newsroom`` is configuration and wiring
(settings, URLs, WSGI). An import that breaks this fails here, with the line
that made it.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# What each package may import from the project's own packages.
ALLOWED = {
    "core": set(),
    "articles": {"core"},
    "comments": {"core", "articles"},
    "pagecache": {"core", "articles", "comments"},
    "demo": {"core", "articles", "comments"},
    "newsroom": {"core", "articles", "comments", "pagecache", "demo"},
}
PACKAGES = set(ALLOWED)


def project_imports(path: Path) -> list[tuple[int, str]]:
    """(line, package) for every import of one of the project's packages in ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        for name in names:
            top = name.split(".")[0]
            if top in PACKAGES:
                found.append((node.lineno, top))
    return found


def sources(package: str) -> list[Path]:
    return sorted(path for path in (ROOT / package).rglob("*.py") if "migrations" not in path.parts)


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_a_package_imports_only_what_it_may(package):
    wrong = [
        f"{path.relative_to(ROOT)}:{line} imports {imported}"
        for path in sources(package)
        for line, imported in project_imports(path)
        if imported != package and imported not in ALLOWED[package]
    ]
    assert wrong == []


def test_the_allowed_graph_has_no_cycle():
    def reaches(start: str, goal: str, seen: frozenset = frozenset()) -> bool:
        return any(
            step == goal or (step not in seen and reaches(step, goal, seen | {step}))
            for step in ALLOWED[start]
        )

    assert [package for package in ALLOWED if reaches(package, package)] == []


def test_the_check_sees_a_forbidden_import(tmp_path):
    """The checker itself: an ``articles`` module importing ``comments`` is caught."""
    module = tmp_path / "bad.py"
    module.write_text("from comments.models import Comment\nimport core.text\n", encoding="utf-8")
    assert project_imports(module) == [(1, "comments"), (2, "core")]
