# Authenticode signing with the certificate the environment names; nothing else is signed here.
# The CI workflow calls it for nianbao.exe and nianbao-cli.exe before the installer is built,
# and Inno Setup calls it (SignTool=nianbao, see nianbao.iss) for the setup and uninstaller.
#
#   NIANBAO_SIGN_PFX        path of the code-signing certificate (.pfx)    (required)
#   NIANBAO_SIGN_PASSWORD   its password                                   (optional)
#   NIANBAO_SIGN_TIMESTAMP  RFC 3161 time-stamp server (default http://timestamp.digicert.com)
#
#   powershell -NoProfile -ExecutionPolicy Bypass -File packaging\sign.ps1 a.exe b.exe
param([Parameter(Mandatory = $true, ValueFromRemainingArguments = $true)][string[]]$Files)
$ErrorActionPreference = "Stop"
if (-not $env:NIANBAO_SIGN_PFX) { throw "NIANBAO_SIGN_PFX is not set: nothing to sign with" }
$timestamp = $env:NIANBAO_SIGN_TIMESTAMP
if (-not $timestamp) { $timestamp = "http://timestamp.digicert.com" }
$signtool = (Get-Command signtool.exe -ErrorAction SilentlyContinue).Source
if (-not $signtool) {
  $signtool = Get-ChildItem "${env:ProgramFiles(x86)}\Windows Kits\10\bin\*\x64\signtool.exe" |
    Sort-Object FullName -Descending | Select-Object -First 1 -ExpandProperty FullName
}
if (-not $signtool) { throw "signtool.exe not found (Windows SDK)" }
$arguments = @("sign", "/fd", "sha256", "/td", "sha256", "/tr", $timestamp, "/f", $env:NIANBAO_SIGN_PFX)
if ($env:NIANBAO_SIGN_PASSWORD) { $arguments += @("/p", $env:NIANBAO_SIGN_PASSWORD) }
& $signtool @arguments @Files
if ($LASTEXITCODE) { throw "signtool sign failed ($LASTEXITCODE)" }
& $signtool verify /pa @Files
if ($LASTEXITCODE) { throw "signtool verify failed ($LASTEXITCODE)" }
