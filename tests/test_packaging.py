"""Set-up stays honest: light import, environment.yml in step with pyproject, README commands exist."""

import re
import subprocess
import sys
import tomllib
from pathlib import Path

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
