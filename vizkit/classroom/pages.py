"""Static offline HTML pages: an executed notebook's page, with nothing fetched from the network, and the index."""

from __future__ import annotations

import html
import re
from pathlib import Path

from ..errors import require
from ..render.language import t
from ..render.page import Page, check_html_path, external_refs, plotly_script, write_page as render_write_page
from ..render.plotlyjs import FULL
from .outputs import _rewrite_outputs, _slim_widget_state

__all__ = ["write_page", "write_index", "notebook_title", "external_refs"]

# The lab template with every block that loads something from the network emptied.
TEMPLATE_NAME = "vizkit_classroom.html.j2"
TEMPLATE = """\
{%- extends 'index.html.j2' -%}
{%- block html_head_js -%}
{{ resources.vizkit_plotly }}
{%- endblock html_head_js -%}
{% block jupyter_widgets %}{% endblock jupyter_widgets %}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block data_widget_view scoped %}{%- endblock data_widget_view -%}
"""

_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$", re.MULTILINE)


def write_page(nb, snapshots: dict[str, str], out, *, source, plotlyjs: str = "inline") -> Path:
    """Write an executed notebook as a static offline page ``out``.

    ``source`` is the notebook's path (its folder resolves the images of the
    markdown cells). ``nb`` is changed: its outputs are rewritten. ``plotlyjs``:
    ``"inline"`` (one self-contained file) or ``"directory"`` (one ``plotly.min.js``
    shared by the pages of a folder).
    """
    out = check_html_path(out, "classroom page")
    has_plotly = _rewrite_outputs(nb, snapshots)
    _slim_widget_state(nb)
    head = plotly_script(FULL, plotlyjs) if has_plotly else ""
    page = _to_html(nb, Path(source), plotly=head)
    return Path(render_write_page(page, out, plotlyjs=plotlyjs, bundle=FULL if has_plotly else None,
                                  what="classroom page"))


def write_index(pages, titles, path, *, lang: str | None = None) -> Path:
    """An ``index.html`` in the pages' folder linking each page under its title, in ``lang``."""
    items = "\n".join(f'<li><a href="{html.escape(Path(p).name)}">{html.escape(title)}</a></li>'
                      for p, title in zip(pages, titles))
    heading = t("classroom.index.title", lang)
    page = Page(title=heading, lang=lang, generator="vizkit classroom",
                head="<style>body { font: 16px/1.5 sans-serif; margin: 2em auto; max-width: 48em; padding: 0 1em; }</style>",
                body=f"<h1>{html.escape(heading)}</h1>\n<p>{html.escape(t('classroom.index.intro', lang))}</p>\n"
                     f"<ul>\n{items}\n</ul>")
    return Path(render_write_page(page, path, what="index"))


def notebook_title(nb, default: str = "notebook") -> str:
    """The text of the notebook's first markdown heading, without markdown markup."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            m = _HEADING.search(cell.source)
            if m:
                text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", m.group(1))  # links and images
                text = re.sub(r"<[^>]*>", "", text)
                return re.sub(r"[*_`]+", "", text).strip() or default
    return default


def _to_html(nb, path: Path, *, plotly: str = "") -> str:
    """The lab template without network resources; ``plotly`` (the elements that load plotly.js) in the head."""
    require("nbconvert", "notebooks")
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="lab", template_file=TEMPLATE_NAME,
                            extra_loaders=[DictLoader({TEMPLATE_NAME: TEMPLATE})], embed_images=True)
    resources = {"metadata": {"name": path.stem, "path": str(path.resolve().parent)}, "vizkit_plotly": plotly}
    page, _ = exporter.from_notebook_node(nb, resources=resources)
    return page
