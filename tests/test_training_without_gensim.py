"""``vizkit.training`` imports, and its pure-Python training examples work, on a machine without gensim."""

import subprocess
import sys

# gensim hidden: `None` in sys.modules makes every `import gensim...` raise ImportError
WITHOUT_GENSIM = """
import sys
sys.modules["gensim"] = None

import vizkit.training.examples as ex
import vizkit.training
from vizkit.errors import MissingDependencyError

assert ex.skipgram_pairs("thou shalt not make a machine", window=2)[:2] == [("thou", "shalt"), ("thou", "not")]
assert ex.cbow_examples("the cat sat on the mat", window=1)[1] == (("the", "sat"), "cat")
words, p = ex.noise_distribution({"the": 81, "cat": 1})
assert words == ["the", "cat"] and p.round(3).tolist() == [0.964, 0.036]
rows = ex.negative_samples([("cat", "sat")], {"cat": 5, "sat": 5, "dog": 5, "mat": 5}, k=2)
assert [r["label"] for r in rows] == [1, 0, 0]
assert len(ex.seed_sentences(preprocess=False)) == 5
assert vizkit.training.parse_groups("pets: cat dog") == {"pets": ["cat", "dog"]}
assert "EpochSnapshots" in dir(vizkit.training)
try:
    vizkit.training.EpochSnapshots
except MissingDependencyError as exc:
    assert "vizkit[word2vec]" in str(exc), exc
else:
    raise AssertionError("EpochSnapshots without gensim")
assert not hasattr(vizkit.training, "no_such_name")
assert not any(m == "gensim" or m.startswith("gensim.") for m in sys.modules if sys.modules[m] is not None)
print("ok")
"""


def test_training_examples_work_without_gensim():
    done = subprocess.run([sys.executable, "-c", WITHOUT_GENSIM], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"


def test_epoch_snapshots_is_one_gensim_callback_class_made_on_first_use():
    code = ("import sys, pickle; import vizkit.training as t; assert 'gensim' not in sys.modules; "
            "from vizkit.training.run import EpochSnapshots as E; "
            "from gensim.models.callbacks import CallbackAny2Vec; "
            "assert E is t.EpochSnapshots and issubclass(E, CallbackAny2Vec), E; "
            "s = pickle.loads(pickle.dumps(E(['two'], probe='two'))); "
            "assert type(s) is E and s.words == ['two'] and s.probe == 'two'; print('ok')")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    if "No module named 'gensim'" in done.stderr:  # pragma: no cover - the word2vec extra not installed
        import pytest

        pytest.skip("gensim is not installed")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"
