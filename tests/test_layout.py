"""The package layout stays honest: no import into another package's private modules, light package imports.

A package (a folder under vizkit/) keeps its underscore modules to itself: another package uses what the
package re-exports from its ``__init__`` (or a module without an underscore). vizkit's own top-level private
modules (``vizkit._cache``, ``vizkit.vectors``...) are the shared infrastructure every package may import.
"""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import vizkit

ROOT = Path(vizkit.__file__).resolve().parent
HEAVY = ("torch", "transformers", "gensim", "umap", "openTSNE", "numba")


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _package_of(module: str) -> str:
    """The package a module belongs to (a package's ``__init__`` belongs to the package itself)."""
    return module if (ROOT.parent / module.replace(".", "/")).is_dir() else module.rsplit(".", 1)[0]


def _imported(module: str, tree: ast.AST):
    """``(line, dotted target)`` of every vizkit module or name the code imports, relative imports resolved.

    ``from .x import y`` gives both ``vizkit.<pkg>.x`` and ``vizkit.<pkg>.x.y`` (``y`` may be a module);
    a string that is a whole dotted vizkit path (``importlib.import_module("vizkit.sources._glove")``, a
    registry of lazily imported modules) counts as an import too.
    """
    package = _package_of(module).split(".")
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = ".".join(package[:len(package) - node.level + 1] + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            yield node.lineno, base
            for alias in node.names:
                if alias.name != "*":
                    yield node.lineno, f"{base}.{alias.name}"
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.startswith("vizkit."):
            parts = node.value.split(".")
            if all(p.isidentifier() for p in parts):
                yield node.lineno, node.value


def _crossing(importer: str, target: str) -> bool:
    """Whether ``importer`` reaches into a private module (or name) of a package it is not part of."""
    parts = target.split(".")
    if parts[0] != "vizkit":
        return False
    private = next((i for i, p in enumerate(parts) if i and p.startswith("_") and not p.startswith("__")), None)
    if private is None or private == 1:  # public, or vizkit's own shared infrastructure (vizkit._cache...)
        return False
    owner = _package_of(".".join(parts[:private]))
    mine = _package_of(importer)
    return not (mine == owner or mine.startswith(owner + "."))


def private_imports(module: str, source: str) -> list[str]:
    """``"module:line -> target"`` for each import of another package's underscore module in ``source``."""
    found = []
    for line, target in _imported(module, ast.parse(source)):
        if _crossing(module, target):
            found.append(f"{module}:{line} -> {target}")
    return sorted(set(found))


def test_no_module_imports_another_packages_private_module():
    modules = sorted(ROOT.rglob("*.py"))
    assert len(modules) > 50
    found = [hit for path in modules for hit in private_imports(_module_name(path), path.read_text(encoding="utf-8"))]
    assert found == [], "imports into another package's private modules:\n" + "\n".join(found)


@pytest.mark.parametrize("module, code, crossing", [
    # into another package's private module, in the three spellings
    ("vizkit.recommend", "from ..sources._gensim import train_keyed_vectors", True),
    ("vizkit.polysemy.comparison", "from ..plot import _common", True),
    ("vizkit.training.figure", "from ..plot._common import group_colours", True),
    ("vizkit.tokenizers._registry", "import vizkit.sources._llm", True),
    ("vizkit.transformer.decoder", "def f():\n    from ..sources._online import hf_reachable", True),  # a lazy import too
    ("vizkit.cli", "import importlib\nimportlib.import_module('vizkit.widgets._common')", True),
    ("vizkit.transformer.decoder", "from ..polysemy.frames import _static_source", True),  # a private name of a package module
    # public names, the package's own private modules, and vizkit's shared infrastructure
    ("vizkit.recommend", "from ..sources import train_keyed_vectors", False),
    ("vizkit.training.figure", "from ..plot import group_colours", False),
    ("vizkit.plot._mpl", "from ._common import PALETTE", False),
    ("vizkit.plot", "from ._common import group_colours", False),
    ("vizkit.polysemy.comparison", "from .frames import _static_source", False),
    ("vizkit.sources._registry", "SOURCES = {'glove': ('vizkit.sources._glove', 'GloVe')}", False),
    ("vizkit._fetch.models", "from .. import _cache\nfrom . import pypi", False),
    ("vizkit.sources._base", "from .._cache import Entry, _sweep", False),
    ("vizkit.widgets.player", "import vizkit._seeding", False),
])
def test_the_check_sees_each_spelling(module, code, crossing):
    assert bool(private_imports(module, code)) is crossing


def test_importing_the_packages_loads_no_heavy_library():
    packages = sorted(_module_name(p) for p in ROOT.glob("*/__init__.py"))
    assert {"vizkit.sources", "vizkit.projection", "vizkit.plot", "vizkit.tokenizers", "vizkit.training",
            "vizkit.widgets"} <= set(packages)
    code = (f"import sys\nimport {', '.join(packages)}\n"
            f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]", f"importing {', '.join(packages)} loaded {done.stdout.strip()}"


def _unit(dotted: str) -> str | None:
    """The top-level part of vizkit a dotted name belongs to (``vizkit.sources._llm`` -> ``vizkit.sources``)."""
    parts = dotted.split(".")
    if parts[0] != "vizkit" or len(parts) < 2:
        return None
    unit = ".".join(parts[:2])
    path = ROOT.parent / unit.replace(".", "/")
    return unit if path.is_dir() or path.with_suffix(".py").is_file() else None


def unit_graph(sources: dict[str, str]) -> dict[str, dict[str, str]]:
    """``{unit: {imported unit: "module:line"}}`` from ``{module: source}``, lazy imports included."""
    graph: dict[str, dict[str, str]] = {}
    for module, source in sources.items():
        mine = _unit(module)
        for line, target in _imported(module, ast.parse(source)):
            theirs = _unit(target)
            if mine and theirs and theirs != mine:
                graph.setdefault(mine, {}).setdefault(theirs, f"{module}:{line}")
    return graph


def find_cycle(graph: dict[str, dict[str, str]]) -> list[str]:
    """One import cycle between units (``[a, b, ..., a]``), or ``[]``."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node):
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, {})):
            if state.get(nxt) == 1:
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        state[node] = 2
        stack.pop()
        return []

    for node in sorted(graph):
        if node not in state and (found := visit(node)):
            return found
    return []


def test_no_import_cycles_between_packages():
    sources = {_module_name(p): p.read_text(encoding="utf-8") for p in sorted(ROOT.rglob("*.py"))
               if p.parent != ROOT or p.name not in ("__init__.py", "__main__.py")}
    graph = unit_graph(sources)
    assert {"vizkit.sources", "vizkit.polysemy", "vizkit.datasets"} <= set(graph)
    cycle = find_cycle(graph)
    where = [graph[a][b] for a, b in zip(cycle, cycle[1:])]
    assert cycle == [], "import cycle " + " -> ".join(cycle) + " (" + ", ".join(where) + ")"


def test_the_cycle_check_sees_a_lazy_cycle():
    # the loop this layout ended: a source fetching the decoder's model, the decoder asking the sources for the hub
    sources = {"vizkit.sources._llm": "def f():\n    from ..transformer.decoder import smollm2_folder",
               "vizkit.transformer.decoder": "def g():\n    from ..sources import hf_reachable",
               "vizkit.plot._plotly": "from ..errors import InputError"}
    graph = unit_graph(sources)
    assert find_cycle(graph) == ["vizkit.sources", "vizkit.transformer", "vizkit.sources"]
    del sources["vizkit.transformer.decoder"]
    assert find_cycle(unit_graph(sources)) == []

