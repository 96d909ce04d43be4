#!/usr/bin/env python3
"""Set everything up and serve the site with live preview on http://127.0.0.1:8000/.

Creates .venv and installs the pinned requirements when needed, then runs `mkdocs serve`:
edit any file under docs/ or overrides/ and the open page reloads. By default only the pages
whose files changed are rebuilt (an edit shows within a couple of seconds even with hundreds of
cases); lists on other pages (home, catalogue, tags) and search catch up on the next full
build: use --full to rebuild everything on each change.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys

import bootstrap


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (default: 8000)")
    parser.add_argument("--full", action="store_true", help="rebuild the whole site on every change (slower, every list up to date)")
    args = parser.parse_args(argv)
    python = bootstrap.ensure("requirements.txt")
    cmd = [str(python), "-m", "mkdocs", "serve", "--livereload", "-a", f"127.0.0.1:{args.port}"]
    if not args.full:
        cmd.append("--dirty")
    print(f"Serving on http://127.0.0.1:{args.port}/ (Ctrl+C stops)", flush=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    try:
        return subprocess.run(cmd, cwd=bootstrap.ROOT, env=env).returncode
    except KeyboardInterrupt:
        return 0


if __name__ == "__main__":
    sys.exit(main())
