"""scripts/serve.py with its port taken (a second preview): it says so, in the contributor's
language, and serves on the next free port instead of building and then failing with a traceback."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time

import pytest

from casekit import messages, urls
from conftest import LANGS, ROOT

pytestmark = pytest.mark.build  # scripts/serve.py


def _listening() -> socket.socket:
    """A socket listening on a free port of 127.0.0.1 (another preview)."""
    taken = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    return taken


def _first_lines(port: int, lang: str, budget: float = 300) -> list:
    """What serve.py prints with ``--port port`` up to the address it serves on (then it is stopped)."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("LC_") and key not in ("LANG", "LANGUAGE")}
    env |= {"LANG": f"{lang}.UTF-8", "NO_MKDOCS_2_WARNING": "1", "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen([sys.executable, str(ROOT / "scripts" / "serve.py"), "--port", str(port)], cwd=ROOT, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    lines = []
    deadline = time.monotonic() + budget  # never a hang
    try:
        while time.monotonic() < deadline:
            line = process.stdout.readline()
            if not line:
                break
            lines.append(line.rstrip("\n"))
            if "http://127.0.0.1:" in line or "Traceback" in line:
                break
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
    return lines


def test_a_taken_port_is_said_and_the_next_free_one_used():
    with _listening() as taken:
        port = taken.getsockname()[1]
        for lang in LANGS:
            lines = _first_lines(port, lang)
            assert len(lines) >= 2 and "Traceback" not in "\n".join(lines), lines
            notice, serving = lines[-2:]
            assert str(port) in notice
            free = int(serving.split("127.0.0.1:")[1].split("/")[0])
            assert free != port and free > port
            # the address is the home page in the contributor's language (the default one's: the root)
            address = f"http://127.0.0.1:{free}/{urls.prefix(lang, LANGS[0])}"
            assert f"{address} " in serving and f"{address}/" not in serving, (lang, serving)
            if lang != LANGS[0] and messages.catalogue_path(lang).is_file():
                english = messages.ENGLISH.say(messages._("Serving on {address} (Ctrl+C stops)", address=address))
                assert serving != english, lang  # said in the contributor's language


def test_stopping_the_preview_by_its_process_stops_the_server():
    """A preview started in the background and stopped with SIGTERM to the process that was
    started (as a contributor's `kill`, or a closed terminal, does) leaves no server holding the
    port: serve.py becomes the server, it does not wait for it as a child that would survive."""
    if os.name != "posix":
        return
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen([sys.executable, str(ROOT / "scripts" / "serve.py"), "--port", str(port)], cwd=ROOT, env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    try:
        deadline = time.monotonic() + 300  # never a hang
        while time.monotonic() < deadline and "127.0.0.1:" not in (process.stdout.readline() or "127.0.0.1:"):
            pass
        served = False
        while time.monotonic() < deadline and not served:  # until the server listens
            with socket.socket() as client:
                served = client.connect_ex(("127.0.0.1", port)) == 0
            time.sleep(0.2)
        assert served, "the preview never listened"
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
        deadline = time.monotonic() + 30
        listening = True
        while listening and time.monotonic() < deadline:
            with socket.socket() as client:
                listening = client.connect_ex(("127.0.0.1", port)) == 0
            time.sleep(0.2)
        assert not listening, "a server still holds the port after its preview was stopped"
    finally:
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
