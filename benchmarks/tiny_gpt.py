"""The tiny GPT (vizkit.training.train_gpt): its training time, memory and what it learns, and its speed per step
against the stock GPT-2 of transformers at the same size.

Run: .venv/bin/python benchmarks/tiny_gpt.py [--steps 1000,2000,3000]

1. Each training runs in a fresh process, without the cache: wall time, peak memory (VmHWM), the tracked groups'
   separation, the share of words whose nearest tracked word is in their own group, the held-out loss and the
   position table's order, for each step count.
2. One run, one process: milliseconds per training step (forward, backward, AdamW) of vizkit's TinyGPTNet and of
   ``transformers.GPT2LMHeadModel`` with the same width, depth, heads, context and vocabulary (tied output layer in
   both), on the same batches, at 1 and 2 threads.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _results import PEAK, save  # noqa: E402

CHILD = PEAK + """
import json, sys, time
import numpy as np
from vizkit.training import train_gpt
steps = int(sys.argv[1])
t0 = time.perf_counter()
run = train_gpt(steps=steps, cache=False, progress=False)
wall = time.perf_counter() - t0
V, g = run.frames[-1].vectors, run.groups
U = V / np.linalg.norm(V, axis=1, keepdims=True); S = U @ U.T; np.fill_diagonal(S, -np.inf)
own = float(np.mean([g[j] == g[i] for i, j in enumerate(S.argmax(1))]))
last = run.frames[-1]
print(json.dumps({"steps": steps, "wall_s": wall, "train_s": run.seconds, "separation": last.separation["separation"],
                  "nearest_in_own_group": own, "held_out_loss": last.loss,
                  "position_order": last.extra["position_order"],
                  "march": [w for w, _ in run.model.neighbours("march")]}))
"""


def train_in_child(steps: int) -> dict:
    with tempfile.NamedTemporaryFile("r") as peak:
        out = subprocess.run([sys.executable, "-c", CHILD, peak.name, str(steps)], check=True, capture_output=True,
                             text=True).stdout
        row = json.loads(out.strip().splitlines()[-1])
        row["peak_mb"] = int(peak.read() or 0) / 1024
    return row


def per_step(threads: int, n: int = 60) -> dict:
    """ms per training step of vizkit's net and of transformers' GPT-2 at the same size, same batches."""
    import numpy as np
    import torch
    from transformers import GPT2Config, GPT2LMHeadModel

    from vizkit.training.gpt import GPT_DEFAULTS as P
    from vizkit.training.tiny_gpt import make_net

    torch.set_num_threads(threads)
    torch.manual_seed(0)
    ours = make_net(P["vocab_size"], P["d_model"], P["n_layers"], P["n_heads"], P["context"])
    stock = GPT2LMHeadModel(GPT2Config(vocab_size=P["vocab_size"], n_positions=P["context"], n_embd=P["d_model"],
                                       n_layer=P["n_layers"], n_head=P["n_heads"], resid_pdrop=0.0, embd_pdrop=0.0,
                                       attn_pdrop=0.0, bos_token_id=1, eos_token_id=1))
    rng = np.random.default_rng(0)
    batches = [torch.from_numpy(rng.integers(0, P["vocab_size"], (P["batch_size"], P["context"] + 1)))
               for _ in range(n + 10)]
    out = {}
    for name, net, logits in (("vizkit TinyGPTNet", ours, lambda m, x: m(x)),
                              ("transformers GPT2LMHeadModel", stock, lambda m, x: m(x).logits)):
        opt = torch.optim.AdamW(net.parameters(), lr=1e-3)
        net.train()
        for k, b in enumerate(batches):
            if k == 10:
                t0 = time.perf_counter()
            loss = torch.nn.functional.cross_entropy(logits(net, b[:, :-1]).reshape(-1, P["vocab_size"]),
                                                     b[:, 1:].reshape(-1))
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
        out[name] = (time.perf_counter() - t0) / n * 1000
    out["parameters"] = {"vizkit": sum(p.numel() for p in ours.parameters()),
                         "transformers": sum(p.numel() for p in stock.parameters())}
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--steps", default="1000,2000,3000", help="step counts to train (comma-separated)")
    args = ap.parse_args()
    report = {"trainings": [], "per_step_ms": {}}
    print("steps\twall s\tpeak MB\tseparation\tnearest in own group\theld-out loss\tposition order\tmarch")
    for steps in [int(s) for s in args.steps.split(",")]:
        row = train_in_child(steps)
        report["trainings"].append(row)
        print(f"{steps}\t{row['wall_s']:.0f}\t{row['peak_mb']:.0f}\t{row['separation']:.3f}\t"
              f"{row['nearest_in_own_group']:.2f}\t{row['held_out_loss']:.2f}\t{row['position_order']:.3f}\t"
              f"{', '.join(row['march'])}", flush=True)
    print("\nthreads\tvizkit ms/step\ttransformers GPT-2 ms/step\tratio")
    for threads in (1, 2):
        r = per_step(threads)
        report["per_step_ms"][threads] = r
        a, b = r["vizkit TinyGPTNet"], r["transformers GPT2LMHeadModel"]
        print(f"{threads}\t{a:.1f}\t{b:.1f}\t{b / a:.2f}", flush=True)
    print("parameters:", report["per_step_ms"][2]["parameters"])
    save("tiny_gpt", report)


if __name__ == "__main__":
    main()
