"""Which files may stand under docs/: the documented layout, and nothing else.

MkDocs publishes every file under docs/ that is not Markdown as it is, and follows symbolic
links, so a stray file in a pull request would be served to readers (an HTML page or SVG
with a script, a replacement for the site's own JavaScript) or would copy a file of the build
machine into the site. The layout (README, "How the repository is laid out"):

    docs/index.md, docs/index.<lang>.md, docs/tags.yml
    docs/<page>/index.md, docs/<page>/index.<lang>.md          one folder per page
    docs/cases/index.md, docs/cases/index.<lang>.md            the catalogue
    docs/cases/<slug>/case.yml, index.md, index.<lang>.md      one folder per case
    docs/cases/<slug>/<name>.png|.jpg|.jpeg|.webp|.gif         its images, at most IMAGE_LIMIT

No other file, no deeper folder, no symbolic link, and no file or folder whose name starts with
a dot: MkDocs does not publish them, but git acts on some on checkout (a .gitattributes can
change how every file below it is read), so a contribution may hold none.
"""
from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from .messages import Number, _
from .problems import Problem, display_path

IMAGE_LIMIT = 300 * 1024  # bytes: a case is read on phones and slow links
IMAGE_SIGNATURES = {  # the first bytes of each raster format
    "png": (b"\x89PNG\r\n\x1a\n",),
    "jpeg": (b"\xff\xd8\xff",),
    "gif": (b"GIF87a", b"GIF89a"),
    "webp": (b"RIFF",),
}
IMAGE_EXTENSIONS = {".png": "png", ".jpg": "jpeg", ".jpeg": "jpeg", ".gif": "gif", ".webp": "webp"}
NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
FILE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def text_filename(lang: str, default_language: str) -> str:
    """index.md for the default language, index.<lang>.md for the others."""
    return "index.md" if lang == default_language else f"index.{lang}.md"


def text_names(languages) -> set:
    """The file names of a page's texts in ``languages`` (the first is the default)."""
    return {text_filename(lang, languages[0]) for lang in languages}


def _image_problem(path: Path, shown: str) -> Problem | None:
    kind = IMAGE_EXTENSIONS[path.suffix.lower()]
    size = path.stat().st_size
    if size > IMAGE_LIMIT:
        return Problem(shown, 1, _("the image is {size} KB; the limit is {limit} KB.", size=Number(size // 1024), limit=Number(IMAGE_LIMIT // 1024)),
                       _("resize it (e.g. 1200 px wide) and compress it, or use WebP."))
    with open(path, "rb") as handle:
        head = handle.read(16)
    if not head.startswith(IMAGE_SIGNATURES[kind]) or (kind == "webp" and head[8:12] != b"WEBP"):
        return Problem(shown, 1, _("the file is not a {kind} image, whatever its name says.", kind=kind.upper()),
                       _("export it again as PNG, JPEG, WebP or GIF (not SVG or HTML)."))
    return None


def _allowed_file(parts: tuple, languages) -> bool | str:
    """True, or the reason a file at docs/<parts> is outside the layout."""
    name = parts[-1]
    texts = text_names(languages)
    if len(parts) == 1:
        return name in texts or name == "tags.yml" or _("the top of docs/ holds index.md, index.<language>.md and tags.yml only")
    if len(parts) == 2:
        return name in texts or _("a page folder holds index.md and index.<language>.md only")
    if len(parts) == 3 and parts[0] == "cases":
        if name in texts or name == "case.yml" or (name.startswith("index.") and name.endswith(".md")):
            return True  # a text in a language that is not built: model.load_case says so
        if Path(name).suffix.lower() in IMAGE_EXTENSIONS and FILE_NAME.fullmatch(name):
            return True
        return _("a case folder holds case.yml, index.md, index.<language>.md and images (PNG, JPEG, WebP, GIF) only")
    return _("folders under docs/ go one level deep (docs/cases/<case>/ two)")


def problems(docs_dir: Path, languages, root=None) -> list:
    """Every entry under ``docs_dir`` outside the layout, as problems."""
    docs_dir = Path(docs_dir)
    out: list = []
    for current, dirs, files in os.walk(docs_dir, followlinks=False):
        here = Path(current)
        rel = here.relative_to(docs_dir).parts
        for name in sorted(dirs):
            path = here / name
            if name.startswith("."):
                out.append(_dot_problem(path, root))
                dirs.remove(name)
                continue
            if path.is_symlink():
                out.append(Problem(display_path(path, root), 1, _("this folder is a symbolic link; the build would publish what it points to."),
                                   _("replace it with a real folder holding the files themselves.")))
                dirs.remove(name)
                continue
            depth_ok = len(rel) == 0 or (len(rel) == 1 and rel[0] == "cases")
            if not depth_ok:
                out.append(Problem(display_path(path, root), 1, _("this folder is outside the layout of docs/: folders go one level deep (docs/cases/<case>/ two)."),
                                   _("move its files into the case's own folder, or remove it.")))
                dirs.remove(name)
            elif rel != ("cases",) and not NAME.fullmatch(name):  # case folders: model.load_case
                out.append(Problem(display_path(path, root), 1, _("'{name}' is not a valid page folder name.", name=name),
                                   _("use lowercase letters, digits and single hyphens, e.g. 'contribute'.")))
                dirs.remove(name)
        for name in sorted(files):
            if name.startswith("."):
                out.append(_dot_problem(here / name, root))
                continue
            path = here / name
            mode = os.lstat(path).st_mode
            if stat.S_ISLNK(mode):
                out.append(Problem(display_path(path, root), 1, _("this file is a symbolic link; the build would publish what it points to."),
                                   _("replace it with the file itself.")))
                continue
            if not stat.S_ISREG(mode):
                out.append(Problem(display_path(path, root), 1, _("this is not a plain file."), _("remove it.")))
                continue
            verdict = _allowed_file(rel + (name,), languages)
            if verdict is not True:
                out.append(Problem(display_path(path, root), 1, _("'{name}' is not allowed here: {reason}.", name=name, reason=verdict),
                                   _("remove it: files outside this layout would be published to every reader as they are.")))
                continue
            if Path(name).suffix.lower() in IMAGE_EXTENSIONS:
                found = _image_problem(path, display_path(path, root))
                if found:
                    out.append(found)
    return out


def _dot_problem(path: Path, root) -> Problem:
    return Problem(display_path(path, root), 1, _("'{name}' starts with a dot: such files are not published, but git acts on some of them on checkout.", name=path.name),
                   _("remove it: nothing under docs/ may start with a dot."))


def dot_problems(docs_dir: Path, root=None) -> list:
    """The files and folders under ``docs_dir`` whose name starts with a dot (MkDocs passes them
    over, so the build looks for them on disk), as problems."""
    out: list = []
    for current, dirs, files in os.walk(docs_dir, followlinks=False):
        for name in sorted(dirs + files):
            if name.startswith("."):
                out.append(_dot_problem(Path(current) / name, root))
        dirs[:] = [name for name in dirs if not name.startswith(".")]
    return out


def allowed(src_uri: str, languages) -> bool:
    """Whether a file MkDocs found at ``src_uri`` (relative to docs/) belongs to the layout."""
    parts = tuple(src_uri.split("/"))
    if any(part.startswith(".") or part == "" for part in parts):
        return False
    if len(parts) == 2 and parts[0] != "cases" and not NAME.fullmatch(parts[0]):
        return False
    return _allowed_file(parts, languages) is True
