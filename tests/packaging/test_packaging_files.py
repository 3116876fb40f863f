"""The packaging files agree with the project: version, names, paths (the installer's
registry entries and privileges: test_installer_script.py)."""

from __future__ import annotations

import re
from pathlib import Path

from packaging_scripts import load_script

from desktop.identity import APP_ICON_ICO, APP_NAME
from forms.version import APP_VERSION

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"


version_script = load_script("version")
ISS = (PACKAGING / "nianbao.iss").read_text(encoding="utf-8-sig")
SPEC = (PACKAGING / "nianbao.spec").read_text(encoding="utf-8")
WORKFLOW = (ROOT / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8")


def _iss_value(key: str) -> str:
    match = re.search(rf"^{key}=(.*)$", ISS, re.MULTILINE)
    assert match, f"{key} missing from nianbao.iss"
    return match.group(1).strip()


def test_the_installer_version_is_the_package_version() -> None:
    """pyproject.toml, the installed metadata and the constant the app shows are one version."""
    from importlib.metadata import version

    assert version_script.project_version() == APP_VERSION == version("nianbao")


def test_the_numeric_version_has_three_parts() -> None:
    assert version_script.numeric("1.2.3rc1") == "1.2.3"
    assert version_script.numeric("2.0") == "2.0.0"
    assert version_script.numeric("0.1.0+local.7") == "0.1.0"
    assert version_script.numeric("2.3rc1") == "2.3.0"


def test_the_installer_names_and_files_exist() -> None:
    assert f'#define AppName "{APP_NAME}"' in ISS
    icon = _iss_value("SetupIconFile").replace("\\", "/")
    assert (PACKAGING / icon).resolve() == APP_ICON_ICO.resolve()
    assert '#define AppExe "nianbao.exe"' in ISS
    assert 'executable("nianbao", ' in SPEC


def test_the_spec_bundles_the_files_the_core_reads() -> None:
    assert sorted((ROOT / "forms" / "definitions").glob("*.toml"))
    for source, destination in [
        ('"forms" / "definitions" / "*.toml"', '"forms/definitions"'),
        ('"resources" / "demo"', '"resources/demo"'),
        ('"resources" / "icons"', '"resources/icons"'),
    ]:
        assert f"{source}), {destination})" in SPEC
    assert (ROOT / "resources" / "demo" / "pingchuan-2018.toml").is_file()


def test_the_workflow_runs_the_readme_test_command_on_both_systems() -> None:
    assert "os: [ubuntu-latest, windows-latest]" in WORKFLOW
    assert "run: uv run --locked pytest" in WORKFLOW
    assert "bash packaging/smoke_linux.sh" in WORKFLOW
    assert "packaging\\nianbao.iss" in WORKFLOW and "packaging/nianbao.spec" in WORKFLOW
    assert "startsWith(github.ref, 'refs/tags/v')" in WORKFLOW


def _job(name: str) -> str:
    """One job's text of the workflow (from its key to the next job's)."""
    start = WORKFLOW.index(f"\n  {name}:\n")
    following = re.search(r"\n  [\w-]+:\n", WORKFLOW[start + 1 :])
    return WORKFLOW[start : start + 1 + following.start()] if following else WORKFLOW[start:]


def test_the_windows_job_runs_what_users_run_on_every_push() -> None:
    job = _job("windows-build")
    assert 'branches: ["**"]' in WORKFLOW  # every push, not only main or tags
    assert "\n    if:" not in job  # the job itself is never skipped
    setting = re.compile(r"^\s+PYTHONUTF8:", re.MULTILINE)  # set as an env variable
    assert not setting.search(job) and not setting.search(WORKFLOW[: WORKFLOW.index("jobs:")])
    assert setting.search(_job("test"))  # only the test suite's own output has it
    for step in (
        "pyinstaller packaging/nianbao.spec",
        '"build\\dist\\nianbao\\nianbao.exe" -ArgumentList "--demo"',
        'NIANBAO_SMOKE_QUIT: "1"',
        "“Cancel”→“取消”",
        '"/VERYSILENT", "/SUPPRESSMSGBOXES", "/NORESTART", "/CURRENTUSER"',
        '"/ALLUSERS", "/VERYSILENT"',
        '"$app\\unins000.exe" -ArgumentList "/VERYSILENT"',
        "HKCU:\\Software\\Classes\\.xlsx\\OpenWithProgids",
        "HKCU:\\Software\\nianbao\\nianbao",
        "/DSignTool=nianbao",
        "Get-AuthenticodeSignature",
        "SHA256SUMS.txt",
    ):
        assert step in job, step
    assert "if: env.SIGN_PFX_BASE64 != ''" in job  # signing only with the secrets
