"""Every projector follows scikit-learn's estimator contract: get_params / set_params / clone."""

import inspect

import numpy as np
import pytest
from sklearn.base import clone

from vizkit.errors import ParameterAdjustedWarning
from vizkit.projection import PCA, TSNE, UMAP, Projector, StableMap

from conftest import SEED

PROJECTORS = [PCA, TSNE, UMAP]
# a parameter of each that changes the map, and a non-default value for it
CHANGED = {PCA: {"normalize": True}, TSNE: {"perplexity": 10.0}, UMAP: {"n_neighbors": 10}}


@pytest.fixture(scope="module")
def glove_300(glove):
    """300 frequent content words of the real GloVe."""
    return glove.vectors([w for w in glove.words[200:1500] if w.isalpha()][:300])


def _init_params(cls) -> set[str]:
    return set(inspect.signature(cls.__init__).parameters) - {"self"}


@pytest.mark.parametrize("cls", [Projector, *PROJECTORS])
def test_get_params_keys_are_the_init_parameters(cls):
    assert set(cls().get_params()) == _init_params(cls)
    assert set(cls().get_params(deep=True)) == _init_params(cls)


@pytest.mark.parametrize("cls", PROJECTORS)
def test_init_arguments_after_the_first_are_keyword_only(cls):
    params = list(inspect.signature(cls.__init__).parameters.values())[1:]
    assert params[0].name == "n_components" and params[0].kind is inspect.Parameter.POSITIONAL_OR_KEYWORD
    assert all(p.kind is inspect.Parameter.KEYWORD_ONLY for p in params[1:])


@pytest.mark.parametrize("cls", PROJECTORS)
def test_clone_keeps_the_params_and_gives_the_identical_map(cls, glove_300):
    proj = cls(random_state=SEED, **CHANGED[cls])
    copy = clone(proj)
    assert copy is not proj and type(copy) is cls
    assert copy.get_params() == proj.get_params()
    assert not hasattr(copy, "embedding_")
    first = proj.fit_transform(glove_300)
    assert not hasattr(copy, "embedding_")  # fitting one leaves the other unfitted
    again = copy.fit_transform(glove_300)
    assert first.shape == (300, 2)
    assert np.array_equal(again, first)
    # a clone of a fitted projector has its params and none of its fitted state
    refit = clone(proj)
    assert refit.get_params() == proj.get_params() and not hasattr(refit, "embedding_")


@pytest.mark.parametrize("cls", PROJECTORS)
def test_set_params_returns_the_projector_and_changes_its_params(cls):
    proj = cls()
    assert proj.set_params(random_state=7, **CHANGED[cls]) is proj
    assert proj.get_params() == {**cls().get_params(), "random_state": 7, **CHANGED[cls]}
    with pytest.raises(ValueError, match="Invalid parameter"):
        proj.set_params(no_such_parameter=1)


def test_set_params_changes_what_fit_uses(glove_300):
    default = TSNE(random_state=SEED).fit(glove_300)
    assert default.perplexity_ == 30.0
    proj = TSNE(random_state=SEED).set_params(perplexity=5)
    proj.fit(glove_300)
    assert proj.perplexity_ == 5
    assert not np.allclose(proj.embedding_, default.embedding_)


def test_set_params_perplexity_still_adjusted_to_the_points(rng):
    proj = TSNE(random_state=SEED).set_params(perplexity=5)
    with pytest.warns(ParameterAdjustedWarning, match="using perplexity=3$"):
        proj.fit(rng.normal(size=(10, 4)))
    assert proj.perplexity_ == 3


def test_repr_shows_every_parameter():
    assert repr(PCA(random_state=0)) == "PCA(n_components=2, random_state=0, normalize=False)"


def test_stable_map_fits_a_clone_of_the_projector_it_is_given(glove_300):
    given = PCA(random_state=SEED)
    smap = StableMap(given).fit(glove_300)
    assert not hasattr(given, "embedding_")  # the instance given is not fitted behind the caller's back
    assert smap.projector_ is not given
    assert smap.projector_.get_params() == given.get_params()
    np.testing.assert_array_equal(smap.reference_, StableMap("pca", random_state=SEED).fit(glove_300).reference_)
    other = StableMap(given).fit(glove_300[:100])
    assert other.projector_ is not smap.projector_
    assert smap.reference_.shape == (300, 2)  # fitting a second map left the first one alone
