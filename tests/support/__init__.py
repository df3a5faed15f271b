"""What several test modules share: helpers, sample data, fake servers and fixtures.

Test modules import from here and never from one another: importing a `test_*.py` module from another imports
it twice (once by pytest, once by the import) and re-registers its fixtures wherever it is imported. The modules
that define fixtures are registered as plugins in `tests/conftest.py` (`pytest_plugins`), so any test can ask for
those fixtures by name; every module here gets pytest's assertion rewriting (see `tests/conftest.py`).
"""
