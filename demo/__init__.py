"""Everything that is not production code: demo content for ``manage.py quickstart`` and
bulk data for ``manage.py seed_bulk`` (benchmarks, load tests).

It may use every app; no app uses it.
"""
