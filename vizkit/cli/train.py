"""``vizkit train``: train Word2Vec or GloVe live and write its epoch-by-epoch animation as one offline HTML file (and,
from the same animation, a GIF and a slide show)."""

from __future__ import annotations

import csv
import sys
from pathlib import Path


def add_arguments(sub):
    sp = sub.add_parser("train", help="train Word2Vec or GloVe live; write its epoch-by-epoch animation as one offline "
                                      "HTML file")
    sp.add_argument("--algorithm", choices=("word2vec", "glove"), default="word2vec",
                    help="word2vec (default) or glove: GloVe fitted to the corpus' co-occurrence counts")
    sp.add_argument("--out", default=None, help="HTML file to write (default w2v_training.html, glove_training.html)")
    sp.add_argument("--sg", type=int, choices=(0, 1), default=None, help="Word2Vec: 1 skip-gram (default), 0 CBOW")
    sp.add_argument("--window", type=int, default=None, help="words either side (default 5; GloVe 10)")
    sp.add_argument("--negative", type=int, default=None, help="Word2Vec: negative samples (default 5); 0 = hierarchical "
                                                                "softmax")
    sp.add_argument("--vector-size", type=int, default=50)
    sp.add_argument("--epochs", type=int, default=None, help="passes over the text (default 8; GloVe 20)")
    sp.add_argument("--max-words", type=int, default=400_000, help="words of the bundled English corpus to train on")
    sp.add_argument("--seed", type=int, default=0)
    sp.add_argument("--metrics", default=None,
                    help="also write epoch,separation,within_group_cos,across_group_cos,loss,seconds,neighbours CSV")
    sp.add_argument("--gif", default=None, help="also write the animation as an animated GIF (for slides)")
    sp.add_argument("--present", default=None, metavar="HTML",
                    help="also write a slide show of the training for a projector (one offline HTML file)")
    sp.set_defaults(func=run)


def run(args):
    from ..render.language import t
    from ..training import train_word2vec, training_corpus, write_training_html

    if args.gif and not args.gif.lower().endswith(".gif"):  # refused before the training, not after it
        raise ValueError(f"--gif needs a .gif name; got {args.gif!r}")
    if args.present:
        from ..present.page import check_path

        check_path(args.present)
    wrong = [f"--{name}" for name in ("sg", "negative") if getattr(args, name) is not None]
    if args.algorithm == "glove" and wrong:
        raise ValueError(f"{' and '.join(wrong)} belong to Word2Vec; GloVe has no output layer to choose")
    corpus = training_corpus(args.max_words, progress=True)
    given = {"window": args.window, "epochs": args.epochs}
    if args.algorithm == "glove":
        from ..training import train_glove

        trained = train_glove(corpus, vector_size=args.vector_size, seed=args.seed, progress=True,
                              **{k: v for k, v in given.items() if v is not None})
    else:
        params = {"sg": args.sg, "negative": args.negative, **given}
        trained = train_word2vec(corpus, vector_size=args.vector_size, seed=args.seed, progress=True,
                                 **{k: v for k, v in params.items() if v is not None})
    out = args.out or ("glove_training.html" if args.algorithm == "glove" else "w2v_training.html")
    rows = trained.metrics()
    print(t("cli.train.columns", word=trained.probe))
    for row in rows:
        print(f"{row['epoch']}\t{row['separation']:.3f}\t{row['neighbours']}")
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
