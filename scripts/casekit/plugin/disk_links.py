"""A site to open from disk (scripts/build.py --for-disk, the pull request's preview): every
link to a folder of the site leads to its index.html, as a browser opening files needs (a web
server does that itself). Applied to the finished HTML of our own templates and MkDocs',
whose attributes are always double-quoted."""
from __future__ import annotations

import re

# href="…/" or action="…/" (a relative address of the site: no scheme, not only a fragment),
# with its query and fragment
_FOLDER_LINK = re.compile(r'\b(href|action)="((?![a-z][a-z0-9+.-]*:|//|#)[^"?#]*/)((?:\?[^"#]*)?(?:#[^"]*)?)"', re.I)
_HERE = re.compile(r'\b(href|action)="(\.|\.\.)((?:\?[^"#]*)?(?:#[^"]*)?)"')


def rewrite(html: str) -> str:
    html = _FOLDER_LINK.sub(lambda m: f'{m.group(1)}="{m.group(2)}index.html{m.group(3)}"', html)
    return _HERE.sub(lambda m: f'{m.group(1)}="{m.group(2)}/index.html{m.group(3)}"', html)
