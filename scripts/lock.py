#!/usr/bin/env python3
"""Lock the requirements: write requirements.txt and requirements-test.txt.

Its help (--help), in the contributor's language, is the description main() gives its parser.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys

import bootstrap

# the tests' lock first: the site's is made within it, so that both install the same version of
# every package they share into the one .venv
LOCKS = {"requirements-test.txt": "requirements-test.in", "requirements.txt": "requirements.in"}
_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s;\\]+)")


def pins(text: str) -> dict:
    """{normalised name: set of versions} of the lines of a requirements file that pin one."""
    out: dict = {}
    for line in text.splitlines():
        match = _PIN.match(line.strip())
        if match:
            out.setdefault(normalise(match.group(1)), set()).add(match.group(2))
    return out


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def chosen(root, source: str) -> dict:
    """The pins of a *.in file and of the files it includes (-r)."""
    out: dict = {}
    text = (root / source).read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.startswith("-r "):
            out.update(chosen(root, line[3:].strip()))
    out.update(pins(text))
    return out


def problems(root=bootstrap.ROOT) -> list:
    """What is wrong with the lock files of the project at ``root``: a chosen package missing or
    at another version, a pin without hashes."""
    out = []
    for lock, source in LOCKS.items():
        text = (root / lock).read_text(encoding="utf-8")
        locked = pins(text)
        for name, versions in chosen(root, source).items():
            if not versions <= locked.get(name, set()):
                out.append(f"{lock}: {name} is not locked at {', '.join(sorted(versions))} as {source} asks; run python3 scripts/lock.py")
        for block in re.split(r"\n(?=\S)", text):
            if _PIN.match(block) and "--hash=sha256:" not in block:
                out.append(f"{lock}: {block.split()[0]} has no hash; run python3 scripts/lock.py")
    site, tests = (pins((root / lock).read_text(encoding="utf-8")) for lock in ("requirements.txt", "requirements-test.txt"))
    out += [f"requirements.txt: {name} is locked at {', '.join(sorted(versions))}, requirements-test.txt at "
            f"{', '.join(sorted(tests[name]))}; run python3 scripts/lock.py"
            for name, versions in site.items() if name in tests and versions != tests[name]]
    return out


def main(argv=None) -> int:
    parser_for, _ = bootstrap.speaking(argv)
    parser = parser_for(_("""\
Lock the requirements: write requirements.txt and requirements-test.txt from the chosen
packages in requirements.in and requirements-test.in.

Each lock file pins every package, the transitive ones too, at one version with the hashes of
its files, for every platform (Linux, macOS, Windows) and Python 3.11 and newer, so that
`python3 scripts/bootstrap.py` installs the same bytes on every machine and a rebuild of an old
commit uses what it used then. Run it after changing a *.in file, then commit the four files.
It needs the package index (a network connection); `--check` only says whether each lock file
names every chosen package at its pinned version."""))
    parser.add_argument("--check", action="store_true", help=_("only check the lock files against the *.in files (no network)"))
    args = parser.parse_args(argv)
    if args.check:
        found = problems()
        print("\n".join(found) or "OK: the lock files pin every chosen package, with hashes")
        return 1 if found else 0
    python = bootstrap.ensure("requirements-test.txt")
    env = {**os.environ, "UV_NO_CONFIG": "1"}
    for lock, source in LOCKS.items():
        within = ["--constraints", "requirements-test.txt"] if lock != "requirements-test.txt" else []
        subprocess.run([str(python), "-m", "uv", "pip", "compile", "--quiet", "--universal", "--python-version", "3.11",
                        "--generate-hashes", *within, source, "-o", lock], check=True, cwd=bootstrap.ROOT, env=env)
        print(f"Wrote {lock} from {source}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
