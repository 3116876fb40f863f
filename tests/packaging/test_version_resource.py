"""The exe's version resource: generated from pyproject's version, read back as Windows would.

PyInstaller embeds the version file named in ``EXE(version=…)``; its reader needs Windows, so
here the generated file is parsed (only calls and literals allowed) and evaluated with
recording stand-ins for PyInstaller's classes, which keeps every argument as given.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import Any

import pytest
from packaging_scripts import load_script

from desktop.identity import APP_NAME
from forms.version import APP_VERSION

ROOT = Path(__file__).resolve().parents[2]
SPEC = (ROOT / "packaging" / "nianbao.spec").read_text(encoding="utf-8")
PYINSTALLER_CLASSES = (
    "VSVersionInfo",
    "FixedFileInfo",
    "StringFileInfo",
    "StringTable",
    "StringStruct",
    "VarFileInfo",
    "VarStruct",
)


def _version_script() -> Any:
    return load_script("version")


def read_back(path: Path) -> dict[str, Any]:
    """The version file as nested ``{"class": name, "args": [...], **keywords}``."""
    text = path.read_text(encoding="utf-8")
    tree = ast.parse(text, mode="eval")
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            assert isinstance(node.func, ast.Name) and node.func.id in PYINSTALLER_CLASSES
        elif isinstance(node, ast.Name):
            assert node.id in PYINSTALLER_CLASSES
        else:
            allowed = (ast.Expression, ast.Constant, ast.Tuple, ast.List, ast.keyword, ast.Load)
            assert isinstance(node, allowed), ast.dump(node)

    def recorder(name: str) -> Any:
        return lambda *args, **keywords: {"class": name, "args": list(args), **keywords}

    names = {name: recorder(name) for name in PYINSTALLER_CLASSES}
    result: dict[str, Any] = eval(compile(tree, str(path), "eval"), {"__builtins__": {}}, names)
    return result


@pytest.mark.parametrize(
    ("exe", "description"),
    [("nianbao.exe", APP_NAME), ("nianbao-cli.exe", f"{APP_NAME}（命令行）")],
)
def test_the_version_resource_says_what_and_which_version(
    tmp_path: Path, exe: str, description: str
) -> None:
    version_script = _version_script()
    path = version_script.write_version_file(exe, tmp_path / "build" / f"{exe}.txt")
    resource = read_back(path)

    assert resource["class"] == "VSVersionInfo"
    fixed = resource["ffi"]
    major, minor, patch = (int(part) for part in version_script.numeric(APP_VERSION).split("."))
    assert fixed["filevers"] == fixed["prodvers"] == (major, minor, patch, 0)
    assert (fixed["fileType"], fixed["OS"]) == (0x1, 0x40004)  # an application, for Win32
    string_info, var_info = resource["kids"]
    [table] = string_info["args"][0]
    language, strings = table["args"]
    assert language == "080404b0"  # Chinese (PRC), Unicode
    assert dict(s["args"] for s in strings) == {
        "CompanyName": "nianbao",
        "FileDescription": description,
        "FileVersion": APP_VERSION,
        "InternalName": exe.removesuffix(".exe"),
        "LegalCopyright": "MIT 许可",
        "OriginalFilename": exe,
        "ProductName": APP_NAME,
        "ProductVersion": APP_VERSION,
    }
    assert var_info["args"][0][0]["args"] == ["Translation", [0x0804, 1200]]
    assert path.read_text(encoding="utf-8").startswith("# UTF-8\n")


def test_a_suffixed_version_keeps_its_text_and_numbers_its_resource(tmp_path: Path) -> None:
    version_script = _version_script()
    path = version_script.write_version_file("nianbao.exe", tmp_path / "v.txt", "2.3rc1")
    resource = read_back(path)
    assert resource["ffi"]["filevers"] == (2, 3, 0, 0)
    strings = dict(s["args"] for s in resource["kids"][0]["args"][0][0]["args"][1])
    assert strings["FileVersion"] == strings["ProductVersion"] == "2.3rc1"


def test_the_spec_embeds_it_in_both_windows_programs() -> None:
    assert "version=version_file(name)," in SPEC
    assert 'version_script.write_version_file(f"{name}.exe", target)' in SPEC
    programs = re.findall(r'executable\("([\w-]+)"', SPEC)
    assert {f"{name}.exe" for name in programs} == set(_version_script().DESCRIPTIONS)
