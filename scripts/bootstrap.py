#!/usr/bin/env python3
"""Create the project's virtual environment (.venv) and install the pinned requirements.

Installs again only when a requirements file has changed since the last install.
Used by scripts/serve.py and scripts/test.py; run it alone to prepare a machine.
"""
from __future__ import annotations

import argparse
import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
VENV = ROOT / ".venv"
MIN_PYTHON = (3, 11)


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def ensure(requirements: str = "requirements.txt", quiet: bool = False) -> Path:
    """Make sure .venv exists and holds ``requirements``; return its Python."""
    if sys.version_info < MIN_PYTHON:
        sys.exit(f"error: Python {'.'.join(map(str, MIN_PYTHON))} or newer is needed; this is {sys.version.split()[0]}. "
                 "Run the command with python3.11.")
    if not venv_python().exists():
        print(f"Creating {VENV.relative_to(ROOT)} …", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    files = [ROOT / requirements]
    text = (ROOT / requirements).read_text()
    if "-r requirements.txt" in text:
        files.append(ROOT / "requirements.txt")
    digest = hashlib.sha256(b"".join(f.read_bytes() for f in files)).hexdigest()
    stamp = VENV / f".installed-{Path(requirements).stem}"
    if not stamp.exists() or stamp.read_text() != digest:
        print(f"Installing {requirements} into .venv …", flush=True)
        cmd = [str(venv_python()), "-m", "pip", "install", "--disable-pip-version-check", "-r", str(ROOT / requirements)]
        if quiet:
            cmd.insert(4, "--quiet")
        subprocess.run(cmd, check=True, cwd=ROOT)
        stamp.write_text(digest)
    return venv_python()


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--test", action="store_true", help="also install what the tests need (requirements-test.txt)")
    args = parser.parse_args(argv)
    python = ensure("requirements-test.txt" if args.test else "requirements.txt")
    print(f"Ready: {python.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
