"""Real tokenizers, offline: ids as the libraries give them, offsets on the input, the seed's observations, HTML, widget."""

import re

import pytest

from network_guard import no_network
from vizkit import tokenizers as T
from vizkit.tokenizers import _files as F
from vizkit.errors import InputError, OfflineError
from vizkit.tokenizers import SEED_TEXT, TAB_TEXT, compare_html, comparison_table, get_tokenizer, tokens_html

NAMES = ["bert-uncased", "gpt2", "gpt4", "gpt4o", "mistral", "llama3", "qwen3"]
BYTE_EXACT = [n for n in NAMES if n != "bert-uncased"]  # every byte of the input is in some token
TEXTS = [SEED_TEXT, TAB_TEXT, "Ünïcödé café 東京 👩‍👩‍👧 x\r\n  y", "a", ""]


@pytest.fixture(scope="module")
def tok():
    return {n: get_tokenizer(n) for n in NAMES}


def _bytes_of(shown: str) -> bytes:
    """A token's shown text back to bytes: ``<0xF0>`` is one byte, the rest UTF-8."""
    return b"".join(bytes([int(h, 16)]) if h else s.encode("utf-8")
                    for s, h in re.findall(r"(<0x([0-9A-F]{2})>|[^<]+|<)", shown))


def _reference_ids(name, text, tok):
    """Ids from an implementation other than vizkit's wrapper."""
    if name == "bert-uncased":
        from transformers import AutoTokenizer

        from vizkit.sources._llm import default_model_path

        return AutoTokenizer.from_pretrained(default_model_path())(text)["input_ids"]
    if name in ("gpt4", "gpt4o", "llama3", "qwen3"):  # quicktok's C++ BPE, not tiktoken
        import quicktok

        enc = {"gpt4": "cl100k_base", "gpt4o": "o200k_base"}.get(name, name)
        return [int(i) for i in quicktok.get_encoding(enc).encode(text)]
    if name == "gpt2":  # tiktoken's own "gpt2" encoding, reading the files vizkit put in its offline cache
        import tiktoken.registry

        folder = F._tiktoken_cache(False, ["vocab.bpe", "encoder.json"])
        pytest.MonkeyPatch().setenv("TIKTOKEN_CACHE_DIR", str(folder))
        return tiktoken.registry.get_encoding("gpt2").encode_ordinary(text)
    if name == "mistral":
        import sentencepiece as spm

        sp = spm.SentencePieceProcessor(model_file=str(T.fetch_wheel("mistral-common==1.13.1") / "tokenizer.model.v1"))
        return sp.encode(text, add_bos=True)
    raise AssertionError(name)


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("text", TEXTS[:3])
def test_ids_match_the_tokenizer_itself(tok, name, text):
    assert tok[name].encode(text) == _reference_ids(name, text, tok[name])


def test_known_ids():
    assert get_tokenizer("gpt4").encode("hello world") == [15339, 1917]
    assert get_tokenizer("gpt4o").encode("hello world") == [24912, 2375]
    assert get_tokenizer("gpt2").encode("hello world") == [31373, 995]
    assert get_tokenizer("bert-uncased").encode("hello world") == [101, 7592, 2088, 102]


@pytest.mark.parametrize("name", BYTE_EXACT)
@pytest.mark.parametrize("text", TEXTS)
def test_shown_tokens_rebuild_the_input(tok, name, text):
    tokens = [t for t in tok[name].tokenize(text) if not t.special]
    assert b"".join(_bytes_of(t.text) for t in tokens) == text.encode("utf-8")
    for t in tokens:
        if t.partial:
            assert "<0x" in t.text
        else:
            assert t.text == text[t.start:t.end]
    starts = [t.start for t in tokens]
    assert starts == sorted(starts)
    assert tok[name].decode(tok[name].encode(text)) == text


def test_wordpiece_offsets_point_at_the_lowercased_words(tok):
    bert = tok["bert-uncased"]
    tokens = bert.tokenize(SEED_TEXT)
    assert tokens[0].piece == "[CLS]" and tokens[-1].piece == "[SEP]" and tokens[0].special and tokens[-1].special
    for t in tokens[1:-1]:
        if not t.unknown:
            assert t.piece.removeprefix("##") == SEED_TEXT[t.start:t.end].lower(), t
    # the words' pieces cover every non-space character
    covered = {i for t in tokens for i in range(t.start, t.end)}
    assert {i for i, ch in enumerate(SEED_TEXT) if not ch.isspace()} == covered


def test_vocabulary_sizes_and_special_tokens(tok):
    sizes = {n: tok[n].vocab_size for n in NAMES}
    assert sizes == {"bert-uncased": 30522, "gpt2": 50257, "gpt4": 100277, "gpt4o": 200019, "mistral": 32000,
                     "llama3": 128256, "qwen3": 151669}
    assert tok["bert-uncased"].special_tokens == {"[PAD]": 0, "[UNK]": 100, "[CLS]": 101, "[SEP]": 102, "[MASK]": 103}
    assert tok["gpt2"].special_tokens == {"<|endoftext|>": 50256}
    assert tok["gpt4"].special_tokens["<|endofprompt|>"] == 100276
    assert tok["gpt4o"].special_tokens == {"<|endoftext|>": 199999, "<|endofprompt|>": 200018}
    assert tok["mistral"].special_tokens == {"<unk>": 0, "<s>": 1, "</s>": 2}


# ------------------------------------------------------------------ the book's observations (seed 004)

def _pieces(tokens):
    return [t.piece for t in tokens]


def test_bert_uncased_lowercases_drops_newlines_and_loses_emoji_and_chinese(tok):
    tokens = tok["bert-uncased"].tokenize(SEED_TEXT)
    pieces = _pieces(tokens)
    assert pieces[1:5] == ["english", "and", "capital", "##ization"]
    unknown = [t for t in tokens if t.unknown]
    assert [(t.piece, t.text) for t in unknown] == [("[UNK]", "🎵"), ("[UNK]", "鸟")]
    assert all(p == p.lower() for p in pieces if not p.startswith("["))
    assert not any("\n" in p or p.isspace() for p in pieces)
    assert "eli" in pieces and "##f" in pieces  # elif is not a word of BERT's vocabulary


def test_gpt2_keeps_case_but_splits_it_and_cuts_the_emoji_into_bytes(tok):
    g2 = tok["gpt2"]
    pieces = _pieces(g2.tokenize(SEED_TEXT))
    i = pieces.index(" CAP")
    assert pieces[i:i + 4] == [" CAP", "ITAL", "IZ", "ATION"]
    note = g2.tokenize("🎵")
    assert [t.id for t in note] == [8582, 236, 113] and all(t.partial for t in note)
    assert g2.decode([8582, 236, 113]) == "🎵"
    assert "\n" in pieces  # newlines are tokens
    i = pieces.index(':"')  # two tabs:"    " -> three single spaces (220) and ' "'
    assert [t.id for t in g2.tokenize(SEED_TEXT)][i + 1:i + 4] == [220, 220, 220] and pieces[i + 4] == ' "'
    assert [t.id for t in g2.tokenize('"\t\t"')].count(197) == 2  # a real tab is token 197


def test_gpt4_has_whitespace_runs_and_code_words_as_single_tokens(tok):
    g2, g4 = tok["gpt2"], tok["gpt4"]
    assert g4.encode("    ") == [257] and len(g2.encode("    ")) == 4
    assert len(g4.encode(" " * 40)) == 1
    assert " elif" in _pieces(g4.tokenize(SEED_TEXT)) and " elif" not in _pieces(g2.tokenize(SEED_TEXT))
    assert [t.piece for t in g4.tokenize(" CAPITALIZATION")] == [" CAPITAL", "IZATION"]
    assert _pieces(g4.tokenize("show_tokens")) == ["show", "_tokens"]
    assert _pieces(g2.tokenize("show_tokens")) == ["show", "_", "t", "ok", "ens"]
    assert len(g4.encode(SEED_TEXT)) < len(g2.encode(SEED_TEXT))
    assert len(tok["gpt4o"].encode(SEED_TEXT)) <= len(g4.encode(SEED_TEXT))


def test_mistral_falls_back_to_bytes_and_splits_digits(tok):
    m = tok["mistral"]
    note = m.tokenize("🎵")
    assert note[0].special and note[0].piece == "<s>"
    assert [t.piece for t in note if t.partial] == ["<0xF0>", "<0x9F>", "<0x8E>", "<0xB5>"]
    assert not any(t.unknown for t in m.tokenize(SEED_TEXT))
    assert _pieces(m.tokenize("12.0*50=600")) == ["<s>", "▁", "1", "2", ".", "0", "*", "5", "0", "=", "6", "0", "0"]
    assert _pieces(tok["gpt4"].tokenize("12.0*50=600")) == ["12", ".", "0", "*", "50", "=", "600"]


# ------------------------------------------------------------------ HTML and table

def test_html_has_one_span_per_token_with_its_id(tok):
    for name in ("bert-uncased", "gpt2", "mistral"):
        tokens = tok[name].tokenize(SEED_TEXT)
        page = tokens_html(tokens)
        assert re.findall(r"data-id='(\d+)'", page) == [str(t.id) for t in tokens]
        assert len(re.findall(r"class='vizkit-token[ ']", page)) == len(tokens)
    page = tokens_html(tok["gpt2"].tokenize(SEED_TEXT + TAB_TEXT))
    assert page.count("↵") == (SEED_TEXT + TAB_TEXT).count("\n") and page.count("→") == TAB_TEXT.count("\t")
    assert page.count("<br>") == (SEED_TEXT + TAB_TEXT).count("\n")
    assert "\x1b[" not in page


def test_html_escapes_user_text(tok):
    evil = "<script>alert('x')</script> \"quoted\" & <b>"
    for name in ("bert-uncased", "gpt4", "mistral"):
        page = tokens_html(tok[name].tokenize(evil), show="text")
        assert "<script" not in page and "<b>" not in page and "&lt;" in page
        page = compare_html(evil, [name])
        assert "<script" not in page


def test_compare_html_and_table(tok):
    page = compare_html(SEED_TEXT)
    assert re.findall(r"data-name='([\w-]+)'", page) == list(T.DEFAULT)
    df = comparison_table(SEED_TEXT, NAMES)
    assert df["tokenizer"].tolist() == NAMES
    assert df["tokens"].tolist() == [len(tok[n].tokenize(SEED_TEXT)) for n in NAMES]
    row = df.set_index("tokenizer")
    assert row.loc["bert-uncased", "unknown"] == 2 and row.loc["bert-uncased", "added special"] == "[CLS] [SEP]"
    assert row.loc["bert-uncased", "lowercases"] and not row.loc["gpt4", "lowercases"]
    assert row.loc["gpt2", "partial"] == 6 and row.loc["gpt2", "unknown"] == 0
    assert row.loc["mistral", "added special"] == "<s>"
    assert row.loc["gpt4o", "vocabulary"] == 200019


def test_bad_inputs_fail_clearly(tok, tmp_path):
    with pytest.raises(InputError, match="outside the vocabulary"):
        tok["gpt2"].decode([50257])
    with pytest.raises(InputError, match="show must be"):
        tokens_html([], show="bytes")
    with pytest.raises(InputError, match="a tokenizer is a name"):
        get_tokenizer("")
    with pytest.raises(InputError, match="holds no tokenizer"):
        get_tokenizer(str(tmp_path))


def test_unknown_hub_id_fails_fast_offline(no_hub):
    with no_network(), pytest.raises(OfflineError) as err:
        get_tokenizer("vizkit-tests/no-such-tokenizer")
    assert "no-such-tokenizer" in str(err.value) and "offline" in str(err.value)


def test_fetch_failure_says_how_to_supply_the_files(tmp_path, monkeypatch):
    monkeypatch.setenv("VIZKIT_CACHE", str(tmp_path))
    monkeypatch.setenv("PIP_INDEX_URL", "http://127.0.0.1:9/simple")
    monkeypatch.setenv("PIP_NO_CACHE_DIR", "1")
    with pytest.raises(T.TokenizerUnavailableError, match="pip download mistral-common==1.13.1"):
        T.fetch_wheel("mistral-common==1.13.1")


def test_corrupted_vocabulary_is_refused(tmp_path):
    bad = tmp_path / "encoder.json"
    bad.write_text("{}")
    with pytest.raises(T.TokenizerUnavailableError, match="not the official"):
        F._read_checked(bad, "encoder.json")


def test_cli_prints_ids_and_pieces(capsys, tmp_path):
    out = tmp_path / "t.html"
    assert T.cli(["hello world", "-t", "gpt4", "--html", str(out)]) == 0
    assert capsys.readouterr().out.splitlines() == ["15339\t'hello'", "1917\t' world'"]
    assert "data-id='15339'" in out.read_text(encoding="utf-8")


# ------------------------------------------------------------------ widget

def test_widget_driven_from_python(tok):
    pytest.importorskip("ipywidgets")
    from vizkit.widgets._snapshot import snapshots
    from vizkit.widgets.tokenizers import TokenizerView

    view = TokenizerView("hello world", tokenizers=["gpt2", "gpt4"])
    assert view.status.error is None
    assert view.frame["tokens"].tolist() == [2, 2]
    assert "data-id='31373'" in view.output.value
    view.text.value = SEED_TEXT
    assert view.frame["tokens"].tolist() == [len(tok["gpt2"].encode(SEED_TEXT)), len(tok["gpt4"].encode(SEED_TEXT))]
    assert "data-id='8582'" in view.output.value and "CAP" in view.output.value
    view.tokenizers.value = ("bert-uncased",)
    assert view.frame["tokenizer"].tolist() == ["bert-uncased"] and "[UNK]" in view.output.value
    assert "<td>2</td>" in view.table.value  # two unknown tokens
    view.show.value = "text"
    assert "🎵" in view.output.value
    view.ids.value = True
    assert "<small" in view.output.value
    snap = snapshots()[view.model_id]
    assert view.output.value in snap and "English and CAPITALIZATION" in snap
    view.text.value = "<script>x</script>"
    assert "<script" not in view.output.value and "<script" not in view.snapshot_html()
    view.add.value = "vizkit-tests/no-such-tokenizer"
    assert view.status.error and "no-such-tokenizer" in view.status.error
    assert view.tokenizers.value == ("bert-uncased",)


def test_widget_in_chinese_and_english(tok, monkeypatch):
    """The learner's language (issue 25): labels, headings and the table's columns from the catalogue."""
    pytest.importorskip("ipywidgets")
    from vizkit.widgets.tokenizers import TokenizerView, compare_html as widget_compare_html

    zh = TokenizerView("hello world", tokenizers=["gpt2", "gpt4"], lang="zh")
    assert zh.status.error is None and zh.lang == "zh"
    assert zh.text.placeholder == "输入一段文字" and zh.tokenizers.description == "分词器"
    assert zh.show.options == (("词表中的片段", "piece"), ("输入的文字", "text")) and zh.ids.description == "显示 id"
    assert zh.add.description == "添加" and zh.add.placeholder == "Hugging Face id 或文件夹"
    assert "byte-level BPE，词表 50,257，2 个词元" in zh.output.value and "data-id='31373'" in zh.output.value
    assert "<th>分词器名</th>" in zh.table.value and "<th>词元数</th>" in zh.table.value
    assert zh.frame["tokens"].tolist() == [2, 2]  # the DataFrame keeps its English columns
    zh.tokenizers.value = ()
    assert "请至少选择一个分词器" in zh.status.html.value
    en = TokenizerView("hello world", tokenizers=["gpt2", "gpt4"])
    assert en.text.placeholder == "type a text" and en.tokenizers.description == "tokenizers"
    assert en.show.options[0] == ("vocabulary pieces", "piece") and "<th>tokenizer</th>" in en.table.value
    assert en.output.value == compare_html("hello world", ["gpt2", "gpt4"])  # the core's page, word for word
    assert widget_compare_html(SEED_TEXT, NAMES, show="text", ids=True, lang="en") == compare_html(
        SEED_TEXT, NAMES, show="text", ids=True)
    monkeypatch.setenv("VIZKIT_LANG", "zh")  # no lang=: the variable's
    assert TokenizerView("hi", tokenizers=["gpt2"]).tokenizers.description == "分词器"
