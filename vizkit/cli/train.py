"""``vizkit train``: train Word2Vec, GloVe or a tiny GPT live and write its animation (epoch by epoch, or step by
step) as one offline HTML file (and, from the same animation, a GIF and a slide show)."""

from __future__ import annotations

import csv
import sys
from pathlib import Path


def add_arguments(sub):
    sp = sub.add_parser("train", help="train Word2Vec, GloVe or a tiny GPT live; write its animation as one offline "
                                      "HTML file")
    sp.add_argument("--algorithm", choices=tuple(OUT), default="word2vec",
                    help="word2vec (default); glove: GloVe fitted to the corpus' co-occurrence counts; gpt: a tiny "
                         "GPT (2 layers, 64 wide) trained next-word, its token and position tables step by step")
    sp.add_argument("--out", default=None, help="HTML file to write (default w2v_training.html, glove_training.html, "
                                                "gpt_training.html)")
    sp.add_argument("--sg", type=int, choices=(0, 1), default=None, help="Word2Vec: 1 skip-gram (default), 0 CBOW")
    sp.add_argument("--window", type=int, default=None, help="words either side (default 5; GloVe 10)")
    sp.add_argument("--negative", type=int, default=None, help="Word2Vec: negative samples (default 5); 0 = hierarchical "
                                                                "softmax")
    sp.add_argument("--vector-size", type=int, default=None, help="width of the vectors (default 50; the tiny GPT's "
                                                                  "d_model 64)")
    sp.add_argument("--epochs", type=int, default=None, help="passes over the text (default 8; GloVe 20)")
    sp.add_argument("--steps", type=int, default=None, help="the tiny GPT: training steps of 32 windows (default "
                                                            "2000, about 80 s)")
    sp.add_argument("--max-words", type=int, default=None, help="words of the bundled English corpus to train on "
                                                                "(default 400000; the tiny GPT: all, 2.6 million)")
    sp.add_argument("--seed", type=int, default=0)
    sp.add_argument("--metrics", default=None,
                    help="also write epoch (or step),separation,within_group_cos,across_group_cos,loss,seconds,"
                         "neighbours CSV (the tiny GPT: and position_order)")
    sp.add_argument("--gif", default=None, help="also write the animation as an animated GIF (for slides)")
    sp.add_argument("--present", default=None, metavar="HTML",
                    help="also write a slide show of the training for a projector (one offline HTML file)")
    sp.set_defaults(func=run)


#: the page each algorithm writes by default
OUT = {"word2vec": "w2v_training.html", "glove": "glove_training.html", "gpt": "gpt_training.html"}
#: the options that belong to some algorithms only
ONLY = {"sg": ("word2vec",), "negative": ("word2vec",), "window": ("word2vec", "glove"),
        "epochs": ("word2vec", "glove"), "steps": ("gpt",)}


def run(args):
    from ..render.language import t
    from ..training import train_word2vec, training_corpus, write_training_html

    if args.gif and not args.gif.lower().endswith(".gif"):  # refused before the training, not after it
        raise ValueError(f"--gif needs a .gif name; got {args.gif!r}")
    if args.present:
        from ..present.page import check_path

        check_path(args.present)
    wrong = [name for name, kinds in ONLY.items() if getattr(args, name) is not None and args.algorithm not in kinds]
    if wrong:
        raise ValueError("; ".join(f"--{n} is for {' and '.join(ONLY[n])}" for n in wrong) +
                         f", not --algorithm {args.algorithm}")
    given = {k: getattr(args, k) for k in ("sg", "negative", "window", "epochs", "steps")}
    given = {k: v for k, v in given.items() if v is not None}
    if args.algorithm == "gpt":
        from ..training import train_gpt

        corpus = None if args.max_words is None else training_corpus(args.max_words, progress=True)
        trained = train_gpt(corpus, seed=args.seed, progress=True, **given,
                            **({} if args.vector_size is None else {"d_model": args.vector_size}))
    else:
        corpus = training_corpus(400_000 if args.max_words is None else args.max_words, progress=True)
        train = train_word2vec
        if args.algorithm == "glove":
            from ..training import train_glove as train
        trained = train(corpus, vector_size=50 if args.vector_size is None else args.vector_size, seed=args.seed,
                        progress=True, **given)
    out = args.out or OUT[args.algorithm]
    rows = trained.metrics()
    columns = "cli.train.columns.step" if trained.unit == "step" else "cli.train.columns.epoch"
    print(t(columns, word=trained.probe))
    for row in rows:
        print(f"{row[trained.unit]}\t{row['separation']:.3f}\t{row['neighbours']}")
    print(write_training_html(trained, out), file=sys.stderr)
    if args.gif or args.present:
        anim = trained.to_animation()  # one animation: the page, the GIF and the slides show the same frames
        if args.gif:
            from ..render.gif import write_gif

            print(write_gif(anim, args.gif), file=sys.stderr)
        if args.present:
            from ..present import write_presentation

            print(write_presentation(anim, args.present), file=sys.stderr)
    if args.metrics:
        Path(args.metrics).parent.mkdir(parents=True, exist_ok=True)
        with open(args.metrics, "w", newline="", encoding="utf-8") as fh:
            writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
