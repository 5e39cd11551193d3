"""The one rendering layer: pages written offline, the animation model every animated view shares, the
front end's JavaScript files and the learner's language (English, Chinese).

- :mod:`.page`: the one page writer (:func:`write_html` for a figure, :class:`Page` + :func:`write_page`);
- :mod:`.plotlyjs`: plotly.js once per page, the smallest bundle that draws it, inline or shared;
- :mod:`.assets`: the front end's ``.js`` / ``.css`` files (``js/``, tested by ``node --test tests/js``);
- :mod:`.language`: the message catalogue in English and Chinese (``lang="zh"``, ``VIZKIT_LANG``).
"""

from .language import LANGUAGES, set_language, t
from .page import Page, check_html_path, write_html, write_page

__all__ = ["write_html", "write_page", "Page", "check_html_path", "t", "set_language", "LANGUAGES"]

# the one animation model (:mod:`.animation`), its plotly figure (:mod:`.figure`) and its GIF (:mod:`.gif`)
from .animation import PADDING, Animation, ReferencePoints, as_animation, fixed_extent  # noqa: E402
from .figure import animation_figure  # noqa: E402
from .gif import animation_mpl, save_gif, write_gif  # noqa: E402

__all__ += ["Animation", "ReferencePoints", "PADDING", "fixed_extent", "as_animation", "animation_figure",
            "animation_mpl", "save_gif", "write_gif"]
