"""Executed notebooks' outputs made static: widget views to snapshots or final state, plotly bundles to figures."""

from __future__ import annotations

import html
import re

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
PLOTLY_JSON = "application/vnd.plotly.v1+json"

# `IntSlider(value=3)`, `HBox(children=(...))`: a repr that says nothing without the widget.
_BARE_REPR = re.compile(r"^\s*[A-Za-z_][\w.]*\(.*\)\s*$", re.DOTALL)
_EXTERNAL_SCRIPT = re.compile(r"<script\b[^>]*\bsrc\s*=\s*[\"']?(?:https?:)?//[^>]*>.*?</script\s*>",
                              re.DOTALL | re.IGNORECASE)


def _rewrite_outputs(nb, snapshots: dict[str, str]) -> bool:
    """Replace widget views and plotly bundles by static HTML; return whether any figure is left."""
    state = nb.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {})
    has_plotly = False
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        outputs = []
        for out in cell.get("outputs", []):
            out = _rewrite_output(out, snapshots, state)
            if out is not None:
                outputs.append(out)
                has_plotly = has_plotly or "Plotly.newPlot(" in out.get("data", {}).get("text/html", "")
        cell.outputs = outputs
    return has_plotly


def _rewrite_output(out, snapshots, state):
    if out.get("output_type") not in ("display_data", "execute_result"):
        return out
    data = out.get("data", {})
    if WIDGET_VIEW in data:
        fragment = _widget_html(data[WIDGET_VIEW].get("model_id", ""), snapshots, state)
        if fragment is not None:
            return _with_data(out, {"text/html": fragment})
        text = data.get("text/plain", "")
        return None if not text.strip() or _BARE_REPR.match(text) else _with_data(out, {"text/plain": text})
    if PLOTLY_JSON in data:
        return _with_data(out, {"text/html": _plotly_html(data[PLOTLY_JSON])})
    if "text/html" in data:
        fragment = data["text/html"]
        fragment = "".join(fragment) if isinstance(fragment, list) else fragment
        if "window.PlotlyConfig" in fragment and "Plotly.newPlot(" not in fragment:
            return None  # the notebook renderer's set-up: plotly.js again, or an import from the CDN
        cleaned = _EXTERNAL_SCRIPT.sub("", fragment)  # e.g. MathJax from cdnjs in the notebook renderer's figures
        if cleaned != fragment:
            return _with_data(out, {**data, "text/html": cleaned})
    return out


def _with_data(out, data):
    out = out.copy()
    out["data"] = data
    out["metadata"] = {}
    return out


def _plotly_html(fig: dict) -> str:
    from ..render.page import figure_fragment

    figure = {k: v for k, v in fig.items() if k in ("data", "layout", "frames")}
    return figure_fragment(figure, config=fig.get("config") or {}, validate=False)


def _widget_html(model_id: str, snapshots, state) -> str | None:
    """A displayed widget as static HTML: its snapshot, its vizkit children's, or its plain final state."""
    if model_id in snapshots:
        return snapshots[model_id]
    inner = _inner_snapshots(model_id, snapshots, state, set())
    if inner:
        return "\n".join(inner)
    return _static_widget(model_id, state)


def _children(model_id, state) -> list[str]:
    kids = state.get(model_id, {}).get("state", {}).get("children") or []
    return [k[len("IPY_MODEL_"):] for k in kids if isinstance(k, str) and k.startswith("IPY_MODEL_")]


def _inner_snapshots(model_id, snapshots, state, seen) -> list[str]:
    """Snapshots of the vizkit widgets inside a container, in display order (not those inside them)."""
    found = []
    for kid in _children(model_id, state):
        if kid not in seen:
            seen.add(kid)
            found.extend([snapshots[kid]] if kid in snapshots else _inner_snapshots(kid, snapshots, state, seen))
    return found


def _static_widget(model_id, state) -> str | None:
    """Boxes of labels, HTML and progress bars (a tqdm bar) drawn from their final state, else None."""
    model = state.get(model_id)
    if model is None:
        return None
    s, name = model.get("state", {}), model.get("model_name", "")
    if name in ("HBoxModel", "VBoxModel", "BoxModel"):
        parts = [_static_widget(k, state) for k in _children(model_id, state)]
        if not parts or any(p is None for p in parts):
            return None
        direction = "row" if name == "HBoxModel" else "column"
        return (f'<div class="vizkit-static-widget" style="display:flex; flex-direction:{direction}; '
                f'gap:0.5em; align-items:center">' + "".join(parts) + "</div>")
    if name == "HTMLModel":
        return f"<span>{s.get('value') or ''}</span>"
    if name == "LabelModel":
        return f"<span>{html.escape(str(s.get('value') or ''))}</span>"
    if name in ("FloatProgressModel", "IntProgressModel"):
        return (f'<progress value="{float(s.get("value") or 0):g}" max="{float(s.get("max") or 100):g}">'
                f'{float(s.get("value") or 0):g}</progress>')
    return None


def _slim_widget_state(nb) -> None:
    """Drop anywidget front-end code (``_esm``, ``_css``) from the embedded state (a FigureWidget's is 5 MB), and
    the binary buffers of those widgets: without their code nothing reads them, and the page shows the widget's
    snapshot, which carries its own copy (an atlas's data blocks: 4 MB of base64 for 20,000 words)."""
    for model in nb.metadata.get("widgets", {}).get(WIDGET_STATE, {}).get("state", {}).values():
        s = model.get("state", {})
        anywidget = isinstance(s.get("_esm"), str)
        for key in ("_esm", "_css"):
            if isinstance(s.get(key), str) and s[key]:
                s[key] = ""
        if anywidget and model.get("buffers"):
            for buffer in model.pop("buffers"):  # the trait keeps its shape, its bytes gone: {"coords": null}
                node = s
                for part in buffer.get("path", [])[:-1]:
                    node = node.get(part, {}) if isinstance(node, dict) else {}
                if isinstance(node, dict) and buffer.get("path"):
                    node[buffer["path"][-1]] = None
