"""Package discovery, which pyproject.toml alone cannot express.

Every ``graph*`` folder is a package, found automatically, and the top-level
``ontology/`` folder is installed inside the package as ``graph/ontology``:
``[tool.setuptools.packages.find]`` cannot add a package mapped from elsewhere.
Everything else is in pyproject.toml.
"""

from setuptools import find_namespace_packages, setup

setup(packages=[*find_namespace_packages(include=["graph*"]), "graph.ontology"],
      package_dir={"graph.ontology": "ontology"})
