"""A real JupyterLab on localhost, driven by headless Chromium: open a notebook, run it, inspect its widgets.

    with running_jupyterlab(root) as lab, lab_page(browser, lab) as view:
        open_notebook(view.page, lab.url, "demo.ipynb")
        assert run_all_cells(view.page) == []
        assert widget_problems(view.page) == []

The server is hermetic and quiet: its own config, data, runtime, settings and workspace directories, no
token, no news, no update check, no PyPI extension listing; the page may only talk to the server.
"""

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

SERVER_CONFIG = {
    "ServerApp": {"open_browser": False, "port_retries": 0, "terminals_enabled": False,
                  "allow_root": True},  # CI containers run as root
    "IdentityProvider": {"token": ""},
    "PasswordIdentityProvider": {"hashed_password": "", "password_required": False},
    "LabApp": {
        "news_url": None,  # the server never fetches the Jupyter news feed
        "check_for_updates_class": "jupyterlab.NeverCheckForUpdate",
        "extension_manager": "readonly",  # no PyPI listing in the extension manager
    },
}
PAGE_CONFIG = {
    # The announcements plugin asks "Would you like to get notified about official Jupyter news?" in a toast.
    "disabledExtensions": {"@jupyterlab/apputils-extension:announcements": True},
    # No "Build Recommended" dialog, no build check (a few seconds of CPU) on page load.
    "buildCheck": False,
    "buildAvailable": False,
}
USER_SETTINGS = {
    "@jupyterlab/apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False},
    # Every cell attached to the DOM, so prompts and outputs below the fold can be inspected; the notebook's
    # kernel started without a "Select Kernel" dialog.
    "@jupyterlab/notebook-extension/tracker": {"windowingMode": "none", "autoStartDefaultKernel": True},
}

PYTHON_KERNEL = "Python 3 (ipykernel)"
CURRENT_PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"
WIDGET_REPRS = ("IntSlider(value=", "FloatSlider(value=", "VBox(children=", "HBox(children=", "FigureWidget({")
WIDGET_ERRORS = ("Error displaying widget", "model not found", "Loading widget...")


# ------------------------------------------------------------------ the server
@dataclass
class JupyterLab:
    """A running server: ``url`` (base URL, no trailing slash), ``root`` (its root dir), ``log`` (its output)."""

    url: str
    root: Path
    process: subprocess.Popen
    log_path: Path

    @property
    def log(self):
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def log_tail(self, lines=40):
        return "\n".join(self.log.splitlines()[-lines:])


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _write_json(path, data):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=1), encoding="utf-8")


def _isolated_env(home):
    """The environment for the server and its kernels: private Jupyter dirs, no extra Jupyter search paths,
    the venv's python first on PATH (the python3 kernelspec, and ``!python`` in a cell, run a bare ``python``)."""
    dirs = {"JUPYTER_CONFIG_DIR": home / "config", "JUPYTER_DATA_DIR": home / "data",
            "JUPYTER_RUNTIME_DIR": home / "runtime", "JUPYTERLAB_SETTINGS_DIR": home / "settings",
            "JUPYTERLAB_WORKSPACES_DIR": home / "workspaces", "IPYTHONDIR": home / "ipython"}
    _write_json(dirs["JUPYTER_CONFIG_DIR"] / "jupyter_server_config.json", SERVER_CONFIG)
    _write_json(dirs["JUPYTER_CONFIG_DIR"] / "labconfig" / "page_config.json", PAGE_CONFIG)
    for plugin, settings in USER_SETTINGS.items():
        _write_json(dirs["JUPYTERLAB_SETTINGS_DIR"] / f"{plugin}.jupyterlab-settings", settings)
    env = {**os.environ, **{k: str(v) for k, v in dirs.items()}}
    env["PATH"] = os.pathsep.join([os.path.dirname(sys.executable), env.get("PATH", "")])
    for extra_search_path in ("JUPYTER_PATH", "JUPYTER_CONFIG_PATH"):
        env.pop(extra_search_path, None)
    return env


def _wait_until_up(lab, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if lab.process.poll() is not None:
            raise RuntimeError(f"JupyterLab exited with code {lab.process.returncode}:\n{lab.log_tail()}")
        try:
            with urllib.request.urlopen(f"{lab.url}/api/status", timeout=2) as r:
                if r.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.2)
    raise RuntimeError(f"JupyterLab did not answer within {timeout} s:\n{lab.log_tail()}")


def _stop(process, timeout=20):
    """SIGTERM: the server shuts its kernels down, then exits. SIGKILL to its process group if it hangs."""
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout)


@contextlib.contextmanager
def running_jupyterlab(root_dir, timeout=90):
    """Start ``jupyter lab`` on a free 127.0.0.1 port serving ``root_dir``; yield a :class:`JupyterLab`.

    Raises ``RuntimeError`` with the server log's tail if it exits or does not answer within ``timeout`` s.
    On exit the server is stopped with its kernels.
    """
    root = Path(root_dir).resolve()
    with tempfile.TemporaryDirectory(prefix="jupyterlab-harness-") as tmp:
        home = Path(tmp)
        port = _free_port()
        log_path = home / "server.log"
        cmd = [sys.executable, "-m", "jupyter", "lab", "--no-browser", "--ServerApp.ip=127.0.0.1",
               f"--ServerApp.port={port}", f"--ServerApp.root_dir={root}"]
        with open(log_path, "wb") as log:
            process = subprocess.Popen(cmd, cwd=root, env=_isolated_env(home), stdin=subprocess.DEVNULL,
                                       stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        lab = JupyterLab(f"http://127.0.0.1:{port}", root, process, log_path)
        try:
            _wait_until_up(lab, timeout)
            yield lab
        finally:
            _stop(process)


@contextlib.contextmanager
def lab_page(browser, lab):
    """conftest's :class:`OfflinePage` that lets through only requests to ``lab``'s own server."""
    from conftest import OfflinePage

    view = OfflinePage(browser, allow_hosts=(lab.url + "/",))
    try:
        yield view
    finally:
        view.close()


# ------------------------------------------------------------------ the notebook
def _ms(seconds):
    return seconds * 1000


def _choose_python_kernel(page):
    """Answer JupyterLab's "Select Kernel" dialog, if it shows, with the Python 3 kernel."""
    dialog = page.locator(".jp-Dialog", has_text="Select Kernel")
    if dialog.count():
        dialog.locator("select").select_option(label=PYTHON_KERNEL)
        dialog.locator(".jp-Dialog-button.jp-mod-accept").click()


def _kernel_ready(page):
    """The current notebook is attached to a kernel (not "No Kernel"), which is idle, and no dialog is open."""
    return page.evaluate("""panelSelector => {
        const panel = document.querySelector(panelSelector);
        const name = panel?.querySelector('.jp-KernelName')?.textContent.trim();
        const status = panel?.querySelector('.jp-Notebook-ExecutionIndicator')?.dataset.status;
        return !!name && name !== 'No Kernel' && status === 'idle' && !document.querySelector('.jp-Dialog');
    }""", CURRENT_PANEL)


def open_notebook(page, lab_url, relpath, timeout=60):
    """Open ``relpath`` (relative to the server's root) in JupyterLab, as its only tab (``?reset`` empties the
    workspace, which would restore notebooks opened before); wait until its Python kernel is idle."""
    page.goto(f"{lab_url}/lab/tree/{relpath}?reset", timeout=_ms(timeout))
    name = relpath.rsplit("/", 1)[-1]
    page.locator(".jp-mod-current.lm-TabBar-tab .lm-TabBar-tabLabel", has_text=name).first \
        .wait_for(timeout=_ms(timeout))
    page.locator(f"{CURRENT_PANEL} .jp-Notebook .jp-Cell").first.wait_for(timeout=_ms(timeout))
    deadline = time.monotonic() + timeout
    while not _kernel_ready(page):
        if time.monotonic() > deadline:
            raise TimeoutError(f"{relpath}: no idle kernel within {timeout} s")
        _choose_python_kernel(page)
        page.wait_for_timeout(200)


# Flags the first change of any input prompt ("[ ]:" -> "[*]:" -> "[7]:"), however fast the run.
_WATCH_PROMPTS = """panelSelector => {
    const notebook = document.querySelector(panelSelector + ' .jp-Notebook');
    window.__harnessPromptsChanged = false;
    const observer = new MutationObserver(records => {
        const inPrompt = r => (r.target.nodeType === 1 ? r.target : r.target.parentElement)
            ?.closest('.jp-InputArea-prompt');
        if (records.some(inPrompt)) {
            window.__harnessPromptsChanged = true;
            observer.disconnect();
        }
    });
    observer.observe(notebook, {subtree: true, childList: true, characterData: true});
}"""
_RUN_FINISHED = """panelSelector => {
    const panel = document.querySelector(panelSelector);
    const busy = [...panel.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt')]
        .some(p => p.textContent.trim() === '[*]:');
    const status = panel.querySelector('.jp-Notebook-ExecutionIndicator')?.dataset.status;
    return window.__harnessPromptsChanged && !busy && status === 'idle';
}"""


def run_all_cells(page, timeout=300):
    """Run ▸ Run All Cells; wait until it finished and the kernel is idle. Returns :func:`output_errors`.

    Finished: some input prompt changed since the click, none shows ``[*]:`` and the kernel is idle (a run
    stopped by an error leaves the cells after it with ``[ ]:``).
    """
    page.evaluate(_WATCH_PROMPTS, CURRENT_PANEL)
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
    page.wait_for_function(_RUN_FINISHED, arg=CURRENT_PANEL, timeout=_ms(timeout), polling=250)
    return output_errors(page)


def output_errors(page):
    """The texts of the outputs that are errors: tracebacks, and stderr output mentioning an error."""
    stderr = page.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]').all_inner_texts()
    return [t for t in stderr if "Traceback" in t or "Error" in t]


def assert_no_errors(errors):
    assert not errors, "errors in the outputs:\n\n" + "\n\n".join(errors)


def widget_problems(page):
    """What shows that widgets did not render: placeholders, error messages, plain-text reprs."""
    outputs = page.locator(".jp-OutputArea-output").all_inner_texts()
    return [f"{marker!r} in output: {text[:200]!r}" for text in outputs
            for marker in WIDGET_ERRORS + WIDGET_REPRS if marker in text]


def wait_for_widgets(page, timeout=60):
    """Wait until no widget output still says "Loading widget..." (the manager has not created its view)."""
    page.wait_for_function("""() => ![...document.querySelectorAll('.jp-OutputArea-output')]
        .some(o => o.textContent.includes('Loading widget...'))""", timeout=_ms(timeout), polling=250)


# ------------------------------------------------------------------ widgets
_PLOT_DATA = "el => el.data.map(t => ({x: Array.from(t.x ?? []), y: Array.from(t.y ?? [])}))"


def plot_data(page, index=0):
    """The traces' ``x`` and ``y`` (as lists) of the ``index``-th plotly plot on the page: ``[{x, y}, ...]``."""
    return page.locator(".js-plotly-plot").nth(index).evaluate(_PLOT_DATA)


def plot_index(page, container):
    """The page-wide index (for :func:`plot_data`) of the first plotly plot inside the element matching ``container``."""
    index = page.evaluate("css => [...document.querySelectorAll('.js-plotly-plot')].findIndex(el => el.closest(css))",
                          container)
    assert index >= 0, f"no plotly plot inside {container}"
    return index


def wait_for_plot_change(page, before, index=0, timeout=30):
    """Wait until :func:`plot_data` of the ``index``-th plot differs from ``before`` and holds traces again; return it.

    A widget's redraw may pass through an empty figure (its traces replaced in two messages): that
    state is not the change waited for.
    """
    page.wait_for_function(
        """([index, before]) => {
            const el = document.querySelectorAll('.js-plotly-plot')[index];
            if (!el || !el.data || !el.data.length) return false;
            return JSON.stringify((%s)(el)) !== JSON.stringify(before);
        }""" % _PLOT_DATA, arg=[index, before], timeout=_ms(timeout), polling=100)
    return plot_data(page, index)


def move_slider(page, slider, key="ArrowRight", times=1):
    """Focus the noUiSlider handle inside ``slider`` (the locator of an ipywidgets 8 slider) and press ``key``
    ``times`` times; the handle moves one step per arrow key and the new value goes to the kernel."""
    handle = slider.locator(".noUi-handle").first
    handle.scroll_into_view_if_needed()
    handle.focus()
    for _ in range(times):
        page.keyboard.press(key)
