"""Chinese end to end on the real artefacts: the news corpus, Word2Vec-zh, M3E-small, the bundled sense sets."""

import pickle
import re
import subprocess
import sys

import numpy as np
import pytest

from conftest import SEED

ZH_WORDS = ["苹果", "打", "东西", "杜鹃"]


# ----------------------------------------------------------------- text
def test_segment_cuts_words_and_drops_punctuation():
    from vizkit._chinese import has_cjk, segment

    assert segment("我使用的是苹果手机。") == ["我", "使用", "的", "是", "苹果", "手机"]
    assert segment("Hi, 你好~ iPhone 15") == ["hi", "你好", "iphone", "15"]
    assert segment("　全角　空格，和标点！") == ["全角", "空格", "和", "标点"]
    assert has_cjk("bank 银行") and not has_cjk("bank") and has_cjk(["a", "猫"])


def test_a_chinese_word_is_found_by_characters_inside_longer_words():
    from vizkit._text import word_pattern

    text = "我买了红苹果和苹果手机，　苹果！又在iPhone上看了苹果的新闻。"
    assert len(word_pattern("苹果").findall(text)) == text.count("苹果") == 4
    assert len(word_pattern("果").findall(text)) == text.count("果")
    assert word_pattern("bank").findall("the bank, banks and riverbank") == ["bank"]  # English keeps its rule


def test_corpus_tokenize_segments_chinese_lines():
    from vizkit.datasets.corpus import tokenize

    assert tokenize("这个苹果很甜。") == ["这个", "苹果", "很甜"]
    assert tokenize("The Bank, 2018.") == ["the", "bank", "2018"]


def test_restricted_unpickler_refuses_any_global_and_reads_plain_lists(tmp_path):
    from vizkit.datasets.chinese import ChineseCorpusError, _read_split

    good = tmp_path / "good.pkl"
    good.write_bytes(pickle.dumps((["标题"], ["正文。"], [1])))
    assert _read_split(good) == [("标题", "正文。")]
    evil = tmp_path / "evil.pkl"
    evil.write_bytes(b"cos\nsystem\n(S'echo pwned'\ntR.")  # os.system('echo pwned') when unpickled plainly
    with pytest.raises(ChineseCorpusError, match="refused to load os.system"):
        _read_split(evil)
    wrong = tmp_path / "wrong.pkl"
    wrong.write_bytes(pickle.dumps({"a": 1}))
    with pytest.raises(ChineseCorpusError, match="does not hold"):
        _read_split(wrong)


def test_gbk_file_is_named_with_line_and_the_conversion(tmp_path):
    from vizkit.datasets.sentence_sets import read_sentence_file
    from vizkit.errors import InputError

    path = tmp_path / "zh.tsv"
    path.write_bytes("水果\t这个苹果很甜。\n公司\t我使用的是苹果手机。\n".encode("gbk"))
    with pytest.raises(InputError, match=r"zh\.tsv, line 1: byte 0x.. is not UTF-8.*GBK/GB18030.*iconv -f GB18030"):
        read_sentence_file(path, "苹果")


# ----------------------------------------------------------------- corpus and Word2Vec-zh
def test_chinese_corpus_is_the_segmented_news(w2v_zh):
    from vizkit.datasets.chinese import chinese_corpus_path

    seg, raw = chinese_corpus_path(progress=False), chinese_corpus_path(progress=False, segmented=False)
    n_seg = sum(1 for _ in open(seg, encoding="utf-8"))
    n_raw = sum(1 for _ in open(raw, encoding="utf-8"))
    assert n_seg == n_raw > 150_000
    text = raw.read_text(encoding="utf-8")
    assert text.count("苹果") > 250  # 326 in the articles; a few sit in lines with no word left
    first = seg.read_text(encoding="utf-8").splitlines()[:2000]
    assert all(" " in line or len(line) < 8 for line in first[:200])
    assert not re.search(r"[。，！？]", "\n".join(first))


def test_word2vec_zh_neighbours_of_cat(w2v_zh):
    near = [w for w, _ in w2v_zh.most_similar("猫", top=10)]
    assert "狗" in near and "苹果" not in near
    assert w2v_zh.similarity("猫", "狗") > w2v_zh.similarity("猫", "苹果") + 0.3  # measured 0.70 vs 0.27
    assert w2v_zh.name == "word2vec-zh" and w2v_zh.dim == 100 and 25_000 < w2v_zh.vocab_size < 45_000


def test_in_news_apple_is_mostly_the_company(w2v_zh):
    near = [w for w, _ in w2v_zh.most_similar("苹果", top=10)]
    assert {"iphone", "apple"} & set(near)
    assert not {"香蕉", "水果", "梨"} & set(near)


def test_word2vec_zh_unknown_words_say_why(w2v_zh):
    from vizkit.errors import UnknownWordError

    with pytest.raises(UnknownWordError) as e:
        w2v_zh.vector("貓")
    assert "Traditional" in str(e.value) and e.value.suggestions[0] == "猫"
    with pytest.raises(UnknownWordError, match="trained on Chinese news"):
        w2v_zh.vector("riverbank")
    with pytest.raises(UnknownWordError, match="lower-cased: try iphone"):
        w2v_zh.vector("IPHONE")
    with pytest.raises(UnknownWordError) as e:
        w2v_zh.vector("苹果树林子")
    assert e.value.suggestions and all(set(s) & set("苹果树林子") for s in e.value.suggestions)


def test_word2vec_zh_is_the_same_from_two_empty_caches(tmp_path, monkeypatch):
    from vizkit.datasets.chinese import chinese_corpus
    from vizkit.sources import Word2VecZh

    sents = chinese_corpus(max_words=250_000, progress=False)
    runs = []
    for name in ("a", "b"):
        monkeypatch.setenv("VIZKIT_CACHE", str(tmp_path / name))
        runs.append(Word2VecZh(corpus=sents, epochs=2, seed=SEED, progress=False))
        assert (tmp_path / name / "word2vec-zh").is_dir()  # trained into its own empty cache
    assert runs[0].words == runs[1].words
    np.testing.assert_array_equal(np.asarray(runs[0].kv.vectors), np.asarray(runs[1].kv.vectors))


def test_cli_neighbors_in_chinese(w2v_zh):
    out = subprocess.run([sys.executable, "-m", "vizkit", "neighbors", "猫", "--source", "word2vec-zh", "--top", "10"],
                         capture_output=True, text=True, check=True).stdout
    assert "狗\t" in out
    bad = subprocess.run([sys.executable, "-m", "vizkit", "neighbors", "貓", "--source", "word2vec-zh"],
                         capture_output=True, text=True)
    assert bad.returncode != 0 and "Traceback" not in bad.stderr and "try 猫" in bad.stderr


# ----------------------------------------------------------------- bundled sense sets
def test_bundled_chinese_sets_are_well_formed():
    from vizkit.datasets import sentence_sets

    assert sentence_sets.bundled_words("zh") == ZH_WORDS
    assert "苹果" not in sentence_sets.bundled_words()  # English stays the default list
    first = sentence_sets.load("苹果")
    assert first.sentences[first.senses.index("水果")] == "这个苹果很甜。"  # seed 003's two sentences
    assert first.sentences[first.senses.index("公司")] == "我使用的是苹果手机。"
    for word in ZH_WORDS:
        s = sentence_sets.load(word)
        assert len(s) == 16 and all(x.count(word) == 1 for x in s.sentences)
        sets = sentence_sets.clue_order(word)
        after = sets["after"]
        assert len(after) == len(sets["before"]) == 16 and sorted(set(after.senses)) == sorted(sentence_sets.bundled_anchors(word))
        a, b = after.sense_names
        for x, y in zip([t for t, s in zip(after.sentences, after.senses) if s == a],
                        [t for t, s in zip(after.sentences, after.senses) if s == b]):
            cut = x.index(word) + len(word)
            assert x[:cut] == y[:cut] and x != y  # a left-to-right reader sees the same text up to the word


# ----------------------------------------------------------------- contextual
def test_minilm_refuses_chinese_instead_of_unk_states(llm):
    from vizkit.errors import InputError

    with pytest.raises(InputError, match=r"\[UNK\].*--model m3e-small"):
        llm.contextual("苹果", ["这个苹果很甜。", "我使用的是苹果手机。"], cache=False)


def test_chinese_text_picks_the_chinese_encoder():
    from vizkit.sources import model_for

    assert model_for("苹果") == "m3e-small"
    assert model_for("bank", ["I sat by the bank."]) == "all-MiniLM-L6-v2"
    assert model_for("apple", ["我用的是 apple 手机"]) == "m3e-small"


def test_m3e_reads_chinese_by_characters_and_pools(m3e):
    occ = m3e.contextual("苹果", ["这个苹果很甜。", "我用的是苹果手机。", "红苹果"], layers=[4])
    assert list(occ.meta["subtokens"]) == ["苹 果"] * 3 and set(occ.meta["pooling"]) == {"mean"}
    assert occ.shape == (3, 512) and m3e.n_layers == 4 and not m3e.causal


@pytest.mark.parametrize("word, floor", [("苹果", 0.02), ("打", 0.08), ("东西", 0.06)])
def test_chinese_senses_separate_in_the_layers_not_in_the_static_frame(word, floor):
    """Measured on the bundled sets (best layer): 苹果 +0.032, 打 +0.116, 东西 +0.101; static 0 by construction."""
    from vizkit.datasets import sentence_sets
    from vizkit.polysemy import polysemy_frames

    s = sentence_sets.load(word)
    fs = polysemy_frames(word, s.sentences, s.senses, random_state=SEED)  # no model given: picked for Chinese
    assert fs.model == "m3e-small"
    seps = [f.separation["separation"] for f in fs.frames]
    assert abs(seps[0]) < 1e-9  # the static frame: one vector for every sentence
    assert max(seps[2:]) > floor  # some layer above the embedding layer


def test_encoder_separates_chinese_senses_whichever_side_the_clue_is(m3e):
    """Measured (best layer 1..4): 打 after +0.172 / before +0.108; 东西 after +0.024 / before +0.100."""
    from vizkit.polysemy import clue_order_experiment

    res = clue_order_experiment(["打", "东西"], models=[m3e])
    assert min(res.best("m3e-small", "after", "打") + res.best("m3e-small", "before", "打")) > 0.08
    assert min(res.best("m3e-small", "before", "东西")) > 0.06
    assert min(res.best("m3e-small", "after", "东西")) > 0.01


def test_cli_animate_chinese_without_a_model(tmp_path):
    out = tmp_path / "a.html"
    proc = subprocess.run([sys.executable, "-m", "vizkit", "animate", "苹果", "--out", str(out)],
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert "m3e-small" in proc.stderr and "non-commercial" in proc.stderr
    page = out.read_text(encoding="utf-8")

    def esc(text):  # plotly writes the data as ASCII JSON
        return "".join(f"\\u{ord(c):04x}" for c in text)

    assert esc("这个") + "\\u003cb\\u003e" + esc("苹果") + "\\u003c\\u002fb\\u003e" + esc("很甜。") in page  # seed 003
    assert esc("水果") in page and esc("公司") in page


# ----------------------------------------------------------------- the decoder: Gemma 3 270M
@pytest.fixture(scope="module")
def gemma():
    from vizkit.sources import LLM

    return LLM("gemma-3-270m")


def test_gemma_is_a_chinese_reading_decoder(gemma):
    assert gemma.causal and gemma.n_layers == 18 and gemma.style == "sentencepiece"
    occ = gemma.contextual("苹果", ["这个苹果很甜。", "我使用的是苹果手机。"], layers=[0])
    assert list(occ.meta["subtokens"]) == ["苹果", "苹果"] and set(occ.meta["pooling"]) == {"none"}  # one token


def test_gemma_static_table_in_chinese():
    from vizkit.sources import get_source

    table = get_source("llm-zh")
    near = [w for w, _ in table.most_similar("猫", top=10)]
    assert "狗" in near and "苹果" not in near and all(re.fullmatch("[\u4e00-\u9fff]+", w) for w in near)
    assert table.similarity("猫", "狗") > table.similarity("猫", "苹果") + 0.1  # measured 0.65 vs 0.51
    assert "苹果" in table.words and 10_000 < table.vocab_size < 30_000


def test_decoder_separates_chinese_senses_only_with_the_clue_before(gemma):
    """Measured (best layer 1..18): 苹果 after -0.000 / before +0.065; 东西 -0.000 / +0.071; 杜鹃 -0.000 / +0.013."""
    from vizkit.polysemy import clue_order_experiment

    res = clue_order_experiment(["苹果", "东西", "杜鹃"], models=[gemma])
    assert max(res.best("gemma-3-270m", "after")) < 0.005
    for word in ("苹果", "东西"):
        before, after = res.best("gemma-3-270m", "before", word)[0], res.best("gemma-3-270m", "after", word)[0]
        assert before > 0.04 and before - after > 0.04


def test_decoder_states_at_the_word_are_identical_when_the_clue_comes_after(gemma, m3e):
    """The mechanism: 昨天我买的苹果 | 特别甜 / 刚开机: a left-to-right model has read the same characters at 苹果."""
    from vizkit.datasets import sentence_sets

    after = sentence_sets.clue_order("苹果")["after"]
    pair = [next(s for s, t in zip(after.sentences, after.senses) if t == sense) for sense in ("水果", "公司")]
    for model, same in ((gemma, True), (m3e, False)):
        occ = model.contextual("苹果", pair, layers=[1, model.n_layers])
        for layer in (1, model.n_layers):
            a, b = occ.where(layer=layer).vectors
            gap = np.linalg.norm(a - b) / np.linalg.norm(a)
            assert (gap < 1e-4) if same else (gap > 1e-2), (model.name, layer, gap)


def test_decoder_token_can_hold_the_clue(gemma):
    """打 is merged with what follows it (打电话 is one Gemma token): the clue leaks into the word's own token."""
    from vizkit.datasets import sentence_sets

    occ = gemma.contextual("打", sentence_sets.clue_order("打")["after"].sentences, layers=[0])
    assert {"打", "打电话"} <= set(occ.meta["subtokens"])


def test_cli_animate_versus_in_chinese(tmp_path):
    out = tmp_path / "v.html"
    proc = subprocess.run([sys.executable, "-m", "vizkit", "animate", "苹果", "--versus", "gemma-3-270m",
                           "--out", str(out), "--metrics", str(tmp_path / "v.csv")], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert "m3e-small: sense separation" in proc.stderr and "gemma-3-270m: sense separation" in proc.stderr
    rows = (tmp_path / "v.csv").read_text(encoding="utf-8").splitlines()
    assert rows[0].startswith("stage,depth,model,reads,layer") and any("left to right" in r for r in rows)


# ----------------------------------------------------------------- corpus scale in Chinese
def test_occurrences_and_senses_in_a_chinese_text_file(tmp_path, m3e):
    """The labelled sentences of each word (48: the set and its clue-order sentences) as a sense<TAB>sentence
    corpus: counts are substring counts, senses found agree with the labels (ARI at the last layer, measured
    苹果 0.84, 打 0.92, 东西 0.76), keywords are segmented Chinese words."""
    from vizkit.corpus import extract_occurrences, read_occurrences
    from vizkit.corpus.senses import induce_senses
    from vizkit.datasets import sentence_sets

    scores = {}
    for i, word in enumerate(["苹果", "打", "东西"]):
        c = sentence_sets.clue_order(word)
        lines = [*sentence_sets.to_lines(sentence_sets.load(word)), *sentence_sets.to_lines(c["before"]),
                 *sentence_sets.to_lines(c["after"])]
        path = tmp_path / f"zh{i}.tsv"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        run = extract_occurrences(word, path, tmp_path / f"occ{i}", layers="4", progress=False)
        assert run.counts[word] == sum(line.split("\t", 1)[1].count(word) for line in lines) == 48
        senses = induce_senses(read_occurrences(tmp_path / f"occ{i}", word, 4), llm=m3e)
        scores[word] = senses.ari
        words = [w for kw in senses.keywords for w in kw]
        assert words and all(re.fullmatch("[\u4e00-\u9fff]{2,}", w) and word not in w for w in words), words
    assert scores["打"] > 0.8 and np.mean(list(scores.values())) > 0.65, scores


def test_bad_chinese_input_gets_one_clear_line(tmp_path):
    """Traditional characters, full-width spaces and punctuation, mixed scripts: each a clear line, never a traceback."""
    lines = ["水果\t这个苹果很甜。", "公司\t我使用的是苹果手机。", "水果\t她把　苹果　切成小块，拌进了沙拉里！",
             "公司\t我用 iPhone，也就是苹果的手机。", "水果\t蘋果和苹果都是水果。", "公司\t苹果公司今天发布了新品。"]
    path = tmp_path / "fruit_vs_phone.tsv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    def animate(word):
        return subprocess.run([sys.executable, "-m", "vizkit", "animate", word, "--sentences", str(path),
                               "--out", str(tmp_path / "a.html")], capture_output=True, text=True)

    ok = animate("苹果")  # full-width spaces, full-width punctuation and Latin words around it: found all the same
    assert ok.returncode == 0 and "warning" not in ok.stderr, ok.stderr
    trad = animate("蘋果")
    assert trad.returncode == 1 and "Traceback" not in trad.stderr
    assert "Traditional characters" in trad.stderr and "try 苹果" in trad.stderr


def test_evaluate_says_the_sets_are_english(w2v_zh):
    bad = subprocess.run([sys.executable, "-m", "vizkit", "evaluate", "--source", "word2vec-zh"],
                         capture_output=True, text=True)
    assert bad.returncode == 1 and bad.stdout == "" and "Traceback" not in bad.stderr
    assert "evaluation sets are English" in bad.stderr and "no Chinese word-similarity set offline" in bad.stderr


def test_explorer_and_player_take_chinese(w2v_zh, m3e):
    from vizkit.widgets import EmbeddingExplorer, PolysemyPlayer

    cache = None  # the session's shared cache of models and sources
    words = "猫,狗,宠物,苹果,香蕉,手机,北京,上海,华为,小米"
    e = EmbeddingExplorer("word2vec-zh", groups=(), words=words, query="猫", analogy=("国王", "男人", "女人"),
                          progress=False, cache=cache)
    assert e.figure.layout.title.text.startswith("word2vec-zh (100-d)")
    assert sorted(e.figure.data[0].text) == sorted(words.split(","))
    p = PolysemyPlayer("杜鹃", progress=False, cache=cache)  # no model given: the Chinese encoder
    assert p.frameset.model == "m3e-small" and p.frameset.sense_names == ["鸟", "花"]
    assert "杜鹃" in p.word.options and "bank" in p.word.options


def test_apple_separates_clearly_once_each_layer_is_centred(m3e):
    """M3E's states of 苹果 share a large common direction (raw cosines near 0.9), so the raw separation is small
    (+0.032). Centred on each layer's mean, as the animation's map is, it is large: measured layer 0 -0.098,
    layer 2 +0.210, layer 3 +0.246, layer 4 +0.224 (the issue's own measure: same sense +0.06, other -0.29)."""
    from vizkit.datasets import sentence_sets
    from vizkit.metrics import sense_separation

    s = sentence_sets.load("苹果")
    occ = m3e.contextual("苹果", s.sentences, senses=s.senses)
    centred = []
    for layer in range(5):
        part = occ.where(layer=layer)
        centred.append(sense_separation(part.vectors - part.vectors.mean(axis=0), part.meta["sense"])["separation"])
    assert centred[0] < 0.05 and max(centred[2:]) > 0.15, centred
