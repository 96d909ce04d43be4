#!/usr/bin/env python3
"""Create the project's virtual environment (.venv) and install the locked requirements.

requirements.txt (the site) and requirements-test.txt (the site and the tests) are lock files:
every package, transitive ones too, pinned with the hashes of its files (scripts/lock.py writes
them from requirements*.in). Installs again only when a lock file has changed since the last install.
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


def _editable_source() -> str | None:
    """The folder the editable install of casekit in .venv points at (None: not installed)."""
    lib = VENV / "Lib" if os.name == "nt" else VENV / "lib" / f"python{sys.version_info[0]}.{sys.version_info[1]}"
    for pth in (lib / "site-packages").glob("__editable__.casekit-*.pth"):
        return pth.read_text(encoding="utf-8").strip()
    return None


def ensure(requirements: str = "requirements.txt", quiet: bool = False, log=sys.stdout) -> Path:
    """Make sure .venv exists and holds ``requirements``; return its Python. Progress goes to
    ``log`` (standard error when a script's own output must stay clean)."""
    if sys.version_info < MIN_PYTHON:
        sys.exit(f"error: Python {'.'.join(map(str, MIN_PYTHON))} or newer is needed; this is {sys.version.split()[0]}. "
                 "Run the command with python3.11.")
    if not venv_python().exists():
        # progress as the commands it amounts to: nothing to translate before .venv can speak
        print(f"python3 -m venv {VENV.relative_to(ROOT)} …", file=log, flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    # ``requirements`` is a lock file (scripts/lock.py writes it): every package, the transitive
    # ones too, at one version with the hashes of its files, so pip installs exactly those bytes
    digest = hashlib.sha256((ROOT / requirements).read_bytes()).hexdigest()
    stamp = VENV / f".installed-{Path(requirements).stem}"
    pip = [str(venv_python()), "-m", "pip", "install", "--disable-pip-version-check", *(["--quiet"] if quiet else [])]
    output = log if log is not sys.stdout else None
    if not stamp.exists() or stamp.read_text() != digest:
        print(f"pip install --require-hashes -r {requirements} …", file=log, flush=True)
        subprocess.run([*pip, "--require-hashes", "-r", str(ROOT / requirements)], check=True, cwd=ROOT, stdout=output)
        stamp.write_text(digest)
    # The content model and the site's MkDocs plugin (pyproject.toml), editable, so that the
    # plugin runs from this working tree. A .venv that is a link to another tree's (as the
    # tests' copies of the project have) stays pointed at that tree.
    if not VENV.is_symlink() and _editable_source() != str(ROOT / "scripts"):
        subprocess.run([*pip, "--no-deps", "--editable", str(ROOT)], check=True, cwd=ROOT, stdout=output)
    return venv_python()


# A module of each package the scripts import: when one is missing, the script runs in .venv.
NEEDED = ("yaml", "babel", "jsonschema", "fastjsonschema", "rapidfuzz", "markdown", "nh3", "selectolax", "tinycss2")


def use_venv(requirements: str = "requirements.txt", also=()) -> None:
    """Make the calling script run with the pinned packages: as it is when they can be imported
    (inside .venv, or any environment that has them), else again inside .venv, which is made
    and filled first when needed. So `python3 scripts/validate.py` works on a fresh clone
    without activating anything (on Windows: `py scripts\\validate.py`)."""
    import importlib.util

    if all(importlib.util.find_spec(name) is not None for name in (*NEEDED, *also)):
        return
    python = ensure(requirements, quiet=True, log=sys.stderr)
    command = [str(python), os.path.abspath(sys.argv[0]), *sys.argv[1:]]
    if os.name == "posix":  # the script takes this process's place: a signal sent to it reaches the script
        sys.stdout.flush()
        sys.stderr.flush()
        os.execv(command[0], command)
    sys.exit(subprocess.run(command).returncode)


def _ready() -> bool:
    """Whether .venv holds the site's packages as the lock files now pin them (nothing to
    install): requirements.txt, or requirements-test.txt, which holds it."""
    for requirements in ("requirements.txt", "requirements-test.txt"):
        stamp = VENV / f".installed-{Path(requirements).stem}"
        try:
            if venv_python().exists() and stamp.read_text() == hashlib.sha256((ROOT / requirements).read_bytes()).hexdigest():
                return True
        except OSError:
            continue
    return False


def speaking(argv=None, option: str | None = None):
    """(make a parser from a description, the ``_`` that makes messages) for a script that may
    run before .venv exists (this one, lock.py, test.py): in the contributor's language when
    the pinned packages can be imported (casekit.cli), or again inside .venv when it is ready
    (nothing is installed for that); else, on a fresh clone, argparse's English, with the
    messages' English wording."""
    try:
        from casekit import cli, project
        from casekit.messages import _
    except ImportError:
        if _ready() and Path(sys.prefix).resolve() != VENV.resolve():
            # a Python without the packages, .venv ready: the script runs there, and speaks
            command = [str(venv_python()), os.path.abspath(sys.argv[0]), *sys.argv[1:]]
            if os.name == "posix":
                sys.stdout.flush()
                sys.stderr.flush()
                os.execv(command[0], command)
            sys.exit(subprocess.run(command).returncode)

        def english(text, /, **params):  # before .venv is made: argparse's English
            return text.format(**params)

        return (lambda description: argparse.ArgumentParser(description=description,
                                                             formatter_class=argparse.RawDescriptionHelpFormatter)), english
    language = cli.language(project.languages(ROOT), argv, option=option)
    return (lambda description: cli.Parser(language, description)), _


def main(argv=None) -> int:
    parser_for, _ = speaking(argv)
    parser = parser_for(_("""\
Create the project's virtual environment (.venv) and install the locked requirements.

requirements.txt (the site) and requirements-test.txt (the site and the tests) are lock files:
every package, transitive ones too, pinned with the hashes of its files (scripts/lock.py writes
them from requirements*.in). Installs again only when a lock file has changed since the last
install. Used by scripts/serve.py and scripts/test.py; run it alone to prepare a machine."""))
    parser.add_argument("--test", action="store_true", help=_("also install what the tests need (requirements-test.txt)"))
    args = parser.parse_args(argv)
    python = ensure("requirements-test.txt" if args.test else "requirements.txt")
    print(f"OK: {python.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
