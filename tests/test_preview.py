"""The live preview (`mkdocs serve --dirty`, as scripts/serve.py runs it) serves every language,
registers no service worker and shows an edit to a case."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

from conftest import copy_project


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def _wait_for(url: str, text: str, server, seconds: float) -> bool:
    deadline = time.time() + seconds
    while time.time() < deadline:
        body = _get(url)
        if body and text in body:
            return True
        assert server.poll() is None, "the preview server stopped"
        time.sleep(0.3)
    return False


def test_preview_serves_and_shows_an_edit(tmp_path):
    project = copy_project(tmp_path / "project")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", "--livereload", "-a", f"127.0.0.1:{port}"],
                              cwd=project, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        base = f"http://127.0.0.1:{port}/"
        assert _wait_for(f"{base}es/cases/erbil-iraq/", "Preparar a grupos", server, 180), "the Spanish case was not served"
        assert '"es":{"hash"' in (_get(f"{base}es/pagefind/pagefind-entry.json") or "")  # the search index of every language
        # no service worker in the preview: it would keep files that an edit changes
        home = _get(base) or ""
        assert "assets/javascripts/offline.js" in home and "data-worker=" not in home
        text = project / "docs/cases/erbil-iraq/index.es.md"
        text.write_text(text.read_text(encoding="utf-8").replace("title: Preparar a grupos", "title: Editado, preparar a grupos", 1), encoding="utf-8")
        assert _wait_for(f"{base}es/cases/erbil-iraq/", "Editado, preparar a grupos", server, 120), "the edit did not show"
        assert "Management training" in (_get(f"{base}cases/acogida-colombia/") or "")
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0]
    assert "Traceback" not in output, output[-2000:]
