"""The default rule packs (*.yaml), installed as the package data `factcheck.packs`.

The folder stays at the top of the source tree where people read and edit it; pyproject.toml maps
it into the package (`[tool.setuptools.package-dir]`), and `rulepack.load_rules` finds it through
importlib.resources, in a wheel and in an editable install alike.
"""
