"""``vizkit animate``: the static-to-contextual animation of a word, as one offline HTML file."""

from __future__ import annotations

import sys

from ..render.animation import short_name
from ..render.language import t
from ._common import add_animation_arguments, axes_poles


def add_arguments(sub):
    sp = sub.add_parser("animate", help="the static-to-contextual animation of a word, as one offline HTML file")
    sp.add_argument("word")
    add_animation_arguments(sp, "static vector of the first frame")
    sp.add_argument("--versus", default=None, metavar="MODEL",
                    help="draw a second model beside --model, stages matched by relative depth, e.g. "
                         "SmolLM2-135M-Instruct (a left-to-right decoder beside the bundled encoder)")
    sp.add_argument("--3d", dest="three_d", action="store_true",
                    help="a 3-D map (plotly scene; not with --method axes, --gif or --versus)")
    sp.add_argument("--seed", type=int, default=0)
    sp.add_argument("--out", required=True, help="HTML file to write (self-contained, works offline)")
    sp.add_argument("--gif", default=None, help="also write an animated GIF (matplotlib) for slides")
    sp.add_argument("--metrics", default=None,
                    help="also write frame,layer,within_sense_cos,across_sense_cos,separation as CSV")
    sp.add_argument("--compare", default=None,
                    help="also write the side-by-side static / embedding layer / contextual view (HTML)")
    sp.set_defaults(func=run)


def run(args):
    from ..datasets import sentence_sets
    from ..polysemy import animation_figure, polysemy_frames
    from ..render import write_html
    from ..sources import llm_for

    axes = axes_poles(args, required=False)  # without --x-axis: the senses' anchor words
    if args.sentences:
        sset = sentence_sets.read_sentence_file(args.sentences, args.word)
    else:
        sset = sentence_sets.load(args.word)
    llm = llm_for(args.model, sset.word, sset.sentences)
    if args.versus:
        return _versus(args, sset, llm)
    fs = polysemy_frames(sset.word, sset.sentences, sset.senses, llm=llm, static=args.static, method=args.method,
                         axes=axes, n_components=3 if args.three_d else 2, random_state=args.seed, progress=True)
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
    seps = [(short_name(f.title()), f.separation["separation"]) for f in fs.frames]  # in the command's language
    if all(v == v for _, v in seps):
        best = max(seps[1:], key=lambda s: s[1])
        values = t("figure.list").join(f"{n} {v:+.3f}" for n, v in seps)
        print(t("cli.animate.separation", word=sset.word, values=values,
                best=best[0]), file=sys.stderr)


def _versus(args, sset, llm):
    from ..polysemy import side_by_side_figure, side_by_side_frames
    from ..render import write_html
    from ..sources import LLM

    if args.compare or args.method == "axes" or args.three_d:
        raise ValueError("--versus draws the two animations side by side, each model on its own map; it does not "
                         "take --compare, --3d or --method axes")
    sbs = side_by_side_frames(sset.word, sset.sentences, sset.senses, models=(llm, LLM(args.versus)),
                              static=args.static, method=args.method, random_state=args.seed, progress=True)
    print(write_html(side_by_side_figure(sbs), args.out))
    if args.gif:  # the same one animation, both panels in each image
        from ..render.gif import write_gif

        print(write_gif(sbs, args.gif))
    if args.metrics:
        import csv

        rows = sbs.separation()
        with open(args.metrics, "w", newline="", encoding="utf-8") as fh:
            w = csv.DictWriter(fh, fieldnames=list(rows[0]))
            w.writeheader()
            w.writerows(rows)
        print(args.metrics)
    for m, fs in enumerate(sbs.framesets):
        seps = [sbs.frame(j, m).separation["separation"] for j in range(len(sbs.stages))]
        if all(v == v for v in seps):
            values = t("figure.list").join(f"{v:+.3f}" for v in seps)
            print(t("cli.animate.separation.stages", model=fs.model, values=values),
                  file=sys.stderr)
