"""From a word (or its frames) and a script to the presentation's HTML file."""

from __future__ import annotations

from os import PathLike

from ..errors import InputError
from ..render.language import t
from .page import check_path, write_page
from .scenes import animation_slides, build_slides, default_scenes
from .script import read_script

__all__ = ["present", "write_presentation"]


def _scenes(script):
    if script is None or isinstance(script, (str, PathLike)):
        return None if script is None else read_script(script)
    return list(script)


def write_presentation(fs, path, scenes=None, *, llm=None, static="llm", lang: str | None = None) -> str:
    """Write the presentation of the frames ``fs`` (:func:`~vizkit.polysemy.polysemy_frames`) to ``path``.

    Parameters
    ----------
    fs : FrameSet, or any animation
        A word's frames tell the static-to-contextual story (scenes). Any other animation
        (a :class:`~vizkit.training.TrainingRun`, a :class:`~vizkit.polysemy.SideBySide`,
        an :class:`~vizkit.render.Animation`) gets the default talk of
        :func:`~vizkit.present.scenes.animation_slides`: its frames on one map, then its scores.
    path : str or Path
        A ``.html`` file, written whole, with everything it needs inside.
    scenes : list of Scene, or a script file, optional
        Default :func:`~vizkit.present.scenes.default_scenes` (a word's frames) or
        :func:`~vizkit.present.scenes.animation_scenes` (any other animation: ``title``, ``text``,
        ``frame N|best|last`` and ``separation`` scenes).
    llm : vizkit.sources.LLM, optional
        The model of ``fs``; needed by ``compare`` scenes (which encode the sentences again).
    static : str or Source, default "llm"
        The static panel of ``compare`` (as in :func:`~vizkit.polysemy.comparison.comparison_figure`).
    lang : {"en", "zh"}, optional
        The language of the controls, the default captions and the figures' texts (default:
        ``VIZKIT_LANG``, else the locale). A script's own text is shown as written.

    Returns
    -------
    str
        The path written.
    """
    from ..polysemy.frames import FrameSet

    path = check_path(path)
    if not isinstance(fs, FrameSet):
        slides, figures = animation_slides(fs, lang, scenes=_scenes(scenes))
        return write_page(slides, figures, path, title=slides[0].heading or "vizkit", lang=lang)
    scenes = _scenes(scenes)
    slides, figures = build_slides(default_scenes(fs) if scenes is None else scenes, fs, llm=llm, static=static,
                                   lang=lang)
    title = (next((s.heading for s in slides if s.kind == "title"), None)
             or t("present.title", lang, word=fs.word))
    return write_page(slides, figures, path, title=title, lang=lang)


def present(word, out, *, sentences=None, senses=None, script=None, llm=None, static="llm", method="pca",
            random_state: int = 0, axes=None, progress: bool = False, lang: str | None = None) -> str:
    """Write a classroom presentation of ``word``, static vector to last layer, as one offline HTML file.

    ``word`` may also be an animation already computed (a
    :class:`~vizkit.training.TrainingRun`, a :class:`~vizkit.polysemy.FrameSet`, a
    :class:`~vizkit.polysemy.SideBySide` or an :class:`~vizkit.render.Animation`): it is
    written by :func:`write_presentation` (``present(run, "train_talk.html")``).

    The scenes (title, the static point, layer steps, the three-panel comparison,
    the separation chart, free text) come from ``script`` or, by default, tell the
    whole story: title, static, layer 0, a few layers up to the one where the
    senses separate best, the last layer, compare, separation. Open the file in
    any browser, no network needed; PageDown / PageUp (or a presenter's clicker)
    step through it, ``f`` goes full screen.

    Parameters
    ----------
    word : str
    out : str or Path
        The ``.html`` file to write.
    sentences : sequence of str, or a sentence file, optional
        Default the bundled sentences of ``word``. A file has ``sense<TAB>sentence`` lines
        (as ``vizkit animate --sentences``).
    senses : sequence of str, optional
        One sense per sentence, with a list of ``sentences``.
    script : list of Scene, or a script file, optional
        See :func:`~vizkit.present.parse_script`.
    llm : vizkit.sources.LLM or str, optional
        Default the bundled all-MiniLM-L6-v2, or M3E-small for Chinese text (:func:`~vizkit.sources.model_for`).
    static, method, random_state, axes
        As in :func:`~vizkit.polysemy.polysemy_frames`.
    lang : {"en", "zh"}, optional
        The talk's language: its controls, default captions and figures (default: ``VIZKIT_LANG``,
        else the locale). ``present("苹果", "talk.html", lang="zh")``.

    Returns
    -------
    str
        The path written.

    Examples
    --------
    >>> present("bank", "talk.html")  # doctest: +SKIP
    'talk.html'
    >>> from vizkit.training import train_word2vec
    >>> present(train_word2vec(epochs=5), "train_talk.html")  # doctest: +SKIP
    'train_talk.html'
    """
    from ..datasets import sentence_sets
    from ..polysemy import polysemy_frames
    from ..sources import llm_for

    if not isinstance(word, str):
        return write_presentation(word, out, script, llm=llm, static=static, lang=lang)
    out = check_path(out)
    scenes = _scenes(script)  # a bad script fails before the model runs
    if sentences is None:
        if senses is not None:
            raise InputError("senses= goes with sentences= (one sense per sentence)")
        sset = sentence_sets.load(word)
    elif isinstance(sentences, (str, PathLike)):
        sset = sentence_sets.read_sentence_file(sentences, word)
    else:
        sset = sentence_sets.from_list(word, sentences, senses)
    llm = llm_for(llm, word, sset.sentences)
    fs = polysemy_frames(sset.word, sset.sentences, sset.senses, llm=llm, static=static, method=method, axes=axes,
                         random_state=random_state, progress=progress)
    return write_presentation(fs, out, scenes, llm=llm, static=static, lang=lang)
