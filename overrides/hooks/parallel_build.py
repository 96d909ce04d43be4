"""Build hook: build the languages in parallel, one process each.

mkdocs-static-i18n builds the languages one after the other in one process. On `mkdocs build`
(not `serve`) this hook forks one process per other language at the start of the default
language's build; each child builds its language into the same site directory and exits, while
the parent builds the default language (the children at a lower priority, see
_lower_priority). The parent waits for them before the hooks that need every language
(sitemap, 404 pages, open data). A failed language fails the build. Where fork() is missing
(Windows), languages are built one after the other as before.
"""
from __future__ import annotations

import logging
import os
import signal
import sys

from mkdocs import utils
from mkdocs.commands import build as mkdocs_build
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from casekit import build

log = logging.getLogger("mkdocs.hooks.parallel_build")

_run: dict = {"children": {}, "held": [], "clean": None, "signals": {}}
STOP_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGINT", "SIGHUP") if hasattr(signal, name))


def _check_writable(config):
    """A site folder that cannot be written is said plainly, before anything is built."""
    site = config.site_dir
    probe = os.path.join(site, ".write-test")
    try:
        os.makedirs(site, exist_ok=True)
        with open(probe, "w", encoding="utf-8") as handle:
            handle.write("")
        os.remove(probe)
    except OSError as error:
        raise PluginError(f"the site cannot be written to {site}: {error.strerror or error}. "
                          "Fix: make the folder writable, or build into another with -d <folder>.") from None


def _stop_children(signum, frame):
    """A signal to the build stops every process it started, then the build itself."""
    for pid in list(_run["children"].values()):
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
    for pid in list(_run["children"].values()):
        try:
            os.waitpid(pid, 0)
        except ChildProcessError:
            pass
    _run["children"] = {}
    raise SystemExit(128 + signum)


def _leave(signum, frame):
    raise SystemExit(128 + signum)


@event_priority(-150)  # after the other hooks' on_pre_build (nothing heavy has run yet)
def on_pre_build(config):
    i18n = config.plugins["i18n"]
    if not i18n.building:
        _check_writable(config)
    if build.run["command"] != "build" or i18n.building or not hasattr(os, "fork"):
        return
    others = [lang for lang in i18n.config.languages if lang.build and lang.locale != i18n.current_language]
    if not others:
        return
    utils.clean_directory(config.site_dir)  # once, before any process writes
    sys.stdout.flush()
    sys.stderr.flush()
    for lang in others:
        pid = os.fork()
        if pid == 0:  # the child: build this language only, then leave
            code = 1
            _run.update(children={}, held=[], clean=None, signals={})  # the parent's, not this process's
            for signum in STOP_SIGNALS:  # unwind, so that a running search indexer is stopped too
                signal.signal(signum, _leave)
            try:
                _lower_priority()
                utils.clean_directory = lambda path: None
                i18n.current_language = lang.locale
                i18n.building = True
                mkdocs_build.build(config)
                code = 0
            except BaseException as error:  # noqa: BLE001 - reported, then the exit code says it
                log.error(f"building '{lang.locale}' failed: {error}")
            finally:
                logging.shutdown()
                os._exit(code)
        _run["children"][lang.locale] = pid
        if not _run["signals"]:
            _run["signals"] = {signum: signal.signal(signum, _stop_children) for signum in STOP_SIGNALS}
    # the parent: build only its own language, without cleaning what the children write
    _run["held"] = others
    for lang in others:
        lang.build = False
    _run["clean"] = utils.clean_directory
    utils.clean_directory = lambda path: None


@event_priority(-150)  # after mkdocs-static-i18n (-100), before the hooks that need every language (-200)
def on_post_build(config):
    if not _run["children"]:
        return
    failed = []
    for lang, pid in _run["children"].items():
        _pid, status = os.waitpid(pid, 0)
        if os.waitstatus_to_exitcode(status) != 0:
            failed.append(lang)
    _restore()
    if failed:
        raise PluginError(f"the build of {', '.join(failed)} failed (see above)")


def on_build_error(error):
    for pid in _run["children"].values():
        try:
            os.waitpid(pid, 0)
        except ChildProcessError:
            pass
    _restore()


def _lower_priority():
    """The other languages' processes yield to the default language's: it finishes its pages
    first and indexes them for search while they are still building theirs, so both cores stay
    busy to the end (measured at 1,000 cases: 14.0 s against 14.7 s, the mean of four builds)."""
    try:
        os.nice(5)
    except OSError:
        pass


def _restore():
    for signum, handler in _run["signals"].items():
        signal.signal(signum, handler)
    _run["signals"] = {}
    for lang in _run["held"]:
        lang.build = True
    if _run["clean"] is not None:
        utils.clean_directory = _run["clean"]
    _run.update(children={}, held=[], clean=None)
