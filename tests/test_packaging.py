"""Set-up stays honest: light import, environment.yml in step with pyproject, README commands exist, and the
wheel holds the whole package and runs installed away from the source tree."""

import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tomllib
import zipfile
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent


def _name(req: str) -> str:
    return re.split(r"[<>=!~\[ ;]", req.strip(), maxsplit=1)[0].lower().replace("_", "-")


def test_import_is_light():
    # what `import vizkit` loads, not how long it takes (a clock flakes on a busy machine): nothing but the
    # standard library and vizkit itself, so numpy, torch, transformers, umap, gensim... wait until used
    code = ("import sys; before = set(sys.modules); import vizkit; "
            "print(sorted({m.split('.')[0] for m in set(sys.modules) - before} - set(sys.stdlib_module_names)))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "['vizkit']"


def test_environment_yml_matches_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = {_name(r) for r in project["dependencies"]}
    for extra, reqs in project["optional-dependencies"].items():
        wanted |= {_name(r) for r in reqs if not r.startswith("vizkit[")}
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    have = set()
    for dep in env["dependencies"]:
        if isinstance(dep, dict):
            have |= {_name(r) for r in dep["pip"]}
        else:
            have.add(_name(dep))
    have -= {"python", "pip", "nodejs"}
    aliases = {"opentsne": "opentsne"}
    wanted = {aliases.get(n, n) for n in wanted}
    assert wanted == have, f"only in pyproject: {wanted - have}; only in environment.yml: {have - wanted}"


def test_torch_is_pinned_for_cpu_installs():
    make = (ROOT / "Makefile").read_text()
    assert re.search(r"TORCH\s*\?=\s*torch==\d+\.\d+\.\d+", make)
    env = (ROOT / "environment.yml").read_text()
    assert re.search(r"torch==\d+\.\d+\.\d+", env)


def test_readme_quick_start_commands_exist():
    readme = (ROOT / "README.md").read_text()
    make = (ROOT / "Makefile").read_text()
    for target in ("demo", "test"):
        assert f"make {target}" in readme
        assert re.search(rf"^{target}:", make, re.M)
    ci = (ROOT / ".ci" / "run").read_text()
    assert "make test" in ci


def test_bundled_data_loads_from_any_directory(tmp_path):
    import subprocess
    import sys

    code = ("from vizkit.datasets import sentence_sets; s = sentence_sets.load('bank'); "
            "print(len(s), len(sentence_sets.bundled_anchors('bank')))")
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["16", "2"]


# ------------------------------------------------------------------ the wheel, installed away from the source tree
@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    """A wheel built from a copy of the source tree (setuptools writes build/ and *.egg-info beside the
    sources it builds: not into the checkout), with no network and no build isolation."""
    tmp = tmp_path_factory.mktemp("wheel")
    src = tmp / "src"
    src.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        shutil.copy2(ROOT / name, src / name)
    shutil.copytree(ROOT / "vizkit", src / "vizkit", ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
                           "-q", "-w", str(tmp / "dist"), str(src)],
                          capture_output=True, text=True, timeout=120, env=_pip_env())
    assert done.returncode == 0, done.stdout + done.stderr
    (built,) = (tmp / "dist").glob("vizkit-*.whl")
    return built


def _pip_env() -> dict:
    return {**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1", "PIP_NO_INPUT": "1"}


def test_the_license_is_an_spdx_expression_with_its_file():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert project["license"] == "MIT" and project["license-files"] == ["LICENSE"]
    assert not [c for c in project.get("classifiers", []) if c.startswith("License ::")]  # the expression says it
    assert "Copyright (c) 2026 the vizkit authors" in (ROOT / "LICENSE").read_text()


def test_the_wheel_holds_every_file_of_the_package_and_the_license(wheel):
    with zipfile.ZipFile(wheel) as whl:
        names = whl.namelist()
        metadata = whl.read(next(n for n in names if n.endswith(".dist-info/METADATA"))).decode()
        license_text = whl.read(next(n for n in names if n.endswith(".dist-info/licenses/LICENSE"))).decode()
    shipped = {n for n in names if n.startswith("vizkit/")}
    tree = {p.relative_to(ROOT).as_posix() for p in (ROOT / "vizkit").rglob("*")
            if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"}
    assert tree - shipped == set(), "files of the package missing from the wheel (add their pattern to " \
                                    "[tool.setuptools.package-data])"
    data = {n for n in shipped if not n.endswith(".py")}
    assert {"vizkit/datasets/data/sentences.tsv", "vizkit/render/messages/atlas.json", "vizkit/render/js/atlas-core.js", "vizkit/render/vendor/plotly-basic.min.js",
            "vizkit/render/vendor/regl-scatterplot.min.js", "vizkit/render/vendor/LICENSE-regl-scatterplot.txt"} <= data
    assert {n.rsplit(".", 1)[-1] for n in data} >= {"js", "css", "json", "tsv"}
    assert "License-Expression: MIT" in metadata and "License-File: LICENSE" in metadata
    assert "the vizkit authors" in license_text


def test_the_installed_wheel_runs_outside_the_source_tree(wheel, tmp_path):
    site, cache, work = tmp_path / "site", tmp_path / "cache", tmp_path / "work"
    work.mkdir()
    done = subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--no-index", "--no-compile", "-q",
                           "--target", str(site), str(wheel)], capture_output=True, text=True, timeout=120,
                          env=_pip_env())
    assert done.returncode == 0, done.stdout + done.stderr
    # -S: no site-packages .pth runs, so the editable install's import hook is not there; the wheel's copy comes
    # first on the path, the environment's dependencies after it
    libs = dict.fromkeys([str(site), sysconfig.get_path("purelib"), sysconfig.get_path("platlib")])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(libs), "VIZKIT_CACHE": str(cache)}

    def run(*args):
        out = subprocess.run([sys.executable, "-S", *args], cwd=work, env=env, capture_output=True, text=True,
                             timeout=120)
        assert out.returncode == 0, out.stderr
        return out.stdout

    code = ("import sys, vizkit\n"
            "assert not [m for m in sys.modules if m.startswith('__editable__')]\n"
            "print(vizkit.__file__)\n"
            "from vizkit.datasets import sentence_sets\n"
            "print(len(sentence_sets.load('bank')))\n"  # a bundled .tsv
            "fig = vizkit.scatter(['king', 'queen', 'bank'], [[0, 0], [1, 1], [2, 0]])\n"
            "print(vizkit.write_html(fig, 'map.html'))\n")  # plotly.js and the page's scripts, from the wheel
    where, n, page = run("-c", code).split()
    assert Path(where) == site / "vizkit" / "__init__.py" and n == "16"
    text = (work / page).read_text(encoding="utf-8")
    assert len(text) > 1_000_000 and "Plotly" in text and "<script src=" not in text
    assert "sources" in run("-m", "vizkit", "--help")
    listed = run("-m", "vizkit", "sources").splitlines()
    assert listed[0].startswith("source\toffline") and listed[1].startswith("glove\tyes\t400000\t50")
