"""The requirements are locked: every package, transitive ones too, pinned with hashes
(scripts/lock.py writes the lock files; scripts/bootstrap.py installs them with --require-hashes)."""
from __future__ import annotations

import shutil

import lock

from conftest import ROOT


def test_the_lock_files_pin_every_chosen_package_with_hashes():
    assert lock.problems() == []


def _project(tmp_path):
    for name in (*lock.LOCKS, *lock.LOCKS.values()):
        shutil.copy(ROOT / name, tmp_path / name)
    return tmp_path


def test_a_chosen_package_at_another_version_or_missing_is_reported(tmp_path):
    root = _project(tmp_path)
    source = root / "requirements.in"
    source.write_text(source.read_text(encoding="utf-8").replace("mkdocs==1.6.1", "mkdocs==1.6.0") + "rapidfuzz-extra==1.0\n", encoding="utf-8")
    found = "\n".join(lock.problems(root))
    assert "requirements.txt: mkdocs is not locked at 1.6.0" in found
    assert "rapidfuzz-extra is not locked" in found


def test_a_pin_without_hashes_is_reported(tmp_path):
    root = _project(tmp_path)
    locked = root / "requirements.txt"
    text = locked.read_text(encoding="utf-8")
    start = text.index("\nmkdocs==1.6.1")
    end = text.index("\n", text.index("# via", start))
    locked.write_text(text[:start] + "\nmkdocs==1.6.1\n    # via -r requirements.in" + text[end:], encoding="utf-8")
    assert any("mkdocs==1.6.1 has no hash" in line for line in lock.problems(root))


def test_bootstrap_installs_with_hashes_required():
    assert '"--require-hashes"' in (ROOT / "scripts" / "bootstrap.py").read_text(encoding="utf-8")


def test_a_package_locked_at_two_versions_is_reported(tmp_path):
    """Both lock files are installed into the one .venv: a package they share has one version."""
    root = _project(tmp_path)
    locked = root / "requirements.txt"
    locked.write_text(locked.read_text(encoding="utf-8").replace("\nmarkdown==3.11.3 ", "\nmarkdown==3.11.2 ", 1), encoding="utf-8")
    assert any("markdown is locked at 3.11.2, requirements-test.txt at 3.11.3" in line for line in lock.problems(root))
