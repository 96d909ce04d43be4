#!/usr/bin/env python3
"""Build the whole site, one process per language, into site/ (or -d FOLDER).

`mkdocs build` alone builds the same site, the languages one after the other in one process
(mkdocs-static-i18n's way); this script runs `mkdocs build` once per language at the same
time, each with mkdocs-static-i18n's documented `build_only_locale` (through the environment
variable CASES_BUILD_ONLY that mkdocs.yml reads), the other languages at a lower priority so
that the default language (which also writes the sitemap, the open data and the root 404 page)
finishes first. The processes start at once; the default language's reads and checks every
case and keeps them for the others (the plugin's collection_cache), which wait for them. Each
other language is built into a folder of its own and its pages are then moved under
FOLDER/<lang>/. A test checks that both ways write the same bytes.

  python3 scripts/build.py            the site in site/
  python3 scripts/build.py -d public  in public/
  python3 scripts/build.py --strict   warnings stop the build, as in CI
  python3 scripts/build.py --for-disk a preview to unzip and open from disk (links end in
                                      index.html; search needs a web server)
"""
from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bootstrap  # noqa: E402

bootstrap.use_venv()  # run with the pinned packages (.venv), whichever Python started the script

from casekit import project  # noqa: E402

ENV = "CASES_BUILD_ONLY"  # mkdocs.yml: the i18n plugin's build_only_locale
CACHE_ENV = "CASES_COLLECTION_CACHE"  # mkdocs.yml: the casestudies plugin's collection_cache
DISK_ENV = "CASES_DIRECTORY_URLS"  # mkdocs.yml: use_directory_urls


def _lower_priority():  # in each other language's process, before it starts
    try:
        os.nice(5)
    except (AttributeError, OSError):  # Windows: no nice(); the order does not matter there
        pass


def _wait_for_cache(cache: Path, process: subprocess.Popen) -> bool:
    """Wait until the default language's process has written the collection (True), or has
    ended without writing it (False: it failed, and says why)."""
    while not cache.exists():
        if process.poll() is not None:
            return cache.exists()
        time.sleep(0.05)
    return True


def build(config: Path, site: Path, strict: bool = False, for_disk: bool = False) -> int:
    languages = project.languages(config.parent)
    default, others = languages[0], languages[1:]
    site = site.resolve()
    site.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".build-", dir=site.parent))
    base = [sys.executable, "-m", "mkdocs", "build", "-f", str(config), *(["--strict"] if strict else [])]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", CACHE_ENV: str(staging / "collection.pickle")}
    if for_disk:
        env[DISK_ENV] = "false"
    running = {}
    try:
        # every language's process starts at once; the default language's reads and checks every
        # case and keeps them in the cache, which the others wait for (a problem in a case stops
        # the default language's build, and then the others)
        running[default] = subprocess.Popen([*base, "-d", str(site)], env={**env, ENV: default})
        for lang in others:
            running[lang] = subprocess.Popen([*base, "-d", str(staging / lang)], env={**env, ENV: lang},
                                             preexec_fn=_lower_priority if os.name == "posix" else None)
        if not _wait_for_cache(staging / "collection.pickle", running[default]):
            running[default].wait()
            print(f"error: the build of {default} failed (see above); the site was not built.", file=sys.stderr)
            return 1
        failed = [lang for lang, process in running.items() if process.wait() != 0]
        if failed:
            print(f"error: the build of {', '.join(failed)} failed (see above); the site in {site} is incomplete.", file=sys.stderr)
            return 1
        for lang in others:
            target = site / lang
            if target.exists():
                shutil.rmtree(target)
            os.replace(staging / lang / lang, target)
        return 0
    finally:
        for process in running.values():
            if process.poll() is None:
                process.terminate()
                process.wait()
        shutil.rmtree(staging, ignore_errors=True)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-d", "--site-dir", default="site", help="the folder to build into (default: site)")
    parser.add_argument("-f", "--config-file", default=str(bootstrap.ROOT / "mkdocs.yml"), help="the MkDocs configuration (default: mkdocs.yml)")
    parser.add_argument("--strict", action="store_true", help="stop on any warning, as CI does")
    parser.add_argument("--for-disk", action="store_true", help="a preview to open from disk: links end in index.html")
    args = parser.parse_args(argv)
    for name in (ENV, CACHE_ENV, DISK_ENV):  # set by this script for its processes only
        os.environ.pop(name, None)
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))  # unwinds: the finally above stops every process
    try:
        return build(Path(args.config_file).resolve(), Path(args.site_dir), args.strict, args.for_disk)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
