"""Static offline HTML pages: an executed notebook's page, with nothing fetched from the network, and the index."""

from __future__ import annotations

import html
import re
import warnings
from pathlib import Path

from ..errors import VizkitWarning, require
from .outputs import _rewrite_outputs, _slim_widget_state

# The lab template with every block that loads something from the network emptied.
TEMPLATE_NAME = "vizkit_classroom.html.j2"
TEMPLATE = """\
{%- extends 'index.html.j2' -%}
{%- block html_head_js -%}
{%- if resources.vizkit_plotlyjs %}
<script type="text/javascript">window.PlotlyConfig = {MathJaxConfig: 'local'};</script>
<script type="text/javascript">{{ resources.vizkit_plotlyjs }}</script>
{%- endif %}
{%- endblock html_head_js -%}
{% block jupyter_widgets %}{% endblock jupyter_widgets %}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block data_widget_view scoped %}{%- endblock data_widget_view -%}
"""

_EXTERNAL_REF = re.compile(
    r"<(?:script|link|img|iframe|source|video|audio|embed|object|track)\b[^>]*?\b(?:src|href|data|poster)\s*=\s*"
    r"[\"']?((?:https?:)?//[^\"'\s>]+)"
    r"|@import\s+(?:url\()?\s*[\"']?((?:https?:)?//[^\"')\s]+)"
    r"|url\(\s*[\"']?((?:https?:)?//[^\"')\s]+)", re.IGNORECASE)
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.+?)\s*#*\s*$", re.MULTILINE)


def write_page(nb, snapshots: dict[str, str], out, *, source) -> Path:
    """Write an executed notebook as a static offline page ``out``.

    ``source`` is the notebook's path (its folder resolves the images of the
    markdown cells). ``nb`` is changed: its outputs are rewritten.
    """
    out = Path(out)
    has_plotly = _rewrite_outputs(nb, snapshots)
    _slim_widget_state(nb)
    plotlyjs = ""
    if has_plotly:
        from plotly.offline import get_plotlyjs

        plotlyjs = get_plotlyjs()
    page = _to_html(nb, Path(source), plotlyjs=plotlyjs)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page, encoding="utf-8")
    refs = external_refs(page.replace(plotlyjs, "") if plotlyjs else page)  # plotly.js names tile servers
    if refs:
        warnings.warn(f"{out.name} refers to {len(refs)} network resource(s) that will not load offline: "
                      + ", ".join(refs[:3]) + (" ..." if len(refs) > 3 else ""), VizkitWarning, stacklevel=2)
    return out


def write_index(pages, titles, path) -> Path:
    """An ``index.html`` in the pages' folder linking each page under its title."""
    items = "\n".join(f'<li><a href="{html.escape(Path(p).name)}">{html.escape(t)}</a></li>'
                      for p, t in zip(pages, titles))
    path = Path(path)
    path.write_text(f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>vizkit notebooks</title>
<style>body {{ font: 16px/1.5 sans-serif; margin: 2em auto; max-width: 48em; padding: 0 1em; }}</style>
</head><body>
<h1>vizkit notebooks</h1>
<p>Each page is a notebook run to the end, its widgets shown in their final state. No kernel or network needed.</p>
<ul>
{items}
</ul>
</body></html>
""", encoding="utf-8")
    return path


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


def external_refs(page: str) -> list[str]:
    """Network addresses a page would load when opened (scripts, styles, images, frames)."""
    return [next(g for g in m.groups() if g) for m in _EXTERNAL_REF.finditer(page)]


def _to_html(nb, path: Path, *, plotlyjs: str = "") -> str:
    """The lab template without network resources; ``plotlyjs`` (the library's source) inlined in the head."""
    require("nbconvert", "notebooks")
    from jinja2 import DictLoader
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(template_name="lab", template_file=TEMPLATE_NAME,
                            extra_loaders=[DictLoader({TEMPLATE_NAME: TEMPLATE})], embed_images=True)
    resources = {"metadata": {"name": path.stem, "path": str(path.resolve().parent)}, "vizkit_plotlyjs": plotlyjs}
    page, _ = exporter.from_notebook_node(nb, resources=resources)
    return page
