"""The Inno Setup script, parsed: what it writes to the registry, where, for whom, on what.

Inno Setup cannot run here, so the script's sections and entries are parsed as Inno reads
them (``Name: value; Name: "quoted"`` entries, ``Directive=value`` in [Setup]) and the
entries asserted: an "open with" value that exists, Windows 10 1809 or later, a per-user
default with an all-users install for IT, a signed uninstaller when signing.
"""

from __future__ import annotations

import re
from pathlib import Path

ISS_PATH = Path(__file__).resolve().parents[2] / "packaging" / "nianbao.iss"
ISS = ISS_PATH.read_text(encoding="utf-8-sig")


def split_entry(line: str) -> dict[str, str]:
    """An entry's parameters (``Name: value`` parts split at ``;`` outside quotes), unquoted."""
    params: dict[str, str] = {}
    for part in re.findall(r'(?:[^;"]|"(?:[^"]|"")*")+', line):
        name, _, value = part.strip().partition(":")
        value = value.strip()
        if value.startswith('"') and value.endswith('"'):
            value = value[1:-1].replace('""', '"')
        params[name.strip()] = value
    return params


def sections(text: str) -> dict[str, list[str]]:
    """Each [Section]'s lines, without comments, blank lines or preprocessor lines."""
    found: dict[str, list[str]] = {}
    current = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith((";", "#")):
            continue
        header = re.fullmatch(r"\[(\w+)\]", line)
        if header:
            current = header.group(1)
            found.setdefault(current, [])
        else:
            found.setdefault(current, []).append(line)
    return found


SECTIONS = sections(ISS)
SETUP = dict(line.split("=", 1) for line in SECTIONS["Setup"])
REGISTRY = [split_entry(line) for line in SECTIONS["Registry"]]


def test_the_parser_reads_quotes_and_semicolons() -> None:
    entry = split_entry('Root: HKA; Subkey: "a;b"; ValueData: """{app}\\x.exe"" ""%1"""')
    assert entry == {"Root": "HKA", "Subkey": "a;b", "ValueData": '"{app}\\x.exe" "%1"'}
    assert split_entry('ValueType: string; ValueData: ""')["ValueData"] == ""


def test_open_with_writes_a_value_not_only_a_key() -> None:
    key = "Software\\Classes\\.xlsx\\OpenWithProgids"
    [open_with] = [entry for entry in REGISTRY if entry["Subkey"] == key]
    assert open_with == {
        "Root": "HKA",
        "Subkey": key,
        "ValueType": "string",
        "ValueName": "{#ProgId}",
        "ValueData": "",
        "Flags": "uninsdeletevalue",
    }
    assert all(entry["ValueType"] != "none" for entry in REGISTRY)


def test_every_registry_entry_is_a_file_class_in_the_install_mode_root() -> None:
    assert len(REGISTRY) == 10
    assert {entry["Root"] for entry in REGISTRY} == {"HKA"}  # HKCU per user, HKLM for all
    assert all(entry["Subkey"].startswith("Software\\Classes\\") for entry in REGISTRY)
    xlsx = [e for e in REGISTRY if e["Subkey"].startswith("Software\\Classes\\.xlsx")]
    assert len(xlsx) == 1  # the default program for .xlsx is never taken over
    commands = [e for e in REGISTRY if e["Subkey"].endswith("\\shell\\open\\command")]
    assert [e["ValueData"] for e in commands] == ['"{app}\\{#AppExe}" "%1"'] * 2
    removed = {e["Subkey"] for e in REGISTRY if "uninsdeletekey" in e.get("Flags", "")}
    assert removed == {
        "Software\\Classes\\{#ProgId}",
        "Software\\Classes\\Applications\\{#AppExe}",
    }


def test_windows_10_1809_or_later() -> None:
    assert SETUP["MinVersion"] == "10.0.17763"


def test_per_user_by_default_all_users_for_it_from_the_command_line() -> None:
    assert SETUP["PrivilegesRequired"] == "lowest"
    assert SETUP["PrivilegesRequiredOverridesAllowed"] == "commandline"  # /ALLUSERS
    assert SETUP["DefaultDirName"] == "{autopf}\\nianbao"
    icons = [split_entry(line)["Name"] for line in SECTIONS["Icons"]]
    assert all(name.startswith(("{autoprograms}", "{autodesktop}")) for name in icons)
    assert not re.search(r"\{(userpf|commonpf|userprograms|commonprograms)\}", ISS)


def test_the_uninstaller_is_signed_when_the_setup_is() -> None:
    block = re.search(r"^#ifdef SignTool\r?\n(.*?)^#endif", ISS, re.MULTILINE | re.DOTALL)
    assert block is not None
    assert block.group(1).split() == ["SignTool={#SignTool}", "SignedUninstaller=yes"]
    assert ISS.count("SignedUninstaller") == 1 and "SignTool=" not in SETUP
