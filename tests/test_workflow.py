"""The GitHub workflow: checked offline (GitHub's schema, zizmor), read for the editor's
path (separate jobs, cache, Pages address, triggers), and run step by step off GitHub."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.github_expressions import evaluate, substitute
from tests.helpers import CORPUS, REPO, SAUDI, add_articles, copy_repository, real_articles

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))
SITE_WORKFLOW = REPO / ".github" / "workflows" / "site.yml"
BIN = Path(sys.executable).parent
#: The Pages address configure-pages gives in the runs below (a project site).
PAGES_URL = "https://editor.github.io/news-archive"
#: Paths that neither the tests nor the built site read (the workflow's exclusions), why,
#: and where a mention of them would mean that this no longer holds.
NOT_BUILD_INPUTS = {
    "tools/lighthouse/**": ("Lighthouse (make lighthouse: npm, bench/lighthouse.py)",
                            r"lighthouse"),
}
#: What the tests and the build read (besides the Python they import).
READERS = ("tests", "builder", "hooks", "overrides", "docs", "mkdocs.yml", "pyproject.toml")


def _workflow() -> dict[str, Any]:
    return yaml.safe_load(SITE_WORKFLOW.read_text(encoding="utf-8"))


def _triggers(workflow: dict[str, Any]) -> dict[str, Any]:
    return workflow.get("on", workflow.get(True))  # PyYAML reads the key `on` as True


def _steps(job: dict[str, Any], action: str) -> list[dict[str, Any]]:
    return [s for s in job["steps"] if s.get("uses", "").split("@")[0] == action]


# --- offline linters --------------------------------------------------------------------


def test_there_is_a_workflow() -> None:
    assert WORKFLOWS == [SITE_WORKFLOW]


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_matches_github_schema(workflow: Path) -> None:
    result = subprocess.run(
        [str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows",
         str(workflow)],
        capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_finds_nothing() -> None:
    """zizmor's default audits report nothing (pedantic ones: only unnamed definitions)."""
    result = subprocess.run(
        [str(BIN / "zizmor"), "--offline", "--format", "json", *map(str, WORKFLOWS)],
        capture_output=True, text=True,
    )
    assert json.loads(result.stdout or "[]") == [], result.stdout[:3000]


def test_actions_are_pinned_by_commit() -> None:
    text = SITE_WORKFLOW.read_text(encoding="utf-8")
    uses = re.findall(r"^\s*(?:- )?uses: (\S+)(.*)$", text, re.M)
    assert uses
    for action, comment in uses:
        assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40}", action), action
        assert re.fullmatch(r" # v\d+\.\d+\.\d+", comment), f"{action}: name the version"


# --- the editor's path, as written ------------------------------------------------------


def test_test_and_build_are_separate_jobs_and_deploy_needs_both() -> None:
    jobs = _workflow()["jobs"]
    assert [s.get("run") for s in jobs["test"]["steps"] if "run" in s] == ["make test"]
    assert "make site" in [s.get("run") for s in jobs["build"]["steps"]]
    assert "needs" not in jobs["build"]  # built while the tests run
    assert sorted(jobs["deploy"]["needs"]) == ["build", "test"]
    assert _steps(jobs["deploy"], "actions/deploy-pages")
    for name, job in jobs.items():
        assert 0 < job["timeout-minutes"] <= 60, name


def test_workflow_runs_the_readme_commands() -> None:
    text = SITE_WORKFLOW.read_text(encoding="utf-8")
    assert "make test" in text and "make site" in text
    assert "actions/deploy-pages" in text and "actions/upload-pages-artifact" in text


def test_ci_runs_make_test_only() -> None:
    lines = [ln for ln in (REPO / ".ci" / "run").read_text().splitlines()
             if ln.strip() and not ln.startswith("#")]
    assert lines[-1].strip() == "make test"


def test_pages_address_comes_from_configure_pages() -> None:
    build = _workflow()["jobs"]["build"]
    pages = _steps(build, "actions/configure-pages")
    assert len(pages) == 1
    site = next(s for s in build["steps"] if s.get("run") == "make site")
    url = site["env"]["SITE_URL"]
    assert url.replace(" ", "") == \
        f"${{{{vars.SITE_URL||steps.{pages[0]['id']}.outputs.base_url}}}}"
    values = [str(v) for job in _workflow()["jobs"].values() for step in job["steps"]
              for v in [step.get("run", ""), *step.get("env", {}).values()]]
    assert not any("github.io" in v or "repository_owner" in v for v in values)


def test_build_cache_is_restored_always_and_saved_from_main_only() -> None:
    workflow = _workflow()
    text = SITE_WORKFLOW.read_text(encoding="utf-8")
    assert "actions/cache@" not in text  # the action that saves from every run
    build = workflow["jobs"]["build"]
    (restore,) = _steps(build, "actions/cache/restore")
    (save,) = _steps(build, "actions/cache/save")
    assert "if" not in restore
    assert restore["with"]["path"] == save["with"]["path"]
    names = [s.get("name") for s in build["steps"]]
    assert names.index(restore["name"]) < names.index("Build the site (strict on pull requests)")
    for event, ref, saved in (("push", "refs/heads/main", True),
                              ("workflow_dispatch", "refs/heads/main", True),
                              ("pull_request", "refs/pull/7/merge", False),
                              ("push", "refs/heads/feature", False)):
        assert bool(evaluate(save["if"], {"github": {"event_name": event, "ref": ref}})) \
            is saved, (event, ref)
    assert restore["with"]["restore-keys"].strip() == "build-${{ runner.os }}-main-"


def test_pull_requests_cancel_their_older_runs_but_deploys_queue() -> None:
    concurrency = _workflow()["concurrency"]
    pr = {"github": {"workflow": "archive", "event_name": "pull_request", "ref":
                     "refs/pull/7/merge", "event": {"pull_request": {"number": 7}}}}
    other_pr = {"github": {**pr["github"], "event": {"pull_request": {"number": 8}}}}
    main = {"github": {"workflow": "archive", "event_name": "push", "ref": "refs/heads/main"}}
    assert evaluate(concurrency["cancel-in-progress"], pr) is True
    assert evaluate(concurrency["cancel-in-progress"], main) is False
    groups = {substitute(concurrency["group"], c) for c in (pr, other_pr, main)}
    assert len(groups) == 3


def _matches(path: str, pattern: str) -> bool:
    """GitHub's path filter glob: ``*`` stops at ``/``, ``**`` does not."""
    regex = re.escape(pattern).replace(r"\*\*", "\0").replace(r"\*", "[^/]*")
    return re.fullmatch(regex.replace("\0", ".*"), path) is not None


def _triggered(path: str, patterns: list[str]) -> bool:
    """Whether a change to ``path`` runs the workflow (the last matching pattern wins)."""
    hit = False
    for pattern in patterns:
        if pattern.startswith("!"):
            hit = hit and not _matches(path, pattern[1:])
        else:
            hit = hit or _matches(path, pattern)
    return hit


def test_every_build_input_triggers_the_workflow() -> None:
    """Pushes and pull requests run on the same paths: every tracked file but those of
    NOT_BUILD_INPUTS, which nothing the tests or the build read mentions."""
    triggers = _triggers(_workflow())
    paths = triggers["push"]["paths"]
    assert triggers["pull_request"]["paths"] == paths
    assert triggers["push"]["branches"] == ["main"]
    assert paths == ["**", *(f"!{p}" for p in NOT_BUILD_INPUTS)]
    tracked = subprocess.run(["git", "ls-files"], cwd=REPO, capture_output=True, text=True,
                             check=True).stdout.splitlines()
    for name in tracked:
        excluded = any(_matches(name, p) for p in NOT_BUILD_INPUTS)
        assert _triggered(name, paths) is not excluded, name
    for pattern in NOT_BUILD_INPUTS:
        assert any(_matches(name, pattern) for name in tracked), f"{pattern} matches nothing"
    readers = [REPO / name for name in tracked if name.split("/")[0] in READERS
               and not name.startswith("tests/test_workflow.py")
               and (REPO / name).suffix in (".py", ".yml", ".html", ".md", ".j2", ".toml")]
    for pattern, (_why, mention) in NOT_BUILD_INPUTS.items():
        for path in readers:
            assert not re.search(mention, path.read_text(encoding="utf-8", errors="replace")), \
                f"{path.relative_to(REPO)} mentions {pattern}: is it still not a build input?"


def test_path_filter_globs() -> None:
    assert _triggered("corpus/001_x.txt", ["**", "!tools/lighthouse/**"])
    assert _triggered(".github/workflows/site.yml", ["**", "!.gitignore"])
    assert not _triggered("tools/lighthouse/package.json", ["**", "!tools/lighthouse/**"])
    assert _triggered("tools/eval_real.py", ["**", "!tools/lighthouse/**"])
    assert not _triggered("a/b.md", ["*.md"]) and _triggered("a/b.md", ["**.md"])


def test_ci_builds_pull_requests_strictly() -> None:
    site = next(s for s in _workflow()["jobs"]["build"]["steps"] if s.get("run") == "make site")
    strict = site["env"]["STRICT"]
    assert evaluate(strict, {"github": {"event_name": "pull_request"}}) == "1"
    assert evaluate(strict, {"github": {"event_name": "push"}}) == ""


# --- the workflow run off GitHub --------------------------------------------------------


def _contexts(event: str) -> dict[str, Any]:
    pr = event == "pull_request"
    return {
        "github": {"workflow": "archive", "event_name": event, "sha": "0" * 40,
                   "ref": "refs/pull/7/merge" if pr else "refs/heads/main",
                   "event": {"pull_request": {"number": 7}} if pr else {}},
        "runner": {"os": "Linux"},
        "vars": {},
        "steps": {},
    }


def _venv(project: Path) -> None:
    """setup-python and the Makefile's .venv: the suite's own environment, linked."""
    assert sys.prefix != sys.base_prefix, "the tests run in the project's virtual environment"
    (project / ".venv").symlink_to(Path(sys.prefix))


def _run_job(project: Path, job: dict[str, Any], contexts: dict[str, Any],
             skip_runs: dict[str, str] | None = None) -> list[tuple[str, Any]]:
    """Run ``job``'s steps in order in ``project``: ``run`` steps in bash with their
    environment, actions by what they leave for later steps. Returns (step, outcome)."""
    done: list[tuple[str, Any]] = []
    for step in job["steps"]:
        name = step.get("name") or step.get("uses", "").split("@")[0] or step["run"]
        if "if" in step and not evaluate(step["if"], contexts):
            done.append((name, "skipped (if)"))
            continue
        if "run" in step:
            if step["run"] in (skip_runs or {}):
                done.append((name, f"not run: {skip_runs[step['run']]}"))
                continue
            env = {k: v for k, v in os.environ.items()
                   if not k.startswith(("MAKE", "MFLAGS", "PYTEST", "SITE_URL", "STRICT"))}
            env.update({k: substitute(str(v), contexts) for k, v in step.get("env", {}).items()})
            env["GITHUB_ACTIONS"] = "true"
            out = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c",
                                  step["run"]], cwd=project, env=env, capture_output=True,
                                 text=True)
            done.append((name, out))
            if out.returncode != 0:
                return done
            continue
        action = step["uses"].split("@")[0]
        with_ = {k: substitute(str(v), contexts) for k, v in step.get("with", {}).items()}
        if action == "actions/checkout":
            assert (project / "Makefile").is_file()
        elif action in ("actions/setup-python", "actions/setup-node"):
            if action == "actions/setup-python" and not (project / ".venv").exists():
                _venv(project)
        elif action == "actions/configure-pages":
            pages_on = contexts.get("pages_enabled", True)
            if not pages_on and not evaluate(step.get("continue-on-error", "false"), contexts):
                done.append((name, "failed: Pages is not enabled"))
                return done
            contexts["steps"][step["id"]] = {"outputs": {"base_url": PAGES_URL}
                                             if pages_on else {}}
        elif action == "actions/cache/restore":
            pass  # a first run: nothing cached yet
        elif action == "actions/cache/save":
            for path in with_["path"].split():
                assert (project / path).is_dir(), f"nothing to cache at {path}"
        elif action == "actions/upload-pages-artifact":
            assert (project / with_["path"] / "index.html").is_file()
            contexts["artifact"] = with_["path"]
        elif action == "actions/deploy-pages":
            assert contexts.get("artifact"), "deployed before anything was uploaded"
        else:
            raise AssertionError(f"the test does not know what {action} does: teach it")
        done.append((name, "emulated"))
    return done


@pytest.fixture(scope="module")
def grown_copy(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """A copy of the repository as a fresh clone, with three real articles added to the
    seeds (the seeds, not corpus/: the build must not grow with the archive)."""
    if not SAUDI.is_dir():
        pytest.skip(f"{SAUDI} is not on this machine")
    project = copy_repository(tmp_path_factory.mktemp("workflow") / "archive", corpus=CORPUS)
    return project, add_articles(project, real_articles(3))


def test_a_push_to_main_runs_every_step_and_publishes_the_new_articles(
        grown_copy: tuple[Path, list[str]]) -> None:
    project, ids = grown_copy
    workflow, contexts = _workflow(), _contexts("push")
    steps = []
    for name in ("test", "build", "deploy"):
        job = workflow["jobs"][name]
        assert evaluate(job.get("if", "true"), contexts), name
        # `make test` is this very suite: run here, it would run itself again
        steps += _run_job(project, job, contexts,
                          skip_runs={"make test": "this test suite itself (would recurse)"})
    runs = {name: out for name, out in steps if isinstance(out, subprocess.CompletedProcess)}
    for name, out in runs.items():
        assert out.returncode == 0, f"{name}:\n{out.stdout[-3000:]}\n{out.stderr[-3000:]}"
    assert [n for n, _ in steps if n in runs] == [
        "Build the site (strict on pull requests)",
        "Check the size against the GitHub Pages limit"]
    assert [n for n, outcome in steps if outcome == "emulated"][-2:] == [
        "actions/upload-pages-artifact", "actions/deploy-pages"]
    build_log = runs["Build the site (strict on pull requests)"].stderr
    for line in ("extract: ", "write pages: done in ", "MkDocs: done in ",
                 "search index (Pagefind): done in "):
        assert sum(x.startswith(line) for x in build_log.splitlines()) == 1, line
    assert runs["Check the size against the GitHub Pages limit"].stdout.startswith("site: ")
    site = project / "site"
    for article_id in ids:
        for lang in ("", "en/"):
            html = (site / lang / "articles" / article_id / "index.html").read_text(
                encoding="utf-8")
            assert f'<link rel="canonical" href="{PAGES_URL}/{lang}articles/{article_id}/">' \
                in html


def test_a_pull_request_with_a_bad_article_fails_naming_it(tmp_path: Path) -> None:
    project = copy_repository(tmp_path / "pr", corpus=CORPUS)
    bad = "009_00000000000000ee.txt"
    (project / "corpus" / bad).write_bytes(b"\x00\x01\x02 not an article")
    workflow, contexts = _workflow(), _contexts("pull_request")
    contexts["pages_enabled"] = False  # nor does a pull request need it
    assert not evaluate(workflow["jobs"]["deploy"]["if"], contexts)
    steps = _run_job(project, workflow["jobs"]["build"], contexts)
    name, out = steps[-1]
    assert name == "Build the site (strict on pull requests)"
    assert out.returncode != 0
    assert f"error   {bad}: " in out.stderr and "strict mode" in out.stderr
    assert not (project / "site").exists()


def test_a_push_to_main_needs_pages_switched_on(tmp_path: Path) -> None:
    """On main a missing Pages set-up fails the build job at once (guide/publish.md)."""
    (tmp_path / "Makefile").touch()  # a checkout
    contexts = {**_contexts("push"), "pages_enabled": False}
    steps = _run_job(tmp_path, _workflow()["jobs"]["build"], contexts)
    assert steps[-1] == ("Pages address", "failed: Pages is not enabled")
