"""The world map of cases per country ("Browse by place"): an accessible inline SVG.

Every country of the map data (casekit/data/world.json, made by scripts/make_map_data.py) is
drawn in a neutral grey; a country with cases is filled with a dark colour and is a link, named
for screen readers by the label the caller gives it (for example "Kenya: 2 cases"). This module
knows no language: every text it prints (title, description, names, labels) comes from the
caller, already translated. Its colours are CSS classes (overrides/assets/stylesheets/cases.css)
with the same colours as ``fill`` attributes, so the map reads right without the style sheet;
it prints no style attribute, no script and no event handler.

A country too small to put a finger on (its outline narrower or lower than a marker) also gets
a marker: a circle at least 24 CSS px across on a phone (WCAG 2.5.8, target size), at the
centre of its largest part, moved apart from the other markers so that none covers another,
with a line back to the country when moved. The marker is a second link to the same address,
for the pointer and the finger only (hidden from assistive technology and out of the Tab
order: the country's own link is the one read out and focused, once).

Codes the map cannot draw (small countries are not in the 1:110m outlines, Antarctica is left
out) are an error: ``svg`` raises ValueError naming them. Call ``unknown`` first to find them
and show those countries another way, for example as a list of links under the map.
"""
from __future__ import annotations

import json
import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from html import escape
from pathlib import Path
from types import MappingProxyType
from urllib.parse import urlsplit

DATA = Path(__file__).parent / "data" / "world.json"

# The fills, also in cases.css. The colour of a country with cases has at least 3:1 contrast
# (WCAG 1.4.11, non-text contrast) against the neutral grey and against the white page.
LAND = "#d4d4d4"
CASES = "#00695c"  # the theme's primary colour (cases.css)
PAGE = "#ffffff"

_SAFE_SCHEMES = ("", "http", "https")

# A marker's radius, as a share of the map's width: 24 CSS px across where the map is 352 px
# wide (a 390 px phone's column); cases.css draws it smaller where the map is wider.
MARKER = 12 / 352
# the room between two markers, as a share of their radius
MARKER_GAP = 0.15
_NUMBER = re.compile(r"[Mlz]|-?\d*\.?\d+(?:e-?\d+)?")


@dataclass(frozen=True)
class World:
    """The outlines: ``view_box`` of the SVG and ``countries``, alpha-2 code -> path "d"."""

    view_box: str
    countries: Mapping[str, str]


def load(path: Path = DATA) -> World:
    """Read the map data. Load it once and pass it to ``svg`` and ``unknown`` when drawing
    more than one map (one per language, say)."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return World(view_box=data["viewBox"], countries=MappingProxyType(dict(data["countries"])))


def unknown(codes: Iterable[str], world: World | None = None) -> list[str]:
    """The codes among ``codes`` that the map has no outline for, sorted."""
    world = world or load()
    return sorted({code for code in codes if code not in world.countries})


def _rings(d: str) -> list:
    """The rings of a path's "d" as this module's data writes them (M x y, l dx dy..., z)."""
    rings, ring, numbers, x, y = [], [], [], 0.0, 0.0
    command = ""
    for token in _NUMBER.findall(d):
        if token in "Mlz":
            command = token
            if token == "z" and ring:
                rings.append(ring)
                ring = []
            continue
        numbers.append(float(token))
        if len(numbers) < 2:
            continue
        dx, dy = numbers
        numbers = []
        if command == "M":
            x, y = dx, dy
            if ring:
                rings.append(ring)
            ring = [(x, y)]
        else:
            x, y = x + dx, y + dy
            ring.append((x, y))
    if ring:
        rings.append(ring)
    return rings


def _area_and_centre(ring: list) -> tuple:
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if abs(area) < 1e-9:  # a degenerate ring: the mean of its points
        return 0.0, (sum(x for x, _ in ring) / len(ring), sum(y for _, y in ring) / len(ring))
    return abs(area) / 2, (cx / (3 * area), cy / (3 * area))


def _size_and_centre(d: str) -> tuple:
    """(width, height) of a country's outline and the centre of its largest part."""
    rings = _rings(d)
    points = [point for ring in rings for point in ring]
    xs, ys = [x for x, _ in points], [y for _, y in points]
    _area, centre = max((_area_and_centre(ring) for ring in rings), key=lambda found: found[0])
    return (max(xs) - min(xs), max(ys) - min(ys)), centre


def _spread(centres: list, radius: float, bounds: tuple) -> list:
    """Markers of ``radius`` at ``centres`` moved apart until none overlaps another (with a
    gap), each kept inside ``bounds`` (left, top, right, bottom); deterministic."""
    left, top, right, bottom = bounds
    points = [list(centre) for centre in centres]
    room = 2 * radius * (1 + MARKER_GAP)
    for _round in range(500):
        moved = False
        for i in range(len(points)):
            for j in range(i + 1, len(points)):
                dx, dy = points[j][0] - points[i][0], points[j][1] - points[i][1]
                distance = math.hypot(dx, dy)
                if distance >= room - 1e-6:
                    continue
                if distance < 1e-6:  # on the same spot: apart along a direction of their own
                    angle = (i * 7 + j * 13) % 360 * math.pi / 180
                    dx, dy, distance = math.cos(angle), math.sin(angle), 1.0
                push = (room - math.hypot(points[j][0] - points[i][0], points[j][1] - points[i][1])) / 2 + 1e-3
                for point, sign in ((points[i], -1), (points[j], 1)):
                    point[0] += sign * push * dx / distance
                    point[1] += sign * push * dy / distance
                moved = True
        for point in points:
            point[0] = min(max(point[0], left + radius), right - radius)
            point[1] = min(max(point[1], top + radius), bottom - radius)
        if not moved:
            break
    return [tuple(point) for point in points]


def markers(codes: Iterable[str], world: World) -> dict:
    """Where the markers of the countries ``codes`` (with cases) go: code -> ((x, y) of the
    marker, (x, y) of the country's centre), for those whose outline is narrower or lower
    than a marker; and the markers' radius, under the key None."""
    minx, miny, width, height = (float(part) for part in world.view_box.split())
    radius = MARKER * width
    small = {}
    for code in sorted(codes):
        (w, h), centre = _size_and_centre(world.countries[code])
        if min(w, h) < 2 * radius:
            small[code] = centre
    placed = _spread(list(small.values()), radius, (minx, miny, minx + width, miny + height))
    return {None: radius} | {code: (spot, centre) for (code, centre), spot in zip(small.items(), placed, strict=True)}


def _coordinate(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _sort_key(name: str) -> str:
    """Names in alphabetical order whatever their accents (the order of the links for the
    keyboard and screen readers)."""
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)).casefold()


def _href(url: str, code: str) -> str:
    if not isinstance(url, str) or not url.strip():
        raise ValueError(f"link_for({code!r}) gave no address: {url!r}")
    if urlsplit(url.strip()).scheme.lower() not in _SAFE_SCHEMES:
        raise ValueError(f"link_for({code!r}) gave {url!r}: only relative, http and https addresses are linked")
    return url


def svg(counts: Mapping[str, int], names: Mapping[str, str], link_for: Callable[[str], str], title: str,
        label: Callable[[str, int], str], *, description: str = "", id_prefix: str = "worldmap",
        world: World | None = None) -> str:
    """The map as an inline SVG string.

    counts: alpha-2 code -> number of cases (0 or absent: drawn neutral, no link).
    names: alpha-2 code -> the country's name in the page's language, for every counted code.
    link_for(code): the address the country's link leads to (relative, http or https).
    title: the map's accessible name (its <title>), in the page's language.
    label(name, count): a country's accessible name, e.g. "Kenya: 2 cases" (translated and
        pluralised by the caller); it is the link's aria-label and its <title> (tooltip).
    description: an optional longer text alternative (<desc>, aria-describedby).
    id_prefix: makes the ids of <title> and <desc> unique when a page holds two maps.
    world: the map data (``load()``), read from DATA when not given.

    Raises ValueError when a counted code has no outline (see ``unknown``) or no name, a
    count is not a whole number of at least 0, or an address is not relative, http or https.
    The svg keeps its own role (graphics-document; the HTML checker accepts no other that
    fits) and is named by its title, not role="img": an img's children
    are hidden from assistive technology, and these links must be reachable.
    """
    world = world or load()
    for code, count in counts.items():
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            raise ValueError(f"the number of cases of {code!r} must be a whole number of at least 0, not {count!r}")
    with_cases = [code for code, count in counts.items() if count > 0]
    missing = unknown(with_cases, world)
    if missing:
        raise ValueError(f"the map has no outline for {', '.join(map(repr, missing))} (small countries are not in the "
                         "1:110m outlines): leave them out with worldmap.unknown() and show them another way")
    unnamed = sorted(code for code in with_cases if not names.get(code))
    if unnamed:
        raise ValueError(f"no name given for {', '.join(map(repr, unnamed))}")

    title_id, desc_id = f"{id_prefix}-title", f"{id_prefix}-desc"
    described = f' aria-describedby="{escape(desc_id)}"' if description else ""
    lines = [f'<svg xmlns="http://www.w3.org/2000/svg" class="worldmap" viewBox="{escape(world.view_box)}" '
             f'aria-labelledby="{escape(title_id)}"{described}>',
             f'<title id="{escape(title_id)}">{escape(title)}</title>']
    if description:
        lines.append(f'<desc id="{escape(desc_id)}">{escape(description)}</desc>')
    lines.append(f'<g class="worldmap__land" fill="{LAND}" stroke="{PAGE}" stroke-width="0.5" aria-hidden="true">')
    lines.extend(f'<path d="{escape(d)}"/>' for code, d in sorted(world.countries.items()) if code not in with_cases)
    lines.append("</g>")
    lines.append(f'<g class="worldmap__cases" fill="{CASES}" stroke="{PAGE}" stroke-width="0.5">')
    for code in sorted(with_cases, key=lambda c: (_sort_key(names[c]), c)):
        text = label(names[code], counts[code])
        if not isinstance(text, str) or not text.strip():
            raise ValueError(f"label({names[code]!r}, {counts[code]}) gave no text")
        lines.append(f'<a href="{escape(_href(link_for(code), code))}" aria-label="{escape(text)}">'
                     f'<title>{escape(text)}</title><path d="{escape(world.countries[code])}"/></a>')
    lines.append("</g>")
    spots = markers(with_cases, world)
    radius = spots.pop(None)
    if spots:
        lines.append(f'<g class="worldmap__markers" fill="{CASES}" stroke="{PAGE}" stroke-width="1.5">')
        for code in sorted(spots, key=lambda c: (_sort_key(names[c]), c)):
            (x, y), (cx, cy) = spots[code]
            line = (f'<line class="worldmap__leader" x1="{_coordinate(cx)}" y1="{_coordinate(cy)}" x2="{_coordinate(x)}" y2="{_coordinate(y)}" stroke="{CASES}"/>'
                    if math.hypot(x - cx, y - cy) > radius / 2 else "")
            lines.append(f'<a href="{escape(_href(link_for(code), code))}" tabindex="-1" aria-hidden="true" '
                         f'data-country="{escape(code)}">{line}'
                         f'<circle class="worldmap__marker" cx="{_coordinate(x)}" cy="{_coordinate(y)}" r="{_coordinate(radius)}"/></a>')
        lines.append("</g>")
    lines.append("</svg>")
    return "\n".join(lines)
