#!/usr/bin/env python3
"""Make the world map's outlines (scripts/casekit/data/world.json) from a TopoJSON file.

Its help (--help), in the contributor's language, is DESCRIPTION below.
"""
from __future__ import annotations

import hashlib
import json
import math
import sys
from pathlib import Path
from types import MappingProxyType

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bootstrap  # noqa: E402

bootstrap.use_venv()  # run with the pinned packages (.venv), whichever Python started the script

from babel.core import get_global  # noqa: E402

from casekit import cli, project  # noqa: E402
from casekit.messages import _  # noqa: E402

DESCRIPTION = _("""\
Make the world map's outlines (scripts/casekit/data/world.json) from a TopoJSON file.

  python3 scripts/make_map_data.py countries-110m.json [--output scripts/casekit/data/world.json]

Source: Natural Earth's 1:110m Admin 0 countries (public domain, naturalearthdata.com), as
countries-110m.json in the npm package world-atlas 2.0.2 (ISC licence,
https://github.com/topojson/world-atlas). To get it:

  cd "$(mktemp -d)" && npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
  python3 <project>/scripts/make_map_data.py package/countries-110m.json

It projects the countries' outlines with the Equal Earth projection, simplifies and rounds
them, and keys each country by its ISO 3166-1 alpha-2 code. The output depends only on the
input file: the same input gives the same bytes.""")

OUTPUT = Path(__file__).resolve().parent / "casekit" / "data" / "world.json"
SOURCE_SHA256 = "2516c915867c7baf18ddec727aec46c315541a07cfb3d79a6559b05d5e94eee8"  # world-atlas 2.0.2 countries-110m.json

# Shapes the file gives no ISO 3166-1 numeric id, by their name in the file.
NAMED = MappingProxyType({"Kosovo": "XK", "N. Cyprus": "CY", "Somaliland": "SO"})
# Countries not drawn, with the reason.
LEFT_OUT = MappingProxyType({"AQ": "Antarctica: it would make the map an eighth taller, for no case"})

WIDTH = 1000  # of the viewBox; its height follows from the projection
MARGIN = 1  # around the outlines, in viewBox units
TOLERANCE = 0.4  # Douglas-Peucker tolerance, in viewBox units
DECIMALS = 1  # of every coordinate in the paths

# Equal Earth projection (Šavrič, Patterson and Jenny, 2018)
_A1, _A2, _A3, _A4 = 1.340264, -0.081106, 0.000893, 0.003796
_M = math.sqrt(3) / 2


def equal_earth(lon: float, lat: float) -> tuple[float, float]:
    """Equal Earth coordinates of a point given in degrees (x east, y north; unit sphere)."""
    lam, phi = math.radians(lon), math.radians(lat)
    theta = math.asin(_M * math.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = lam * math.cos(theta) / (_M * (_A1 + 3 * _A2 * t2 + t6 * (7 * _A3 + 9 * _A4 * t2)))
    y = theta * (_A1 + _A2 * t2 + t6 * (_A3 + _A4 * t2))
    return x, y


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Every arc of ``topology`` as a list of (longitude, latitude) points. A quantised
    topology (one with a "transform") stores each point as the difference from the one before
    it, in integer steps of the transform's scale, from its translate."""
    transform = topology.get("transform")
    arcs = []
    for arc in topology["arcs"]:
        if transform:
            (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
            x = y = 0
            points = []
            for dx, dy, *_ in arc:
                x, y = x + dx, y + dy
                points.append((x * sx + tx, y * sy + ty))
        else:
            points = [(float(p[0]), float(p[1])) for p in arc]
        arcs.append(points)
    return arcs


def ring(indexes: list[int], arcs: list[list]) -> list:
    """The points of one ring made of ``arcs[i]`` for each index i; a negative index ~i means
    arc i read backwards. Consecutive arcs share their end point, which is kept once."""
    points: list = []
    for index in indexes:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc[1:] if points else arc)
    return points


def polygons(geometry: dict) -> list[list[list[int]]]:
    """The polygons (each a list of rings of arc indexes) of a Polygon or MultiPolygon."""
    kind = geometry.get("type")
    if kind == "Polygon":
        return [geometry["arcs"]]
    if kind == "MultiPolygon":
        return geometry["arcs"]
    if kind is None:
        return []
    raise ValueError(f"unsupported geometry type {kind!r} (only Polygon and MultiPolygon)")


def country_code(geometry: dict, aliases: dict) -> str:
    """The ISO 3166-1 alpha-2 code of a country shape: from its numeric id, or NAMED."""
    name = (geometry.get("properties") or {}).get("name", "")
    raw = geometry.get("id")
    if raw is None:
        if name in NAMED:
            return NAMED[name]
        raise ValueError(f"the shape {name!r} has no id and no entry in NAMED; add its ISO 3166-1 alpha-2 code there")
    numeric = str(raw).zfill(3)
    codes = aliases.get(numeric, [])
    if len(codes) != 1 or len(codes[0]) != 2 or not codes[0].isalpha():
        raise ValueError(f"no ISO 3166-1 alpha-2 code for the numeric id {raw!r} ({name!r}) in CLDR; add the shape's name to NAMED")
    return codes[0]


def simplify(points: list, tolerance: float) -> list[int]:
    """Douglas-Peucker: the indexes of the points that keep the line within ``tolerance`` of
    the original; the first and last are always kept."""
    if len(points) < 3:
        return list(range(len(points)))
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = points[first], points[last]
        dx, dy = bx - ax, by - ay
        length = math.hypot(dx, dy)
        farthest, index = -1.0, -1
        for i in range(first + 1, last):
            px, py = points[i]
            if length:
                distance = abs(dy * (px - ax) - dx * (py - ay)) / length
            else:  # a closed arc: its ends are one point
                distance = math.hypot(px - ax, py - ay)
            if distance > farthest:
                farthest, index = distance, i
        if index >= 0 and farthest > tolerance:
            keep[index] = True
            stack.extend(((first, index), (index, last)))
    return [i for i, kept in enumerate(keep) if kept]


def unwrap(points: list) -> list:
    """The points with 360° added to or taken from longitudes so that no step is longer than
    180°: a line that crosses the antimeridian goes on past ±180 instead of jumping."""
    out: list = []
    for lon, lat in points:
        if out:
            lon += 360 * round((out[-1][0] - lon) / 360)
        out.append((lon, lat))
    return out


def _clip(points: list, edge: float, keep_west: bool) -> list:
    """Sutherland-Hodgman: the part of a ring on one side of the meridian ``edge``."""
    inside = (lambda lon: lon <= edge) if keep_west else (lambda lon: lon >= edge)
    out = []
    for (lon1, lat1), (lon2, lat2) in zip(points, points[1:] + points[:1], strict=True):
        if inside(lon1):
            out.append((lon1, lat1))
        if inside(lon1) != inside(lon2):
            out.append((edge, lat1 + (lat2 - lat1) * (edge - lon1) / (lon2 - lon1)))
    return out


def cut_at_antimeridian(points: list) -> list[list]:
    """A ring in longitude and latitude as the rings that draw it on a flat map: a ring that
    crosses the antimeridian is cut there, the part beyond it moved to the other edge."""
    points = unwrap(points)
    if abs(points[-1][0] - points[0][0]) > 180:
        raise ValueError("a ring goes round a pole (Antarctica?); leave its country out (LEFT_OUT)")
    if all(-180 <= lon <= 180 for lon, _ in points):
        return [points]
    pieces = [_clip(_clip(points, 180, True), -180, False),
              [(lon - 360, lat) for lon, lat in _clip(points, 180, False)],
              [(lon + 360, lat) for lon, lat in _clip(points, -180, True)]]
    return [piece for piece in pieces if len(piece) >= 3]


def _number(value: float) -> str:
    text = f"{value:.{DECIMALS}f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def path_data(rings: list[list[tuple[float, float]]]) -> str:
    """An SVG path "d" string of closed rings: each an absolute move, then relative lines."""
    parts = []
    for points in rings:
        (x0, y0), rest = points[0], points[1:]
        text = f"M{_number(x0)} {_number(y0)}"
        if rest:
            text += "l"
            previous = (x0, y0)
            numbers = []
            for x, y in rest:
                numbers.extend((x - previous[0], y - previous[1]))
                previous = (x, y)
            for i, value in enumerate(numbers):
                number = _number(value)
                text += number if (i == 0 or number.startswith("-")) else " " + number
        parts.append(text + "z")
    return "".join(parts)


def _closed(points: list) -> list:
    """A ring's distinct consecutive points, without the closing repeat of the first."""
    out = []
    for point in points:
        if not out or point != out[-1]:
            out.append(point)
    if len(out) > 1 and out[0] == out[-1]:
        out.pop()
    return out


def make(topology: dict, source: dict) -> dict:
    """The map data of ``topology``: {"source", "viewBox", "countries": {alpha-2: path}};
    ``source`` (the input's file name and sha256) is recorded as it is."""
    objects = topology.get("objects", {})
    if "countries" not in objects:
        raise ValueError(f"the TopoJSON has no 'countries' object (it has: {', '.join(objects) or 'none'})")
    aliases = get_global("territory_aliases")
    shapes: dict[str, list] = {}
    for geometry in objects["countries"].get("geometries", []):
        code, polys = country_code(geometry, aliases), polygons(geometry)
        if polys and code not in LEFT_OUT:
            shapes.setdefault(code, []).extend(polys)
    if not shapes:
        raise ValueError("the TopoJSON's 'countries' object has no shapes to draw")
    # The whole world's width fills the viewBox's; the height is the outlines' own.
    half_width = equal_earth(180, 0)[0]
    scale = (WIDTH - 2 * MARGIN) / (2 * half_width)
    arcs = decode_arcs(topology)
    # Each arc is simplified on its own (a border shared by two countries stays shared), on
    # the map, in viewBox units; the points kept are then cut and projected ring by ring.
    kept = []
    for arc in arcs:
        on_map = [equal_earth(lon, lat) for lon, lat in unwrap(arc)]
        kept.append([arc[i] for i in simplify([(x * scale, y * scale) for x, y in on_map], TOLERANCE)])

    def projected_rings(polys, arc_points):
        return [[equal_earth(lon, lat) for lon, lat in piece]
                for poly in polys for r in poly for piece in cut_at_antimeridian(ring(r, arc_points))]

    projected = {code: projected_rings(polys, kept) for code, polys in shapes.items()}
    ys = [y for rings in projected.values() for points in rings for _, y in points]
    top = max(ys)
    height = math.ceil((top - min(ys)) * scale + 2 * MARGIN)

    def on_box(points):  # viewBox units, y down, rounded; without repeated points
        return _closed([(round((x + half_width) * scale + MARGIN, DECIMALS), round((top - y) * scale + MARGIN, DECIMALS))
                        for x, y in points])

    countries = {}
    for code in sorted(shapes):
        drawn = [r for r in map(on_box, projected[code]) if len(r) >= 3]
        if not drawn:  # too small once simplified: its largest ring, unsimplified
            drawn = [max(map(on_box, projected_rings(shapes[code], arcs)), key=len)]
        countries[code] = path_data(drawn)
    return {"source": source, "viewBox": f"0 0 {WIDTH} {height}", "countries": countries}


def main(argv=None) -> int:
    parser = cli.Parser(cli.language(project.languages(project.ROOT), argv, option=None), DESCRIPTION)
    parser.add_argument("topojson", type=Path, help=_("the TopoJSON file (world-atlas's countries-110m.json)"))
    parser.add_argument("--output", type=Path, default=OUTPUT, help=_("where to write the map data (default: {path})",
                                                                      path=OUTPUT.relative_to(OUTPUT.parents[3]).as_posix()))
    args = parser.parse_args(argv)
    try:
        raw = args.topojson.read_bytes()
        data = make(json.loads(raw), {"file": args.topojson.name, "sha256": hashlib.sha256(raw).hexdigest()})
    except (OSError, ValueError, KeyError, TypeError) as error:
        print(f"error: {args.topojson}: {error}", file=sys.stderr)
        return 1
    text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8", newline="\n")
    print(f"Wrote {args.output} ({len(data['countries'])} countries, {len(text.encode()) // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
