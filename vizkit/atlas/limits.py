"""How many points a 3-D atlas may hold, and the message past that.

A 3-D map (``vizkit atlas --dims 3``, ``Atlas(n_components=3)``) is drawn by plotly's WebGL ``scatter3d``, which
draws every point at every frame. Without a usable GPU (a school laptop, a VM, a remote desktop) WebGL is
software, and the page stops answering between frames as the points grow. benchmarks/atlas_3d.py measured it
in headless Chromium with software WebGL (SwiftShader), a 3-D PCA atlas of clustered vectors per size, turned
and zoomed with the mouse (3 wheel notches in, 3 drags, 3 out), in one run on 2 cores that other work kept busy
(load average about 5; numbers are noisy, read them as orders of magnitude)::

    | points  | page MB | opens in s | max gap ms | p95 gap ms | frames/s | search drawn ms |
    |---------|---------|------------|------------|------------|----------|-----------------|
    |   5,000 |     2.0 |        2.4 |        267 |        167 |      8.2 |             204 |
    |  10,000 |     2.2 |        2.6 |        350 |        290 |      5.0 |             232 |
    |  20,000 |     2.7 |        2.6 |        733 |        503 |      3.1 |             392 |
    |  50,000 |     4.1 |        5.4 |      2,033 |      1,023 |      1.5 |             853 |
    | 100,000 |     6.5 |        7.2 |      3,866 |      2,288 |      1.0 |           1,178 |
    | 200,000 |    11.5 |       10.0 |      4,833 |      3,667 |      0.6 |           1,554 |
    | 400,000 |    21.9 |       11.4 |      8,250 |      7,256 |      0.3 |           4,592 |

(From 50,000 points on, the 60 s the benchmark gives the gestures ran out before all 47 steps were made: 35, 18,
12 and 9 of them.) A map stays usable while the 95th-percentile gap between frames is at most 250 ms and no gap
passes 500 ms (issue 26's budget for the 2-D million-point map): 5,000 points pass, 10,000 do not (290 ms; a
second run of 5,000, 10,000 and 15,000 gave 233, 287 and 599 ms). :data:`MAX_3D_POINTS` is therefore 5,000.
With a GPU plotly turns far more, but a page cannot know which reader it will meet. A 2-D map has no such
limit: it is drawn by a renderer made for millions of points.

Examples
--------
>>> check_3d(5_000, 3)
>>> check_3d(1_000_000, 2)
>>> check_3d(50_000, 3)  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
vizkit.errors.InputError: a 3-D map of 50,000 points is over the 5,000 a 3-D map can hold: ...
"""

from __future__ import annotations

from ..errors import InputError

__all__ = ["MAX_3D_POINTS", "check_3d"]

#: the most points a 3-D atlas draws: the largest size whose frames kept within 250 ms (95th percentile) and
#: 500 ms (largest gap) while turned and zoomed in software WebGL (benchmarks/atlas_3d.py; table above)
MAX_3D_POINTS = 5_000


def check_3d(n_points: int, dims: int) -> None:
    """Refuse a 3-D map of more than :data:`MAX_3D_POINTS` points; a 2-D map of any size passes.

    Call it before the map is made (minutes at a million points), with the number of points that will be mapped.

    Parameters
    ----------
    n_points : int
        Points the map will hold (after any ``--max-points`` sample).
    dims : {2, 3}
        Dimensions of the map (``--dims``, ``n_components``).

    Raises
    ------
    InputError
        The count, the limit, why (frame times measured in software WebGL), and what to do instead: a 2-D map,
        or a sample of at most the limit.
    """
    if dims != 3 or n_points <= MAX_3D_POINTS:
        return
    raise InputError(
        f"a 3-D map of {n_points:,} points is over the {MAX_3D_POINTS:,} a 3-D map can hold: in software WebGL "
        f"(a laptop without a usable GPU, a VM, a remote desktop) a 3-D map of more points was measured to leave "
        f"over a quarter of a second between frames while it turns, and seconds at 100,000 points. Make a 2-D map "
        f"instead (--dims 2; n_components=2 in Python), drawn by a renderer made for millions of points, or map a "
        f"sample of {MAX_3D_POINTS:,} points (--max-points {MAX_3D_POINTS}; vizkit.formats.sample_points in Python)")
