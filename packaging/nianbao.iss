; Inno Setup script: the Windows installer of nianbao (政府信息公开年报填报).
;
; Installs the PyInstaller one-folder build (build\dist\nianbao, see nianbao.spec). By default
; for the current user only: no administrator rights, into %LOCALAPPDATA%\Programs\nianbao,
; "open with" under HKCU\Software\Classes. An IT department installs for all users with
; administrator rights, into Program Files, "open with" under HKLM\Software\Classes (for
; machines where AppLocker blocks %LOCALAPPDATA%\Programs):
;
;   nianbao-setup-<version>.exe /ALLUSERS /VERYSILENT /SUPPRESSMSGBOXES /NORESTART
;
; Both add a Start-menu entry, an optional desktop icon, "open with" for .xlsx files (without
; taking over the default .xlsx program) and an uninstaller. Logs and recovery files in
; %LOCALAPPDATA%\nianbao and the settings under HKCU\Software\nianbao are the user's and stay
; after uninstalling. Windows 10 1809 (build 17763) or later: Qt 6 supports nothing older.
;
;   iscc /DAppVersion=0.1.0 packaging\nianbao.iss      (version: packaging/version.py)
;
; Signed (setup and uninstaller), with packaging\sign.ps1 reading the certificate from the
; environment (see README, 签名与白名单):
;
;   iscc /DAppVersion=0.1.0 /DSignTool=nianbao "/Snianbao=powershell -NoProfile -ExecutionPolicy Bypass -File packaging\sign.ps1 $f" packaging\nianbao.iss
;
; The result is build\installer\nianbao-setup-<version>.exe.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef AppVersionNumeric
  #define AppVersionNumeric AppVersion
#endif
#ifndef SourceDir
  #define SourceDir "..\build\dist\nianbao"
#endif
#define AppName "政府信息公开年报填报"
#define AppExe "nianbao.exe"
#define ProgId "Nianbao.Report.1"

[Setup]
AppId={{458ECD82-09DC-46DF-84FE-4EA986728A57}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=nianbao
VersionInfoVersion={#AppVersionNumeric}
VersionInfoDescription={#AppName} 安装程序
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=commandline
DefaultDirName={autopf}\nianbao
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
DisableDirPage=auto
UsePreviousAppDir=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0.17763
OutputDir=..\build\installer
OutputBaseFilename=nianbao-setup-{#AppVersion}
SetupIconFile=..\resources\icons\nianbao.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
WizardStyle=modern
Compression=lzma2/max
SolidCompression=yes
ChangesAssociations=yes
CloseApplications=yes
ShowLanguageDialog=no
#ifdef SignTool
SignTool={#SignTool}
SignedUninstaller=yes
#endif

[Languages]
; Simplified Chinese ships with recent Inno Setup; older ones fall back to English pages
; (the app's own names below are Chinese either way).
#if FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
Name: "chs"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#else
Name: "chs"; MessagesFile: "compiler:Default.isl"
#endif

[Tasks]
Name: "desktopicon"; Description: "在桌面创建快捷方式"; Flags: unchecked

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; a new version replaces the old program files completely (no stale Qt plugins or modules)
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "填报、审核、打印政府信息公开工作年度报告"
Name: "{autoprograms}\{#AppName}（示例年报）"; Filename: "{app}\{#AppExe}"; Parameters: "--demo"; Comment: "打开示例年报（平川区2018年）"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; The file type offered in "open with" for .xlsx; the default program for .xlsx stays as it is.
; HKA is HKCU\Software\Classes for a per-user install, HKLM\Software\Classes for /ALLUSERS.
; OpenWithProgids needs a value (an empty string, as Inno's wizard writes): "none" made the
; key but no value, so Windows never offered the program.
Root: HKA; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "政府信息公开年报（xlsx）"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: "FriendlyTypeName"; ValueData: "政府信息公开年报（xlsx）"
Root: HKA; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"",0"
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "{#AppName}"
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
Root: HKA; Subkey: "Software\Classes\.xlsx\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue
; The program itself, so that "open with > choose another app" lists it by name.
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "{#AppName}"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".xlsx"; ValueData: ""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"",0"
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""

[Run]
Filename: "{app}\{#AppExe}"; Parameters: "--demo"; Description: "打开示例年报看一看"; Flags: nowait postinstall skipifsilent unchecked
Filename: "{app}\{#AppExe}"; Description: "启动{#AppName}"; Flags: nowait postinstall skipifsilent
