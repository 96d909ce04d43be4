#!/usr/bin/env python3
"""Set everything up and serve the site with live preview on http://127.0.0.1:8000/.

Its help (--help), in the contributor's language, is DESCRIPTION below.
"""
from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bootstrap  # noqa: E402

bootstrap.use_venv()  # run with the pinned packages (.venv), whichever Python started the script

from casekit import cli, project, urls  # noqa: E402
from casekit.messages import _  # noqa: E402

DESCRIPTION = _("""\
Set everything up and serve the site with live preview on http://127.0.0.1:8000/.

Creates .venv and installs the pinned requirements when needed, then runs `mkdocs serve`:
edit any file under docs/ or overrides/ and the open page reloads. By default only the pages
whose files changed are rebuilt (an edit shows within a couple of seconds even with hundreds of
cases); lists on other pages (home, catalogue, tags) and search catch up on the next full
build: use --full to rebuild everything on each change.

When the port is taken (another preview still running), the next free one is used, and said.""")

HOST = "127.0.0.1"
TRIES = 20  # the ports tried after a taken one


def free_port(wanted: int, tries: int = TRIES) -> int | None:
    """``wanted``, or the first port after it that nothing listens on, on 127.0.0.1; None when
    every one of ``tries`` ports is taken."""
    for port in range(wanted, min(wanted + tries, 65536)):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            try:
                probe.bind((HOST, port))
            except OSError:
                continue
        return port
    return None


def main(argv=None) -> int:
    language = cli.language(project.languages(project.ROOT), argv, option=None)
    parser = cli.Parser(language, DESCRIPTION)
    parser.add_argument("--port", type=int, default=8000, help=_("port on 127.0.0.1 (default: 8000)"))
    parser.add_argument("--full", action="store_true", help=_("rebuild the whole site on every change (slower, every list up to date)"))
    args = parser.parse_args(argv)
    say = language.say
    python = bootstrap.ensure("requirements.txt")
    port = free_port(args.port)
    if port is None:
        print(say(_("Ports {first} to {last} on {host} are all taken. Fix: stop the other preview (Ctrl+C in its window), "
                    "or choose another port with --port.", first=args.port, last=args.port + TRIES - 1, host=HOST)), file=sys.stderr)
        return 1
    if port != args.port:
        print(say(_("Port {port} on {host} is taken (another preview may still be running); using port {free} instead.",
                    port=args.port, host=HOST, free=port)), flush=True)
    cmd = [str(python), "-m", "mkdocs", "serve", "--livereload", "-a", f"{HOST}:{port}"]
    if not args.full:
        cmd.append("--dirty")
    # the home page in the contributor's language: the pages they write are read there
    home = urls.prefix(language.code, project.languages(project.ROOT)[0])
    print(say(_("Serving on {address} (Ctrl+C stops)", address=f"http://{HOST}:{port}/{home}")), flush=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    if os.name == "posix":  # the preview takes this process's place: a signal that stops it stops the server
        os.chdir(bootstrap.ROOT)
        os.execve(str(python), cmd, env)
    try:
        return subprocess.run(cmd, cwd=bootstrap.ROOT, env=env).returncode
    except KeyboardInterrupt:
        return 0


if __name__ == "__main__":
    sys.exit(main())
