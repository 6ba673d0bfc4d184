"""Demo content (sections, authors, articles, generated photos) for ``manage.py quickstart``."""
