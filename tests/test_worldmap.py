"""The world map of cases per country (casekit/worldmap.py) and its outlines
(casekit/data/world.json, made by scripts/make_map_data.py). Every map here is drawn from
outlines and counts the test makes itself; the committed outlines are checked for their form."""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile

import make_map_data
import pytest
from lxml import etree

from casekit import model, worldmap
from conftest import IN_CI, ROOT

SVG = "{http://www.w3.org/2000/svg}"
SCRIPT = ROOT / "scripts" / "make_map_data.py"
PATH_D = re.compile(r"(M-?[\d.]+ -?[\d.]+(l(-?[\d.]+)( ?-?[\d.]+)*)?z)+")

# Three square countries side by side and one far away; the codes are only labels here.
WORLD = worldmap.World(view_box="0 0 100 50", countries={
    "AA": "M10 10l10 0 0 10-10 0z", "BB": "M20 10l10 0 0 10-10 0z", "CC": "M30 10l10 0 0 10-10 0z", "DD": "M80 40l5 0 0 5z"})


def label(name, count):
    return f"{name}: {count} {'case' if count == 1 else 'cases'}"


def draw(counts, names=None, link_for=None, **options):
    names = names if names is not None else {code: f"Land {code}" for code in counts}
    link_for = link_for or (lambda code: f"/cases/?country={code}")
    return worldmap.svg(counts, names, link_for, options.pop("title", "Cases by country"), label, world=WORLD, **options)


def parse(text):
    return etree.fromstring(text.encode("utf-8"))


def links(root):
    """The countries' own links (a marker is a second link, hidden from assistive technology)."""
    return [a for a in root.iter(f"{SVG}a") if a.get("aria-hidden") != "true"]


def test_the_svg_parses_and_has_one_link_per_country_with_cases():
    root = parse(draw({"AA": 2, "CC": 1, "BB": 0}, description="Two countries have cases."))
    assert root.tag == f"{SVG}svg" and root.get("viewBox") == WORLD.view_box
    # named by its title, with no role="img" (it would hide the links from screen readers)
    assert root.get("role") is None and root.get("aria-labelledby")
    assert root.find(f"{SVG}title").get("id") == root.get("aria-labelledby")
    assert root.find(f"{SVG}title").text == "Cases by country"
    assert root.find(f"{SVG}desc").get("id") == root.get("aria-describedby")
    found = {a.get("href"): a.get("aria-label") for a in links(root)}
    assert found == {"/cases/?country=AA": "Land AA: 2 cases", "/cases/?country=CC": "Land CC: 1 case"}
    for a in links(root):
        assert a.find(f"{SVG}title").text == a.get("aria-label")
        assert a.find(f"{SVG}path").get("d") == WORLD.countries[a.get("href")[-2:]]
    assert len(root.findall(f".//{SVG}path")) == len(WORLD.countries)


def test_countries_without_cases_are_hidden_from_assistive_technology():
    root = parse(draw({"BB": 3}))
    for path in root.iter(f"{SVG}path"):
        linked = path.getparent().tag == f"{SVG}a"
        hidden = any(node.get("aria-hidden") == "true" for node in path.iterancestors())
        assert linked != hidden, path.get("d")


def test_the_links_follow_the_alphabetical_order_of_the_names():
    names = {"AA": "Zed", "BB": "Émile", "CC": "alpha"}
    root = parse(draw(dict.fromkeys(names, 1), names=names))
    assert [a.get("aria-label").split(":")[0] for a in links(root)] == ["alpha", "Émile", "Zed"]


def test_hostile_names_and_addresses_are_text():
    hostile = '<script>alert("x")</script> & \'quoted\' <a href="javascript:x">'
    root = parse(draw({"AA": 1}, names={"AA": hostile}, link_for=lambda code: f'/cases/?c={code}&x="><script>',
                      title=hostile, description=hostile, id_prefix='m"><script>'))
    assert not root.findall(f".//{SVG}script") and not root.findall(".//script")
    assert root.find(f"{SVG}title").text == hostile and root.find(f"{SVG}desc").text == hostile
    (link,) = links(root)
    assert link.get("aria-label") == f"{hostile}: 1 case" and link.find(f"{SVG}title").text == f"{hostile}: 1 case"
    assert link.get("href") == '/cases/?c=AA&x="><script>'
    assert root.get("aria-labelledby") == 'm"><script>-title'


def test_no_script_style_or_event_handler_is_printed():
    text = draw({"AA": 1, "DD": 4})
    root = parse(text)
    for element in root.iter():
        assert "style" not in element.attrib and not any(name.lower().startswith("on") for name in element.attrib)
    assert "<script" not in text and "<style" not in text


@pytest.mark.parametrize("url", ["javascript:alert(1)", " JavaScript:alert(1)", "data:text/html,x", ""])
def test_an_unsafe_address_is_refused(url):
    with pytest.raises(ValueError, match="AA"):
        draw({"AA": 1}, link_for=lambda code: url)


def test_a_code_without_an_outline_is_reported():
    assert worldmap.unknown(["AA", "ZZ", "QQ", "ZZ"], WORLD) == ["QQ", "ZZ"]
    with pytest.raises(ValueError, match="'QQ', 'ZZ'.*worldmap.unknown"):
        draw({"AA": 1, "ZZ": 2, "QQ": 1})
    draw({"AA": 1, "ZZ": 0})  # a country without cases needs no outline


@pytest.mark.parametrize("count", [-1, 1.5, "2", True])
def test_a_count_must_be_a_whole_number(count):
    with pytest.raises(ValueError, match="AA"):
        draw({"AA": count})


def test_a_country_with_cases_needs_a_name():
    with pytest.raises(ValueError, match="'BB'"):
        draw({"AA": 1, "BB": 1}, names={"AA": "Land"})


def _luminance(colour):
    channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(one, other):
    high, low = sorted((_luminance(one), _luminance(other)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_countries_with_cases_stand_out_with_3_to_1_contrast():
    assert _contrast(worldmap.CASES, worldmap.LAND) >= 3
    assert _contrast(worldmap.CASES, worldmap.PAGE) >= 3
    css = (ROOT / "overrides" / "assets" / "stylesheets" / "cases.css").read_text(encoding="utf-8").lower()
    assert worldmap.CASES.lower() in css and worldmap.LAND.lower() in css  # the same colours as the attributes


def test_the_committed_outlines_are_consistent():
    raw = worldmap.DATA.read_bytes()
    assert len(raw) < 150_000
    data = json.loads(raw)
    world = worldmap.load()
    assert re.fullmatch(r"0 0 \d+ \d+", world.view_box)
    assert world.countries and all(re.fullmatch(r"[A-Z]{2}", code) for code in world.countries)
    assert all(PATH_D.fullmatch(d) for d in world.countries.values())
    assert set(world.countries) <= model.country_codes()  # every key is a country the cases may name
    assert data["source"]["sha256"] == make_map_data.SOURCE_SHA256


def _world_atlas(tmp_path) -> str:
    """world-atlas 2.0.2's countries-110m.json: WORLD_ATLAS_110M, else fetched with npm (the
    package registry; CI has npm, see .ci/run)."""
    if os.environ.get("WORLD_ATLAS_110M"):
        return os.environ["WORLD_ATLAS_110M"]
    npm = shutil.which("npm")
    if not npm:
        if IN_CI:
            pytest.fail("npm is needed to fetch world-atlas under CI=true (Debian: apt-get install npm)")
        pytest.skip("npm is not installed: the check of the committed map outlines needs world-atlas 2.0.2 (or WORLD_ATLAS_110M)")
    subprocess.run([npm, "pack", "world-atlas@2.0.2", "--silent"], cwd=tmp_path, check=True, capture_output=True, timeout=300)
    with tarfile.open(tmp_path / "world-atlas-2.0.2.tgz") as archive:
        archive.extract("package/countries-110m.json", tmp_path, filter="data")
    return str(tmp_path / "package" / "countries-110m.json")


def test_the_committed_outlines_are_made_again_byte_for_byte(tmp_path):
    source = _world_atlas(tmp_path)
    out = tmp_path / "world.json"
    subprocess.run([sys.executable, str(SCRIPT), source, "--output", str(out)], check=True, capture_output=True)
    assert out.read_bytes() == worldmap.DATA.read_bytes()


def test_the_script_answers_help():
    result = subprocess.run([sys.executable, str(SCRIPT), "--help"], capture_output=True, text=True, timeout=60,
                            env={**os.environ, "LC_ALL": "C.UTF-8"})  # in English (test_cli_language.py: the others)
    assert result.returncode == 0 and "usage" in result.stdout.lower()
    assert "Natural Earth" in result.stdout and "world-atlas" in result.stdout


# --- the TopoJSON decoder, on a topology of two quantised, delta-encoded arcs ---

TWO_ARCS = {"type": "Topology", "transform": {"scale": [0.5, 0.25], "translate": [10, 20]},
            "arcs": [[[0, 0], [2, 0], [0, 2]], [[2, 2], [-2, 0], [0, -2]]], "objects": {}}


def test_arcs_are_decoded_from_deltas_and_the_transform():
    assert make_map_data.decode_arcs(TWO_ARCS) == [[(10, 20), (11, 20), (11, 20.5)], [(11, 20.5), (10, 20.5), (10, 20)]]
    plain = {"arcs": [[[1, 2], [3, 4]]]}  # not quantised: the positions themselves
    assert make_map_data.decode_arcs(plain) == [[(1, 2), (3, 4)]]


def test_a_ring_joins_its_arcs_and_reads_a_negative_index_backwards():
    arcs = make_map_data.decode_arcs(TWO_ARCS)
    assert make_map_data.ring([0, 1], arcs) == [(10, 20), (11, 20), (11, 20.5), (10, 20.5), (10, 20)]
    assert make_map_data.ring([~1, ~0], arcs) == [(10, 20), (10, 20.5), (11, 20.5), (11, 20), (10, 20)]


def test_a_ring_across_the_antimeridian_is_cut_in_two():
    pieces = make_map_data.cut_at_antimeridian([(178, 0), (-178, 0), (-178, 2), (178, 2)])
    assert len(pieces) == 2
    assert all(-180 <= lon <= 180 for piece in pieces for lon, _ in piece)
    assert sorted(min(lon for lon, _ in piece) for piece in pieces) == [-180, 178]


# --- the script, on a TopoJSON made here ---

def _topology():
    """Two countries sharing a border (arc 0), one shape known by name only, Antarctica and a
    shape without geometry."""
    return {
        "type": "Topology",
        "transform": {"scale": [0.01, 0.01], "translate": [30, -5]},
        "arcs": [
            [[500, 0], [0, 500], [0, 500]],  # the shared border, north from (35, -5)
            [[500, 1000], [-500, 0], [0, -1000], [500, 0]],  # the west country's other sides
            [[500, 0], [500, 0], [0, 1000], [-500, 0]],  # the east country's other sides
            [[2000, 2000], [100, 0], [0, 100], [-100, 0], [0, -100]],  # a small closed ring
            [[0, 0], [1000, 0], [0, 100], [-1000, 0], [0, -100]],  # "Antarctica"
        ],
        "objects": {"countries": {"type": "GeometryCollection", "geometries": [
            {"type": "Polygon", "id": "404", "arcs": [[0, 1]], "properties": {"name": "West"}},
            {"type": "MultiPolygon", "id": "834", "arcs": [[[~0, 2]]], "properties": {"name": "East"}},
            {"type": "Polygon", "arcs": [[3]], "properties": {"name": "Kosovo"}},
            {"type": "Polygon", "id": "010", "arcs": [[4]], "properties": {"name": "Antarctica"}},
            {"type": None, "id": "120", "properties": {"name": "Nothing"}},
        ]}},
    }


def _points(d):
    """The absolute points of a path "d" made by the script."""
    points = []
    for move, lines in re.findall(r"M([^lz]+)(?:l([^z]*))?z", d):
        x, y = map(float, move.split())
        points.append((x, y))
        numbers = [float(n) for n in re.findall(r"-?[\d.]+", lines or "")]
        for dx, dy in zip(numbers[::2], numbers[1::2], strict=True):
            x, y = round(x + dx, 1), round(y + dy, 1)
            points.append((x, y))
    return points


def test_the_script_writes_the_same_bytes_from_the_same_topojson(tmp_path):
    source = tmp_path / "tiny.json"
    source.write_text(json.dumps(_topology()), encoding="utf-8")
    outputs = []
    for name in ("one.json", "two.json"):
        result = subprocess.run([sys.executable, str(SCRIPT), str(source), "--output", str(tmp_path / name)],
                                capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, result.stderr
        outputs.append((tmp_path / name).read_bytes())
    assert outputs[0] == outputs[1]
    data = json.loads(outputs[0])
    assert data["source"] == {"file": "tiny.json", "sha256": hashlib.sha256(source.read_bytes()).hexdigest()}
    # numeric ids become alpha-2 codes, the named shape gets its code, Antarctica is left out
    assert sorted(data["countries"]) == ["KE", "TZ", "XK"]
    assert all(PATH_D.fullmatch(d) for d in data["countries"].values())
    west, east = (set(_points(data["countries"][code])) for code in ("KE", "TZ"))
    assert len(west & east) >= 2  # the shared border is drawn with the same points in both
    _, _, width, height = map(float, data["viewBox"].split())
    assert all(0 <= x <= width and 0 <= y <= height for d in data["countries"].values() for x, y in _points(d))


def test_the_script_names_a_shape_it_cannot_identify(tmp_path):
    topology = _topology()
    topology["objects"]["countries"]["geometries"].append({"type": "Polygon", "arcs": [[3]], "properties": {"name": "Atlantis"}})
    source = tmp_path / "bad.json"
    source.write_text(json.dumps(topology), encoding="utf-8")
    result = subprocess.run([sys.executable, str(SCRIPT), str(source), "--output", str(tmp_path / "out.json")],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1 and "'Atlantis'" in result.stderr and "NAMED" in result.stderr
    assert not (tmp_path / "out.json").exists()
