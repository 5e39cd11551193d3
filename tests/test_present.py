"""Presenter mode (issue 16, part 4): the script of scenes, the one-file page, and the page driven by keys in
real headless Chromium with every network request blocked, on the real MiniLM and the bundled sentences."""

import re

import pytest

from vizkit.cli import main
from vizkit.datasets import sentence_sets
from vizkit.errors import InputError
from vizkit.polysemy import polysemy_frames
from vizkit.present import Scene, default_scenes, parse_script, present, read_script, write_presentation
from vizkit.render.plotlyjs import inlined

EXAMPLE = '''
# bank, for the Tuesday class
title "Why context matters"
static caption="One vector for every sentence"
layer 0
layer 3 caption="Halfway: the senses pull apart"   # a comment after a scene
layer best

compare
separation
text "Questions?"
'''

EXTERNAL = re.compile(r"<(script|link|img|iframe)[^>]+(src|href)=[\"']?(https?:)?//", re.I)
NOW = "window.vizkitPresent.current()"
VISIBLE = "document.querySelector('#vizkit-present .scene:not([hidden])')"
POINTS = ("Array.from(document.querySelectorAll('#vp-map .scatterlayer .trace')[0].querySelectorAll('.point'))"
          ".map(p => p.getAttribute('transform'))")


@pytest.fixture(scope="module")
def bank(llm):
    s = sentence_sets.load("bank")
    return polysemy_frames("bank", s.sentences, s.senses, llm=llm)


@pytest.fixture(scope="module")
def talk(bank, llm, tmp_path_factory):
    """The default talk of 'bank', written once for the module."""
    path = tmp_path_factory.mktemp("present") / "talk.html"
    assert write_presentation(bank, path, llm=llm) == str(path)
    return path


def _best(fs):
    rows = [r for r in fs.metrics() if r["layer"] != "static" and r["layer"] >= 1]
    return max(rows, key=lambda r: r["separation"])["layer"]


# ------------------------------------------------------------------ the script
def test_the_teachers_script_gives_its_scenes():
    assert parse_script(EXAMPLE) == [
        Scene("title", text="Why context matters"),
        Scene("static", caption="One vector for every sentence"),
        Scene("layer", layer=0),
        Scene("layer", layer=3, caption="Halfway: the senses pull apart"),
        Scene("layer", layer="best"),
        Scene("compare"),
        Scene("separation"),
        Scene("text", text="Questions?"),
    ]
    scenes = parse_script(EXAMPLE.splitlines())
    assert [s.line for s in scenes] == [3, 4, 5, 6, 7, 9, 10, 11]  # kept for the messages


def test_quoted_values_stay_text_and_empty_caption_means_none():
    title, text, static = parse_script(['title Bank, two ways', 'text "E=mc2" caption=""', "static caption='a # b'"])
    assert title.text == "Bank, two ways"
    assert text.text == "E=mc2" and text.caption == ""  # a quoted value is never a key
    assert static.caption == "a # b"


@pytest.mark.parametrize("line, message", [
    ("lyer 3", "unknown scene 'lyer' (did you mean layer?)"),
    ("layer", "layer takes one value"),
    ("layer three", "layer needs a number, best or last; got 'three'"),
    ("layer -2", "layer numbers start at 0"),
    ("layer 2 captoin='x'", "unknown key 'captoin' for layer; layer takes caption="),
    ("compare layer=x", "layer needs a number, best or last"),
    ("static big", "static takes no value 'big'"),
    ("text", "text needs the slide's text"),
    ('title "Why context', "no closing quotation"),
    ("static caption=a caption=b", "caption= given twice"),
])
def test_bad_script_lines_name_their_line(line, message):
    with pytest.raises(InputError) as err:
        parse_script(["# my talk", "", line, "static"])
    assert str(err.value).startswith("script line 3: ") and message in str(err.value)


def test_script_file_errors_name_the_file(tmp_path):
    f = tmp_path / "talk.txt"
    f.write_text("title Bank\nseparation\nlayer 2 colour=red\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"script .*talk\.txt line 3: unknown key 'colour'"):
        read_script(f)
    f.write_text("# nothing yet\n\n", encoding="utf-8")
    with pytest.raises(InputError, match="has no scenes"):
        read_script(f)


def test_layers_the_model_does_not_have_are_refused(bank, llm, tmp_path):
    out = tmp_path / "x.html"
    with pytest.raises(InputError) as err:
        write_presentation(bank, out, parse_script(["title", "static", "layer 99"]), llm=llm)
    assert str(err.value) == ("script line 3: layer 99 is out of range: all-MiniLM-L6-v2 has layers 0..6 "
                              "(or best, last)")
    with pytest.raises(InputError, match="line 1: the comparison's contextual layer 0 is out of range: .* 1..6"):
        write_presentation(bank, out, parse_script(["compare layer=0"]), llm=llm)
    with pytest.raises(InputError, match=r"use a \.html name"):
        write_presentation(bank, tmp_path / "x.pdf", [Scene("static")])
    assert list(tmp_path.iterdir()) == []


def test_default_talk_goes_up_to_the_best_layer_then_the_last(bank):
    scenes = default_scenes(bank)
    kinds = [s.kind for s in scenes]
    assert kinds[:2] == ["title", "static"] and kinds[-2:] == ["compare", "separation"]
    layers = [s.layer for s in scenes if s.kind == "layer"]
    best = _best(bank)
    assert layers[0] == 0 and layers[-2:] == [best, 6] and layers == sorted(set(layers))
    assert 1 <= len(layers) - 3 <= 2  # a few steps between the embedding layer and the best


# ------------------------------------------------------------------ the file
def test_the_talk_is_one_offline_file_with_plotly_once(talk, bank):
    text = talk.read_text(encoding="utf-8")
    assert [p.name for p in talk.parent.iterdir()] == ["talk.html"]
    assert inlined(text) == ["basic"] and talk.stat().st_size < 2_000_000
    assert not EXTERNAL.search(text)
    assert "<title>Why context matters: &#x27;bank&#x27;</title>" in text
    assert text.count('class="scene') == len(default_scenes(bank))
    assert text.count('id="vp-map"') == 1 and 'data-frame="layer 0 (embedding layer)"' in text


def test_user_text_is_escaped_in_the_file_and_shown_as_text(bank, tmp_path, offline_page):
    evil = "<script>window.__pwned = 1</script>"
    script = parse_script([f"title '{evil}'", "static caption=\"<img src=x onerror='window.__pwned=2'>\"",
                           f"text '{evil}' caption='a & b'"])
    path = tmp_path / "evil.html"
    write_presentation(bank, path, script)
    text = path.read_text(encoding="utf-8")
    assert "__pwned = 1</script>" not in text and "<img src=x" not in text
    assert "<h1>&lt;script&gt;window.__pwned = 1&lt;/script&gt;</h1>" in text
    assert "<title>&lt;script&gt;" in text
    page = offline_page.page
    page.goto(path.as_uri())
    page.wait_for_function("window.vizkitPresent && !window.vizkitPresent.busy()")
    assert page.evaluate("document.querySelector('h1').textContent") == evil
    page.keyboard.press("PageDown")
    page.wait_for_function(f"{NOW} === 1 && !window.vizkitPresent.busy()")
    assert page.evaluate(f"{VISIBLE}.querySelector('.caption').textContent").startswith("<img src=x")
    page.keyboard.press("PageDown")
    page.wait_for_function(f"{NOW} === 2")
    assert page.evaluate(f"{VISIBLE}.querySelector('.caption').textContent") == "a & b"
    assert page.evaluate("window.__pwned === undefined")
    assert offline_page.blocked == [] and offline_page.errors == []


# ------------------------------------------------------------------ the page, driven by keys
def _open(page, url):
    page.goto(url)
    page.wait_for_function("window.vizkitPresent && !window.vizkitPresent.busy()")


def _state(page):
    return page.evaluate(f"""({{i: {NOW}, hash: location.hash, kind: {VISIBLE}.dataset.kind,
        caption: {VISIBLE}.querySelector('.caption').textContent,
        counter: document.getElementById('vp-counter').textContent,
        map: !document.getElementById('vp-map').hidden}})""")


def _wait(page, i):
    page.wait_for_function(f"{NOW} === {i} && !window.vizkitPresent.busy()")


def test_keys_step_through_the_talk_offline(talk, bank, offline_page):
    page = offline_page.page
    _open(page, talk.as_uri())
    n = len(default_scenes(bank))
    assert page.evaluate("window.vizkitPresent.count") == n
    first = _state(page)
    assert first == {"i": 0, "hash": "#1", "kind": "title", "caption": first["caption"], "counter": f"1 / {n}",
                     "map": False}
    page.keyboard.press("PageDown")
    _wait(page, 1)
    static = _state(page)
    assert static["hash"] == "#2" and static["kind"] == "static" and static["map"] and static["counter"] == f"2 / {n}"
    assert static["caption"] != first["caption"]
    assert len(set(page.evaluate(POINTS))) == 1  # every sentence on the one static point
    assert page.evaluate("document.querySelectorAll('#vp-map .scatterlayer .point').length") == (
        bank.n_occurrences + len(bank.anchors))
    assert "money words 0.53" in page.evaluate(f"{VISIBLE}.querySelector('.detail').textContent")
    page.keyboard.press("ArrowLeft")
    _wait(page, 0)
    assert _state(page)["hash"] == "#1"
    for key, i in [("ArrowRight", 1), ("Space", 2), ("ArrowDown", 3), ("PageUp", 2), ("ArrowUp", 1)]:
        page.keyboard.press(key)
        _wait(page, i)
    page.keyboard.press("End")
    _wait(page, n - 1)
    last = _state(page)
    assert last["hash"] == f"#{n}" and last["kind"] == "separation" and not last["map"]
    assert page.evaluate(f"{VISIBLE}.querySelectorAll('.barlayer .point').length") == len(bank.frames)
    page.keyboard.press("PageDown")  # past the end: stays
    assert page.evaluate(NOW) == n - 1
    page.keyboard.press("ArrowLeft")  # the comparison, drawn when first shown
    _wait(page, n - 2)
    assert _state(page)["kind"] == "compare"
    assert page.evaluate(f"{VISIBLE}.querySelectorAll('.scatterlayer .point').length") >= 3 * bank.n_occurrences
    page.keyboard.press("Home")
    _wait(page, 0)
    page.keyboard.press("f")  # full screen, and back
    page.wait_for_function("document.fullscreenElement === document.documentElement")
    page.keyboard.press("f")
    page.wait_for_function("document.fullscreenElement === null")
    page.click("#vp-full")
    page.wait_for_function("document.fullscreenElement !== null")
    page.keyboard.press("Space")  # the button has let go of the focus: space goes on, full screen stays
    _wait(page, 1)
    assert page.evaluate("document.fullscreenElement !== null")
    page.click("#vp-next")
    _wait(page, 2)
    assert offline_page.blocked == [], f"requests to the network: {offline_page.blocked}"
    assert offline_page.errors == [], f"console errors: {offline_page.errors}"


def test_points_glide_between_two_layer_scenes(talk, bank, offline_page):
    page = offline_page.page
    _open(page, talk.as_uri())
    kinds = page.evaluate("window.vizkitPresent.kinds")
    i = kinds.index("layer")  # layer 0, then the next layer
    page.evaluate(f"window.vizkitPresent.go({i})")
    _wait(page, i)
    before = page.evaluate(POINTS)
    assert len(set(before)) > 1  # the static point has split
    page.evaluate("""window.__animated = [];
        var animate = Plotly.animate;
        Plotly.animate = function (gd, frames, opts) {
          window.__animated.push([frames[0], opts.transition.duration]);
          return animate.apply(this, arguments);
        };
        true;""")
    page.keyboard.press("PageDown")
    _wait(page, i + 1)
    after = page.evaluate(POINTS)
    assert len(after) == len(before) and after != before
    name = page.evaluate(f"{VISIBLE}.dataset.frame")
    assert page.evaluate("window.__animated") == [[name, 700]]  # one animation to the frame, with a transition
    assert page.evaluate("document.querySelector('#vp-map .annotation-text').textContent") == name
    assert page.evaluate("document.getElementById('vp-map').getBoundingClientRect().height") > 450
    offline_page.screenshot("present_scene.png")
    assert offline_page.blocked == [] and offline_page.errors == []


def test_the_hash_opens_a_scene_and_a_reload_stays(talk, offline_page):
    page = offline_page.page
    _open(page, talk.as_uri())
    kinds = page.evaluate("window.vizkitPresent.kinds")
    for _ in range(3):
        page.keyboard.press("PageDown")
    _wait(page, 3)
    assert page.evaluate("location.hash") == "#4"
    points = page.evaluate(POINTS)
    page.reload()
    page.wait_for_function("window.vizkitPresent && !window.vizkitPresent.busy()")
    state = _state(page)
    assert state["i"] == 3 and state["hash"] == "#4" and state["kind"] == kinds[3] and state["map"]
    assert page.evaluate(POINTS) == points  # the map opened on that frame, not the static point
    page.goto("about:blank")
    _open(page, talk.as_uri() + "#3")
    assert _state(page)["i"] == 2 and _state(page)["counter"].startswith("3 / ")
    page.evaluate("location.hash = '#5'")  # a link inside the talk, or the address bar
    _wait(page, 4)
    page.evaluate("location.hash = '#99'")  # out of range: the last scene
    _wait(page, len(kinds) - 1)
    assert offline_page.blocked == [] and offline_page.errors == []


# ------------------------------------------------------------------ the API and the command
def test_present_with_own_sentences_and_scene_list(llm, tmp_path):
    sentences = ["The bank raised its interest rates.", "She opened an account at the bank.",
                 "The bank approved the loan.", "We had a picnic on the river bank.",
                 "The boat drifted to the muddy bank.", "Reeds grew along the bank of the stream."]
    senses = ["money"] * 3 + ["river"] * 3
    out = present("bank", tmp_path / "own.html", sentences=sentences, senses=senses, llm=llm,
                  script=[Scene("static"), Scene("layer", layer="last", caption="The end"), Scene("separation")])
    text = (tmp_path / "own.html").read_text(encoding="utf-8")
    assert out == str(tmp_path / "own.html")
    assert text.count('class="scene') == 3 and 'data-frame="layer 6"' in text and ">The end<" in text
    with pytest.raises(InputError, match="senses= goes with sentences="):
        present("bank", tmp_path / "x.html", senses=senses, llm=llm)


def _run(capsys, *argv):
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out.split(), out.err


def test_cli_writes_the_talk(capsys, tmp_path):
    out = tmp_path / "talk.html"
    code, printed, err = _run(capsys, "present", "bank", "--out", str(out))
    assert code == 0, err
    assert printed == [str(out)]
    text = out.read_text(encoding="utf-8")
    assert inlined(text) == ["basic"] and not EXTERNAL.search(text)
    assert text.count('class="scene') == 9


def test_cli_script_with_a_bad_line_fails_with_its_number(capsys, tmp_path):
    script = tmp_path / "talk.txt"
    script.write_text('title "Bank"\n# layers next\nlyer 3\n', encoding="utf-8")
    code, printed, err = _run(capsys, "present", "bank", "--script", str(script), "--out", str(tmp_path / "t.html"))
    assert code == 1 and printed == []
    assert "line 3: unknown scene 'lyer' (did you mean layer?)" in err and "Traceback" not in err
    code, _, err = _run(capsys, "present", "bank", "--out", str(tmp_path / "talk.pdf"))
    assert code == 1 and "use a .html name" in err
    assert [p.name for p in tmp_path.iterdir()] == ["talk.txt"]


def test_any_animation_is_told_by_a_script_of_frame_scenes(bank, tmp_path):
    from vizkit.present.scenes import animation_slides
    from vizkit.training import train_word2vec, training_corpus

    groups = {"numbers": ["two", "three", "four"], "family": ["mother", "father", "wife"]}
    run = train_word2vec(training_corpus(60_000, progress=False), groups, vector_size=16, epochs=3, seed=1,
                         progress=False)
    script = parse_script(['title "Word2Vec learns"', 'frame 0 caption="Random vectors: no groups yet"',
                           "frame last", "text Questions?"])
    slides, figures = animation_slides(run, scenes=script)
    assert [s.kind for s in slides] == ["title", "frame", "frame", "text"] and set(figures) == {"map"}
    assert slides[0].heading == "Word2Vec learns" and slides[1].caption == "Random vectors: no groups yet"
    assert slides[2].frame == "epoch 3" and slides[2].caption.startswith("Epoch 3, the last")
    path = write_presentation(run, tmp_path / "train.html", script)
    assert 'data-frame="epoch 3"' in open(path, encoding="utf-8").read()
    for bad, message in ((["frame 9"], "line 1: frame 9 is out of range: this animation has frames 0..3"),
                         (["layer 2"], "line 1: layer scenes tell a word's story")):
        with pytest.raises(InputError, match=message):
            animation_slides(run, scenes=parse_script(bad))
    with pytest.raises(InputError, match="frame N is for other animations"):
        write_presentation(bank, tmp_path / "bank.html", parse_script(["frame 2"]))
