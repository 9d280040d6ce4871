"""The .github/ files and the pre-commit configuration say what the contributor guide promises."""

from __future__ import annotations

from pathlib import Path

import yaml

from kb_build.model.entries import PAGE_COLLECTIONS


def load(root: Path, rel: str) -> dict:
    return yaml.safe_load((root / rel).read_text("utf-8"))


def test_pr_workflow_runs_make_test(root: Path) -> None:
    wf = load(root, ".github/workflows/pr.yml")
    assert "pull_request" in wf[True]  # YAML 1.1 reads the key `on` as True
    runs = " ".join(step.get("run", "") for step in wf["jobs"]["test"]["steps"])
    assert "make test" in runs
    assert "--format github" in runs


def test_pages_workflow_deploys_site_on_main(root: Path) -> None:
    wf = load(root, ".github/workflows/pages.yml")
    assert wf[True]["push"]["branches"] == ["main"]
    assert wf["permissions"]["pages"] == "write" and wf["permissions"]["id-token"] == "write"
    build = wf["jobs"]["build"]["steps"]
    upload = next(s for s in build if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload["with"]["path"] == "site"
    assert any("make build" in s.get("run", "") for s in build)
    assert any(s.get("uses", "").startswith("actions/deploy-pages@") for s in wf["jobs"]["deploy"]["steps"])


def test_issue_forms(root: Path) -> None:
    report = load(root, ".github/ISSUE_TEMPLATE/incorrect-information.yml")
    required = {b["id"] for b in report["body"] if b.get("validations", {}).get("required")}
    assert {"page", "wrong", "source"} <= required
    warning = load(root, ".github/ISSUE_TEMPLATE/propose-warning.yml")
    assert {b.get("id") for b in warning["body"]} >= {"niche", "rights", "enforcement", "sources"}
    assert (root / ".github/pull_request_template.md").read_text("utf-8").count("- [ ]") >= 5


def test_codeowners_cover_every_collection(root: Path) -> None:
    text = (root / ".github/CODEOWNERS").read_text("utf-8")
    for collection in PAGE_COLLECTIONS:
        assert f"/data/{collection}/ " in text


def test_pre_commit_hooks(root: Path) -> None:
    config = load(root, ".pre-commit-config.yaml")
    entries = {h["id"]: h["entry"] for repo in config["repos"] for h in repo["hooks"]}
    assert "ruff check" in entries["ruff"]
    assert entries["kb-check"].endswith("-m kb_build check")
    assert entries["kb-schema-fresh"].endswith("-m kb_build schema --check")
