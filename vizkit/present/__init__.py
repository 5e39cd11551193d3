"""Presenter mode: a word's static-to-contextual story as one offline HTML slide show for a projector.

- :mod:`.script`: :class:`Scene` and the teacher's script of scenes (:func:`parse_script`, :func:`read_script`);
- :mod:`.scenes`: each scene's text and figure from a :class:`~vizkit.polysemy.FrameSet` (the shared map
  restyled big, the comparison, the separation chart) and the default talk; the default talk of any other
  animation (a training run, models side by side: :func:`animation_slides`);
- :mod:`.page`: the HTML page, its keys (PageDown / PageUp, Home / End, ``f``) and the URL hash;
- :mod:`.deck`: :func:`present` (a word to a file) and :func:`write_presentation` (frames to a file).

Examples
--------
>>> from vizkit.present import present
>>> present("bank", "talk.html")  # doctest: +SKIP
'talk.html'
"""

from .deck import present, write_presentation
from .scenes import animation_scenes, animation_slides, default_scenes
from .script import KINDS, Scene, parse_script, read_script

__all__ = ["present", "write_presentation", "Scene", "KINDS", "parse_script", "read_script", "default_scenes",
           "animation_scenes", "animation_slides"]
