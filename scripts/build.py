#!/usr/bin/env python3
"""Build the whole site, one process per language, into site/ (or -d FOLDER).

Its help (--help), in the contributor's language, is DESCRIPTION below.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bootstrap  # noqa: E402

bootstrap.use_venv()  # run with the pinned packages (.venv), whichever Python started the script

from casekit import cli, messages, project  # noqa: E402
from casekit.messages import LanguageName, Listing, _  # noqa: E402
from casekit.problems import report  # noqa: E402

DESCRIPTION = _("""\
Build the whole site, one process per language, into site/ (or -d FOLDER).

`mkdocs build` alone builds the same site, the languages one after the other in one process;
this script reads and checks every case once, then builds every language at the same time.
Everything is built in a staging folder beside FOLDER (.build-*), and FOLDER is replaced by the
new site only when every language has been built: a failed build leaves the previous site whole.

  python3 scripts/build.py            the site in site/
  python3 scripts/build.py -d public  in public/
  python3 scripts/build.py --strict   warnings stop the build, as in CI
  python3 scripts/build.py --for-disk a preview to unzip and open from disk (links end in
                                      index.html; search needs a web server)""")

ENV = "CASES_BUILD_ONLY"  # mkdocs.yml: the i18n plugin's build_only_locale
CACHE_ENV = "CASES_COLLECTION_CACHE"  # mkdocs.yml: the casestudies plugin's collection_cache ("-": named on standard input)
DISK_ENV = "CASES_DIRECTORY_URLS"  # mkdocs.yml: use_directory_urls

# The watcher: reads the process ids of the builds from its standard input, one a line ('-' and
# the id once it has ended); when that input closes (this script ended, however: even SIGKILL
# closes it) it stops the builds still listed and removes the staging folder.
WATCHER = """
import os, shutil, signal, sys, time
running = set()
for line in sys.stdin:
    pid = int(line.strip().lstrip('-'))
    (running.discard if line.startswith('-') else running.add)(pid)
for pid in running:
    try:
        os.kill(pid, signal.SIGTERM)
    except OSError:
        pass
for _ in range(50):
    shutil.rmtree(sys.argv[1], ignore_errors=True)
    if not os.path.exists(sys.argv[1]):
        break
    time.sleep(0.1)
"""


class Watcher:
    """A process that cleans up after this one, even if this one is killed (see WATCHER)."""

    def __init__(self, staging: Path):
        self.process = subprocess.Popen([sys.executable, "-c", WATCHER, str(staging)], stdin=subprocess.PIPE, text=True)

    def started(self, process: subprocess.Popen) -> None:
        self.process.stdin.write(f"{process.pid}\n")
        self.process.stdin.flush()

    def ended(self, process: subprocess.Popen) -> None:
        self.process.stdin.write(f"-{process.pid}\n")
        self.process.stdin.flush()

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait()


def _lower_priority() -> None:
    try:
        os.nice(5)
    except OSError:  # not allowed here: the same priority, a little later
        pass


# The languages' processes start (Python, MkDocs, the theme) while this one reads the cases, which
# every one of them then waits for: below this one, so that the reading has a core of its own on a
# machine with few (on 2 cores, with 1,000 cases, they begin building at 3.5 s instead of 5.5 s). Among themselves they are equal.
BELOW_THIS_ONE = {"preexec_fn": _lower_priority} if hasattr(os, "nice") else {"creationflags": getattr(subprocess, "BELOW_NORMAL_PRIORITY_CLASS", 0)}


def read_cases(config: Path, cache: Path, languages: tuple) -> list:
    """Read and check every case once, as the plugin does, and keep the collection in ``cache``
    for the languages' processes; return the problems (nothing is kept when there are any)."""
    from casekit.plugin.content import Content

    settings = project.read_config(config)
    root = config.parent
    theme = settings.get("theme") or {}
    content = Content(root, root / settings.get("docs_dir", "docs"), root / theme.get("custom_dir", "overrides") / "i18n", languages)
    problems = content.collection().problems
    if not problems:
        with open(cache, "wb") as handle:
            content.save(handle)
    return problems


def build(config: Path, site: Path, strict: bool = False, for_disk: bool = False) -> int:
    languages = project.languages(config.parent)
    default, others = languages[0], languages[1:]
    language = messages.for_contributor(None, languages, os.environ)
    site = site.resolve()
    site.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".build-", dir=site.parent))
    watcher = Watcher(staging)
    running = {}
    try:
        base = [sys.executable, "-m", "mkdocs", "build", "-f", str(config), *(["--strict"] if strict else [])]
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", CACHE_ENV: "-"}
        if for_disk:
            env[DISK_ENV] = "false"
        # every language's process at once, each into a folder of its own: each starts (Python,
        # MkDocs, the theme) while this one reads the cases, then waits for them on its input
        for lang in languages:
            running[lang] = subprocess.Popen([*base, "-d", str(staging / lang)], env={**env, ENV: lang}, stdin=subprocess.PIPE,
                                             **BELOW_THIS_ONE)
            watcher.started(running[lang])
        cache = staging / "collection.pickle"
        problems = read_cases(config, cache, languages)
        if problems:
            print(report(problems, language), file=sys.stderr)
            return 1  # the processes, still waiting, are stopped below
        for process in running.values():  # go: where the collection is (see casekit.plugin.content.from_build)
            try:
                process.stdin.write(os.fsencode(cache))
                process.stdin.close()
            except BrokenPipeError:  # the process ended before (its own error): its status says so
                pass
        failed = []
        for lang, process in running.items():
            if process.wait() != 0:
                failed.append(lang)
            watcher.ended(process)
        if failed:
            print(language.say(_("error: the build of {languages} failed (see above); {site} was left as it was.",
                                 languages=Listing([LanguageName(lang) for lang in failed]), site=str(site))), file=sys.stderr)
            return 1
        new = staging / default
        for lang in others:
            os.replace(staging / lang / lang, new / lang)
        if site.exists():  # the new site in, the old one out, each a rename
            os.replace(site, staging / "previous")
        os.replace(new, site)
        return 0
    finally:
        for process in running.values():
            if process.poll() is None:
                process.terminate()
                process.wait()
        shutil.rmtree(staging, ignore_errors=True)
        watcher.close()


def main(argv=None) -> int:
    parser = cli.Parser(cli.language(project.languages(bootstrap.ROOT), argv, option=None), DESCRIPTION)
    parser.add_argument("-d", "--site-dir", default="site", help=_("the folder to build into (default: site)"))
    parser.add_argument("-f", "--config-file", default=str(bootstrap.ROOT / "mkdocs.yml"), help=_("the MkDocs configuration (default: mkdocs.yml)"))
    parser.add_argument("--strict", action="store_true", help=_("stop on any warning, as CI does"))
    parser.add_argument("--for-disk", action="store_true", help=_("a preview to open from disk: links end in index.html"))
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
