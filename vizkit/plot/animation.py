"""Play / Pause buttons and a frame slider for a plotly animation, built once for every animated figure."""

from __future__ import annotations

from typing import Sequence

__all__ = ["play_controls"]


def play_controls(frame_names: Sequence[str], labels: Sequence[str] | None = None, *, duration: int,
                  transition: int, prefix: str = "frame ", easing: str = "cubic-in-out",
                  pause_redraw: bool | None = False, buttons: tuple[str, str] = ("Play", "Pause")) -> dict:
    """The ``updatemenus`` (Play / Pause) and ``sliders`` (one step per frame) of an animated figure.

    Plain dicts, so no plotly import is needed to build them; pass them on with
    ``fig.update_layout(**play_controls(...))``. The buttons sit under the plot
    on the left, the slider beside them, showing the current step's label.

    Parameters
    ----------
    frame_names : sequence of str
        The ``name`` of each ``go.Frame``, in order; step ``k`` animates to frame ``k``.
    labels : sequence of str, optional
        The slider's label for each frame; the frame names when not given.
    duration : int
        Milliseconds each frame is shown while playing or when a step is chosen.
    transition : int
        Milliseconds of the glide from one frame to the next.
    prefix : str, default "frame "
        Written before the current step's label (``"epoch "`` -> "epoch 3").
    easing : str, default "cubic-in-out"
        The transition's easing (a plotly.js easing name).
    pause_redraw : bool or None, default False
        ``frame.redraw`` of the Pause button; None leaves it to plotly.js.
    buttons : (str, str), default ("Play", "Pause")
        The buttons' labels (the animation figure gives them in the page's language).

    Returns
    -------
    dict
        ``{"updatemenus": [...], "sliders": [...]}``, ready for ``update_layout``.

    Examples
    --------
    >>> c = play_controls(["static", "layer 0"], ["static", "0"], duration=900, transition=600)
    >>> [b["label"] for b in c["updatemenus"][0]["buttons"]], [s["label"] for s in c["sliders"][0]["steps"]]
    (['Play', 'Pause'], ['static', '0'])
    """
    names = [str(n) for n in frame_names]
    labels = names if labels is None else [str(x) for x in labels]
    if len(labels) != len(names):
        raise ValueError(f"{len(labels)} labels for {len(names)} frames; give one label per frame")
    timing = dict(frame=dict(duration=duration, redraw=True), transition=dict(duration=transition, easing=easing))
    pause_frame = dict(duration=0) if pause_redraw is None else dict(duration=0, redraw=pause_redraw)
    play = dict(label=buttons[0], method="animate", args=[None, dict(timing, fromcurrent=True)])
    pause = dict(label=buttons[1], method="animate", args=[[None], dict(frame=pause_frame, mode="immediate")])
    steps = [dict(label=label, method="animate", args=[[name], dict(mode="immediate", **timing)])
             for name, label in zip(names, labels)]
    return dict(
        updatemenus=[dict(type="buttons", direction="left", x=0.0, y=-0.08, xanchor="left", yanchor="top",
                          buttons=[play, pause])],
        sliders=[dict(active=0, x=0.16, y=-0.04, len=0.84, currentvalue=dict(prefix=prefix, xanchor="right"),
                      steps=steps)],
    )
