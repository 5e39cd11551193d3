"""A presentation's scenes, and the teacher's script file that lists them, one scene a line.

::

    # bank, for the Tuesday class
    title "Why context matters"
    static caption="One vector for every sentence"
    layer 0
    layer 3 caption="Halfway: the senses pull apart"
    layer best
    compare
    separation
    text "Questions?"

A line is a scene kind, then its values, split like a shell line (:mod:`shlex`:
quote a value with spaces). ``title`` and ``text`` take their text, ``layer`` a
layer number, ``best`` (the layer where the senses separate most) or ``last``;
every scene takes ``caption=`` (``caption=""``: none), ``compare`` also
``layer=``. A word starting with ``#`` begins a comment; blank lines are skipped.

Any other animation (a training run, two models side by side) is told with
``title``, ``text``, ``separation`` and ``frame`` scenes: ``frame 0`` is the first
frame (epoch 0), ``frame best`` the one with the highest score, ``frame last``::

    title "Word2Vec learns"
    frame 0 caption="Random vectors: no groups yet"
    frame best
    separation
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field

from .._suggest import close_words
from .._text import read_lines
from ..errors import InputError

__all__ = ["Scene", "KINDS", "parse_script", "read_script"]

KINDS = ("title", "static", "layer", "compare", "separation", "text", "frame")
"""The scene kinds, in the order a talk usually has them."""

_KEYS = {"title": ("caption",), "static": ("caption",), "layer": ("caption",), "compare": ("caption", "layer"),
         "separation": ("caption",), "text": ("caption",), "frame": ("caption",)}
_KEY = re.compile(r"^([A-Za-z_][\w-]*)=(.*)$", re.S)


@dataclass(frozen=True)
class Scene:
    """One scene of a presentation.

    Parameters
    ----------
    kind : {"title", "static", "layer", "compare", "separation", "text", "frame"}
    layer : int or {"best", "last"}, optional
        ``layer`` scenes: the layer shown (0 is the embedding layer). ``compare``: the
        contextual panel's layer (default ``best``). ``frame`` scenes (any animation): the
        frame shown, from 0.
    text : str, optional
        ``title``: the title (default "Why context matters: '<word>'"); ``text``: the slide's text.
    caption : str, optional
        The line under the plot or text; ``None`` for the scene's own caption, ``""`` for none.
    line : int, optional
        The script line the scene came from, for error messages (not compared).
    """

    kind: str
    layer: int | str | None = None
    text: str | None = None
    caption: str | None = None
    line: int | None = field(default=None, compare=False, repr=False)

    @property
    def where(self) -> str:
        """``"script line 4: "`` for a scene read from a script, else ``""`` (the start of an error message)."""
        return f"script line {self.line}: " if self.line is not None else ""


def _layer_value(value: str, at: str, what: str = "layer") -> int | str:
    if value in ("best", "last"):
        return value
    try:
        n = int(value)
    except ValueError:
        raise InputError(f"{at}{what} needs a number, best or last; got {value!r}") from None
    if n < 0:
        first = "the embedding layer" if what == "layer" else "the first frame"
        raise InputError(f"{at}{what} numbers start at 0 ({first}); got {n}")
    return n


def _tokens(line: str, at: str) -> list[tuple[str, bool]]:
    """The line's words as ``(word, quoted)``; a word starting with ``#`` ends the line."""
    lex = shlex.shlex(line, posix=True)
    lex.whitespace_split = True
    lex.commenters = ""
    out, start = [], 0
    try:
        while (word := lex.get_token()) is not None:
            end = lex.instream.tell()
            raw = line[start:end].strip()
            start = end
            if raw.startswith("#"):
                break
            out.append((word, raw[:1] in ("'", '"')))
    except ValueError as exc:  # "No closing quotation"
        raise InputError(f"{at}{str(exc).lower()}: {line.strip()}") from None
    return out


def _scene(tokens: list[tuple[str, bool]], number: int, at: str) -> Scene:
    kind = tokens[0][0]
    if kind not in KINDS:
        near = close_words(kind.lower(), KINDS, n=1)
        hint = f" (did you mean {near[0]}?)" if near else ""
        raise InputError(f"{at}unknown scene {kind!r}{hint}; scenes are {', '.join(KINDS)}")
    values, keys = [], {}
    for word, quoted in tokens[1:]:
        m = None if quoted else _KEY.match(word)
        if m is None:
            values.append(word)
            continue
        key, value = m.groups()
        if key not in _KEYS[kind]:
            raise InputError(f"{at}unknown key {key!r} for {kind}; {kind} takes "
                             + " or ".join(f"{k}=" for k in _KEYS[kind]))
        if key in keys:
            raise InputError(f"{at}{key}= given twice")
        keys[key] = value
    layer = _layer_value(keys["layer"], at) if "layer" in keys else None
    text = None
    if kind in ("layer", "frame"):
        if len(values) != 1:
            raise InputError(f"{at}{kind} takes one value, a number, best or last (e.g. {kind} 3); "
                             f"got {len(values)}")
        layer = _layer_value(values[0], at, kind)
    elif kind in ("title", "text"):
        text = " ".join(values) if values else None
        if kind == "text" and not text:
            raise InputError(f'{at}text needs the slide\'s text, e.g. text "Questions?"')
    elif values:
        raise InputError(f"{at}{kind} takes no value {values[0]!r}; did you mean caption=\"...\"?")
    return Scene(kind, layer=layer, text=text, caption=keys.get("caption"), line=number)


def parse_script(lines, *, where: str = "script") -> list[Scene]:
    """The scenes of a script, one scene a line.

    Parameters
    ----------
    lines : str or iterable of str
        The script's text, or its lines.
    where : str
        What the script is called in error messages (``"script talk.txt"``).

    Returns
    -------
    list of Scene

    Raises
    ------
    InputError
        An unknown scene kind or key, a layer that is not a number, ``best`` or
        ``last``, an unclosed quote, or no scene at all; the message names the line.

    Examples
    --------
    >>> parse_script(['title "Why context matters"', "layer 3 caption='Halfway'", "# a comment", "compare"])
    [Scene(kind='title', layer=None, text='Why context matters', caption=None), \
Scene(kind='layer', layer=3, text=None, caption='Halfway'), Scene(kind='compare', layer=None, text=None, caption=None)]
    """
    if isinstance(lines, str):
        lines = lines.splitlines()
    scenes = []
    for number, line in enumerate(lines, start=1):
        tokens = _tokens(line, f"{where} line {number}: ")
        if tokens:
            scenes.append(_scene(tokens, number, f"{where} line {number}: "))
    if not scenes:
        raise InputError(f"{where} has no scenes; write one a line, e.g. 'title \"Why context matters\"', "
                         "'static', 'layer 3', 'compare'")
    return scenes


def read_script(path) -> list[Scene]:
    """The scenes of a UTF-8 script file (see :func:`parse_script`); errors name the file and the line."""
    return parse_script(read_lines(path, what="script file"), where=f"script {path}")
