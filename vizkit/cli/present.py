"""``vizkit present``: a word's static-to-contextual story as one offline HTML slide show for a projector."""

from __future__ import annotations

from ._common import add_animation_arguments, axes_poles


def add_arguments(sub):
    sp = sub.add_parser("present", help="a classroom slide show of a word, static vector to last layer "
                                        "(one offline HTML file)")
    sp.add_argument("word")
    sp.add_argument("--out", required=True, help="HTML file to write (self-contained, works offline)")
    sp.add_argument("--script", default=None, metavar="FILE",
                    help="the scenes, one a line: title \"...\", static, layer N|best|last, compare, separation, "
                         "text \"...\" (each may add caption=\"...\"); default the whole story")
    add_animation_arguments(sp, "static vector of the static scene")
    sp.add_argument("--seed", type=int, default=0)
    sp.set_defaults(func=run)


def run(args):
    from ..present import present, read_script
    from ..present.page import check_path

    check_path(args.out)
    axes = axes_poles(args, required=False)
    script = read_script(args.script) if args.script else None  # a bad script fails before the model loads
    print(present(args.word, args.out, sentences=args.sentences, script=script, llm=args.model,
                  static=args.static, method=args.method, random_state=args.seed, axes=axes, progress=True))
