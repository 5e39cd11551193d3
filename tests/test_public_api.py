"""The public API: ``import vizkit`` gives the main entry points, lazily; each package's ``__all__`` is what it has."""

import importlib
import subprocess
import sys
from pathlib import Path

import pytest

import vizkit

ROOT = Path(vizkit.__file__).resolve().parent
PACKAGES = sorted(f"vizkit.{p.parent.name}" for p in ROOT.glob("*/__init__.py") if not p.parent.name.startswith("_"))
HEAVY = ("torch", "transformers", "gensim", "umap", "openTSNE", "numba")


def test_every_top_level_name_resolves_in_a_fresh_process_without_a_heavy_library():
    code = ("import sys, vizkit\n"
            "values = {name: getattr(vizkit, name) for name in vizkit.__all__}\n"
            "assert sorted(dir(vizkit)) == sorted(vizkit.__all__)\n"
            f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"


@pytest.mark.parametrize("name", vizkit.__all__)
def test_a_top_level_name_is_the_object_of_its_module(name):
    value = getattr(vizkit, name)
    if name == "__version__":
        assert isinstance(value, str)
        return
    home = importlib.import_module(vizkit._LAZY[name])
    assert value is (home if home.__name__ == f"vizkit.{name}" else getattr(home, name))


def test_the_main_entry_points_are_at_the_top():
    assert {"get_source", "GloVe", "LLM", "source_status", "PCA", "TSNE", "UMAP", "StableMap", "Atlas",
            "polysemy_frames", "animation_figure", "side_by_side_frames", "train_word2vec", "write_html", "save_gif",
            "present", "extract_occurrences", "get_tokenizer"} <= set(vizkit.__all__)
    assert vizkit.present.present.__module__ == "vizkit.present.deck"  # the package: present(...), parse_script...
    with pytest.raises(AttributeError, match="module 'vizkit' has no attribute 'AtlasView'"):
        vizkit.AtlasView  # a widget: vizkit.widgets.AtlasView


@pytest.mark.parametrize("package", PACKAGES)
def test_every_name_a_package_exports_exists_and_is_public(package):
    module = importlib.import_module(package)
    exported = getattr(module, "__all__", [])
    assert len(exported) == len(set(exported)), f"{package}.__all__ repeats a name"
    assert all(hasattr(module, name) for name in exported), [n for n in exported if not hasattr(module, n)]
    assert not [name for name in exported if name.startswith("_")]


@pytest.mark.parametrize("package, internals", [
    ("vizkit.projection", ["fit_cached", "map_key", "MAP_VERSION", "cached_neighbours"]),
    ("vizkit.tokenizers", ["cli", "run", "add_arguments", "fetch_wheel", "REGISTRY", "PALETTE"]),
])
def test_internals_are_importable_but_not_exported(package, internals):
    module = importlib.import_module(package)
    assert not set(internals) & set(module.__all__)
    assert all(hasattr(module, name) for name in internals)  # the package's own modules still reach them
