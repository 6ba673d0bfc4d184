"""Slow reliability tests (gunicorn, PostgreSQL, hundreds of requests) run only when asked.

    NEWSROOM_RUN_SLOW=1 uv run pytest tests/reliability -m slow
    uv run pytest tests/reliability --run-slow

The flag only exists when this directory is on the command line (pytest reads
options from the conftest files it starts from); the variable works from anywhere.
"""

import os

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--run-slow",
        action="store_true",
        default=False,
        help="also run tests marked slow (same as NEWSROOM_RUN_SLOW=1)",
    )


def _run_slow(config: pytest.Config) -> bool:
    flag = config.getoption("--run-slow", default=False)
    return bool(flag) or os.environ.get("NEWSROOM_RUN_SLOW", "").strip() in {"1", "true", "yes"}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if _run_slow(config):
        return
    skip = pytest.mark.skip(reason="slow: set NEWSROOM_RUN_SLOW=1 or pass --run-slow to run it")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)
