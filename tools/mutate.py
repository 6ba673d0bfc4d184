"""Mutation testing for one module: does any test notice when the code is wrong?

    uv run python tools/mutate.py core/text.py
    uv run python tools/mutate.py comments/services.py --tests tests/comments/test_antiabuse.py
    uv run python tools/mutate.py core/text.py --list        # the mutants, without running them
    uv run python tools/mutate.py core/text.py --mutant 7    # run only mutant 7 (ids from --list)

Each mutant is the module with one small change (below). The module's tests run
against it: a failing (or timed-out, or unimportable) run *kills* the mutant; a
passing run means no test noticed, and the mutant *survives*. The report lists
every survivor with its line, and the kill rate.

Mutations, made on the module's syntax tree (``ast``) and written back with
``ast.unparse`` (comments and layout are lost in the mutant, which is never kept):

- comparisons ``<``/``<=``, ``>``/``>=``, ``==``/``!=``, ``in``/``not in``,
  ``is``/``is not`` swapped; ``and``/``or`` swapped; ``not x`` becomes ``x``;
- numbers +1 and -1; ``True``/``False`` flipped; strings and bytes become empty;
- ``return x`` becomes ``return None``;
- an expression statement (a call on its own) or a ``raise`` becomes ``pass``;
- an ``if`` condition becomes ``True``, and ``False``.

Docstrings and type annotations are left alone: changing them changes nothing a
user or the database can see, so every such mutant would survive. Messages
passed to gettext *are* mutated: readers see them (Django's gettext answers
``""`` for ``""``), so a test should pin the Vietnamese text. Code that runs at
import (class bodies, module constants such as allow-lists and regexes) is
mutated too, because each run imports the mutant afresh.

The mutant is written over the module itself, so the tests import it as they
would the real one; the original is restored after each run, on Ctrl-C or
SIGTERM, and a copy is kept in var/mutate/ until the end in case this process
is killed outright (the next run puts it back). Runs are sequential: each
mutant's tests run in a child forked from this process after Django and pytest
are imported (but none of our modules), which saves a few seconds per mutant.
"""

import argparse
import ast
import contextlib
import copy
import importlib
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
BACKUPS = ROOT / "var" / "mutate"

_SWAPPED_COMPARISONS = {
    ast.Lt: ast.LtE,
    ast.LtE: ast.Lt,
    ast.Gt: ast.GtE,
    ast.GtE: ast.Gt,
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
}
# Fields whose contents never change behaviour: annotations (PEP 649 makes
# them lazy), and f-string format specs, which could not be emptied validly.
_SKIPPED_FIELDS = {"annotation", "returns", "format_spec", "type_comment"}


@dataclass
class Mutation:
    """One change: ``parent.field`` (or ``parent.field[index]``) becomes ``replacement``."""

    parent: ast.AST
    field: str
    index: int | None
    replacement: ast.AST
    line: int
    before: str
    after: str
    lines: frozenset[int]  # the source lines a test must run for this mutation to matter

    def apply(self) -> None:
        if self.index is None:
            setattr(self.parent, self.field, self.replacement)
        else:
            getattr(self.parent, self.field)[self.index] = self.replacement

    def describe(self) -> str:
        return f"line {self.line}: {_short(self.before)}  →  {_short(self.after)}"


def _short(code: str, limit: int = 70) -> str:
    code = " ".join(code.split())
    return code if len(code) <= limit else code[: limit - 1] + "…"


def mutations(tree: ast.Module) -> list[Mutation]:
    """Every mutation of ``tree``, in source order; the same tree text gives the same list."""
    found = list(_walk(tree))
    found.sort(key=lambda m: (m.line, getattr(m.parent, "col_offset", 0)))
    return found


def _walk(node: ast.AST, statement: frozenset[int] = frozenset()) -> Iterator[Mutation]:
    """The mutations under ``node``; ``statement`` holds the lines of the statement around it.

    Python reports a multi-line statement as run on some of its lines only (a
    set literal over nine lines runs "on" its first), so a mutation counts as
    reached when a test runs any line of its statement (or, for ``if``, ``def``
    and the like, of the statement's header).
    """
    docstring = _docstring_of(node)
    for field, value in ast.iter_fields(node):
        if field in _SKIPPED_FIELDS:
            continue
        children = value if isinstance(value, list) else [value]
        for index, child in enumerate(children):
            if not isinstance(child, ast.AST) or child is docstring:
                continue
            position = index if isinstance(value, list) else None
            lines = _statement_lines(child) if isinstance(child, ast.stmt) else statement
            yield from _mutations_of(node, field, position, child, lines)
            yield from _walk(child, lines)


def _statement_lines(statement: ast.stmt) -> frozenset[int]:
    body = getattr(statement, "body", None)
    if not body:  # a simple statement: all its lines
        return frozenset(_lines_of(statement))
    first = min([statement.lineno, *(d.lineno for d in getattr(statement, "decorator_list", []))])
    return frozenset(range(first, max(body[0].lineno, statement.lineno + 1)))


def _docstring_of(node: ast.AST) -> ast.AST | None:
    if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
        first = node.body[0] if node.body else None
        if (
            isinstance(first, ast.Expr)
            and isinstance(first.value, ast.Constant)
            and isinstance(first.value.value, str)
        ):
            return first
    return None


def _mutations_of(
    parent: ast.AST, field: str, index: int | None, node: ast.AST, statement: frozenset[int]
) -> Iterator[Mutation]:
    def make(replacement: ast.AST, after: str | None = None) -> Mutation:
        return Mutation(
            parent=parent,
            field=field,
            index=index,
            replacement=replacement,
            line=getattr(node, "lineno", getattr(parent, "lineno", 0)),
            before=ast.unparse(node),
            after=after if after is not None else ast.unparse(replacement),
            lines=statement | set(_lines_of(node)),
        )

    if isinstance(node, ast.Compare):
        for position, op in enumerate(node.ops):
            swapped = _SWAPPED_COMPARISONS.get(type(op))
            if swapped:
                mutant = copy.copy(node)
                mutant.ops = [*node.ops[:position], swapped(), *node.ops[position + 1 :]]
                yield make(mutant)
    elif isinstance(node, ast.BoolOp):
        mutant = copy.copy(node)
        mutant.op = ast.Or() if isinstance(node.op, ast.And) else ast.And()
        yield make(mutant)
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
        yield make(node.operand)
    elif isinstance(node, ast.Constant):
        value = node.value
        if isinstance(value, bool):
            yield make(ast.Constant(not value))
        elif isinstance(value, int | float):
            yield make(ast.Constant(value + 1))
            yield make(ast.Constant(value - 1))
        elif isinstance(value, str | bytes) and value:
            yield make(ast.Constant(type(value)()))
    elif isinstance(node, ast.Return):
        if node.value is not None and not (
            isinstance(node.value, ast.Constant) and node.value.value is None
        ):
            yield make(ast.Return(ast.Constant(None)))
    elif isinstance(node, ast.Expr | ast.Raise):
        yield make(ast.Pass(), after="pass")
    if isinstance(node, ast.If):
        test = ast.unparse(node.test)
        for constant in (True, False):
            yield Mutation(
                parent=node,
                field="test",
                index=None,
                replacement=ast.Constant(constant),
                line=node.lineno,
                before=f"if {test}:",
                after=f"if {constant}:",
                lines=statement | set(_lines_of(node.test)),
            )


def _lines_of(node: ast.AST) -> range:
    return range(node.lineno, (node.end_lineno or node.lineno) + 1)


def mutant_source(source: str, number: int) -> tuple[str, Mutation]:
    """The module's text with mutation ``number`` applied (a fresh tree each time)."""
    tree = ast.parse(source)
    mutation = mutations(tree)[number]
    mutation.apply()
    return ast.unparse(tree) + "\n", mutation


def default_tests(module: Path) -> list[Path]:
    """The mirror test files: core/text.py → tests/core/test_text.py (or test_tex.py's plural)."""
    folder = ROOT / "tests" / module.parent
    stem = module.stem
    names = [f"test_{stem}.py"]
    if stem.endswith("s"):
        names.append(f"test_{stem[:-1]}.py")  # comments/forms.py → tests/comments/test_form.py
    return [folder / name for name in names if (folder / name).exists()]


class Restorer:
    """Puts the module's original bytes back, whatever ends the run."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.backup = BACKUPS / path.relative_to(ROOT)
        if self.backup.exists():
            # A previous run was killed before it could restore: its copy is the original.
            shutil.copy2(self.backup, path)
            print(f"Restored {path.relative_to(ROOT)} from an interrupted run.", file=sys.stderr)
        self.original = path.read_bytes()
        self.stat = path.stat()
        self.backup.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, self.backup)

    def write(self, text: str) -> None:
        self.path.write_text(text, encoding="utf-8")

    def restore(self) -> None:
        self.path.write_bytes(self.original)
        # The original time too, so the compiled bytecode of the original stays valid.
        os.utime(self.path, ns=(self.stat.st_atime_ns, self.stat.st_mtime_ns))

    def finish(self) -> None:
        self.restore()
        self.backup.unlink(missing_ok=True)


def _preload() -> None:
    """Import what every run needs but that is not ours, so that forked runs skip it.

    Most of a short run is spent importing pytest's plugins (hypothesis and
    faker alone take seconds); none of these imports any module of ours.
    """
    for name in (
        "pytest",
        "pytest_django",
        "hypothesis",
        "factory",
        "django.test",
        "django.forms",
        "django.template",
        "PIL.Image",
        "nh3",
        "redis",
    ):
        importlib.import_module(name)


def run_tests(
    tests: list[str], timeout: float, verbose: bool, coverage: "Coverage | None" = None
) -> str:
    """Run pytest in a forked child; return "passed", "failed" or "timeout".

    With ``coverage``, the child records which lines of the module each test
    runs and saves them where ``coverage.load()`` reads them.
    """
    global _running
    pid = os.fork()
    if pid == 0:  # the child: its own process group, so a timeout can kill all of it
        os.setsid()
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        if not verbose:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, 1)
            os.dup2(devnull, 2)
        import pytest

        code = 1
        try:
            plugins = [coverage] if coverage else []
            if coverage:
                coverage.start()
            code = int(pytest.main(["-x", "-q", "-p", "no:cacheprovider", *tests], plugins))
            if coverage:
                coverage.save()
        finally:
            os._exit(code)
    _running = pid
    try:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                return "passed" if os.waitstatus_to_exitcode(status) == 0 else "failed"
            time.sleep(0.05)
        _kill_running()
        return "timeout"
    finally:
        _running = None


_running: int | None = None  # the forked test run, if one is going on


class Coverage:
    """Which lines of the module each test runs, so each mutant runs only the tests that reach it.

    A pytest plugin, used in the clean run. Lines run outside any test (at
    import: module constants, class bodies) are filed under ``IMPORT``, and a
    mutant there runs every test. Tests are tried fastest first.
    """

    IMPORT = ""

    def __init__(self, module: Path) -> None:
        self.suffix = os.sep + str(module)
        self.current = self.IMPORT
        self.lines: dict[str, set[int]] = {self.IMPORT: set()}
        self.seconds: dict[str, float] = {}
        self.saved = BACKUPS / (str(module) + ".coverage.json")

    def start(self) -> None:
        sys.settrace(self._trace)
        threading.settrace(self._trace)

    def _trace(self, frame: Any, event: str, arg: object) -> Any:
        return self._line if frame.f_code.co_filename.endswith(self.suffix) else None

    def _line(self, frame: Any, event: str, arg: object) -> Any:
        if event == "line":
            self.lines.setdefault(self.current, set()).add(frame.f_lineno)
        return self._line

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_protocol(self, item: pytest.Item, nextitem: object) -> Any:
        self.current, started = item.nodeid, time.monotonic()
        try:
            return (yield)
        finally:
            self.seconds[item.nodeid] = time.monotonic() - started
            self.current = self.IMPORT

    def save(self) -> None:
        sys.settrace(None)
        data = {"seconds": self.seconds, "lines": {k: sorted(v) for k, v in self.lines.items()}}
        self.saved.parent.mkdir(parents=True, exist_ok=True)
        self.saved.write_text(json.dumps(data))

    def load(self) -> None:
        data = json.loads(self.saved.read_text())
        self.saved.unlink()
        self.seconds = data["seconds"]
        self.lines = {k: set(v) for k, v in data["lines"].items()}

    def tests_for(self, mutation: Mutation, all_tests: list[str]) -> list[str]:
        lines = set(mutation.lines)
        if lines & self.lines.get(self.IMPORT, set()):
            return all_tests
        reaching = [test for test, ran in self.lines.items() if test and lines & ran]
        return sorted(reaching, key=lambda test: self.seconds.get(test, 0.0))


def _kill_running() -> None:
    if _running is not None:
        with contextlib.suppress(ProcessLookupError, ChildProcessError):
            os.killpg(_running, signal.SIGKILL)
            os.waitpid(_running, 0)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("module", help="a module's path, e.g. core/text.py (or core.text)")
    parser.add_argument("--tests", nargs="+", help="test files to run (default: the mirror)")
    parser.add_argument("--mutant", type=int, action="append", help="run only this mutant id")
    parser.add_argument("--list", action="store_true", help="list the mutants and stop")
    parser.add_argument("--timeout", type=float, help="seconds per run (default: 3× the clean run)")
    parser.add_argument("--verbose", action="store_true", help="show pytest's output")
    args = parser.parse_args()

    os.chdir(ROOT)
    sys.path.insert(0, str(ROOT))
    os.environ["PYTHONDONTWRITEBYTECODE"] = "1"  # never cache a mutant's bytecode
    sys.dont_write_bytecode = True
    name = args.module
    module = Path(name if name.endswith(".py") else name.replace(".", "/") + ".py")
    path = (ROOT / module).resolve()
    if not path.is_file():
        parser.error(f"no module at {module}")
    module = path.relative_to(ROOT)
    tests = (
        [str(t) for t in args.tests]
        if args.tests
        else [str(t.relative_to(ROOT)) for t in default_tests(module)]
    )
    if not tests:
        parser.error(f"no mirror test file for {module} in tests/{module.parent}/; use --tests")

    source = path.read_text(encoding="utf-8")
    listed = mutations(ast.parse(source))
    numbers = args.mutant or range(len(listed))
    if args.list:
        for number, mutation in enumerate(listed):
            print(f"{number:4d}  {mutation.describe()}")
        return 0

    was_clean = _git_clean(module)
    restorer = Restorer(path)

    def interrupted(signum: int, frame: object) -> None:
        _kill_running()
        restorer.finish()
        print("\nInterrupted; the module is restored.", file=sys.stderr)
        sys.exit(130)

    signal.signal(signal.SIGINT, interrupted)
    signal.signal(signal.SIGTERM, interrupted)
    survivors: list[tuple[int, Mutation, str]] = []
    timeouts = 0
    try:
        _preload()
        print(f"{module}: {len(numbers)} mutants; tests: {' '.join(tests)}", file=sys.stderr)
        coverage = Coverage(module)
        started = time.monotonic()
        if run_tests(tests, timeout=1200, verbose=args.verbose, coverage=coverage) != "passed":
            print("The tests fail on the unmutated module; fix them first.", file=sys.stderr)
            return 2
        coverage.load()
        # Plain runs take about a third of a traced one: this leaves room for slow machines.
        timeout = args.timeout or (time.monotonic() - started) + 10
        # The unparsed original must pass too, or every mutant would look killed.
        restorer.write(ast.unparse(ast.parse(source)) + "\n")
        if run_tests(tests, timeout=timeout, verbose=args.verbose) != "passed":
            print("The tests fail on the module as ast.unparse writes it.", file=sys.stderr)
            return 2
        for count, number in enumerate(numbers, 1):
            text, mutation = mutant_source(source, number)
            reaching = coverage.tests_for(mutation, tests)
            if reaching:
                restorer.write(text)
                outcome = run_tests(reaching, timeout=timeout, verbose=args.verbose)
                restorer.restore()
            else:
                outcome = "passed"  # no test runs this line: nothing can notice
            timeouts += outcome == "timeout"
            unreached = "" if reaching else " (no test runs this line)"
            if outcome == "passed":
                survivors.append((number, mutation, unreached))
            mark = ("SURVIVED" if outcome == "passed" else outcome) + unreached
            progress = f"[{count}/{len(numbers)}] #{number} {mark}"
            print(f"{progress}: {mutation.describe()}", file=sys.stderr)
    finally:
        restorer.finish()

    if was_clean and not _git_clean(module):
        print(f"ERROR: {module} differs from git after the run!", file=sys.stderr)
        return 3
    total = len(numbers)
    killed = total - len(survivors)
    print(
        f"\n{module}: {killed}/{total} mutants killed ({killed / total:.0%}), "
        f"{timeouts} by timeout; tests: {' '.join(tests)}"
    )
    for number, mutation, unreached in survivors:
        print(f"  survived #{number}  {mutation.describe()}{unreached}")
    return 0 if not survivors else 1


def _git_clean(module: Path) -> bool:
    return subprocess.run(["git", "diff", "--quiet", "--", str(module)], cwd=ROOT).returncode == 0


if __name__ == "__main__":
    sys.exit(main())
