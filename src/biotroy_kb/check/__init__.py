"""The knowledge base check (`make check`): a builder in the style of `linkcheck`.

The builder is registered through the `sphinx.builders` entry point (`pyproject.toml`): Sphinx
imports `check/load.py`, and with it the checks, only when `-b kbcheck` asks for it, so that
every other build and every live reload is spared the import. Its settings are declared with the
others in `core/config.py`.
"""
