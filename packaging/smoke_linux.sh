#!/usr/bin/env bash
# Build the Linux one-folder app with PyInstaller, then check that the frozen program works on
# its own: it fits the size budget, holds the data files where the code looks for them, and,
# run with an empty environment and a fresh home folder,
#   nianbao demo -o demo.xlsx       writes the demo report (checked with `nianbao check`)
#   nianbao pdf demo.xlsx -o x.pdf  writes a PDF (read back with pdftotext and pdffonts)
#   nianbao --demo                  shows the window offscreen and quits (NIANBAO_SMOKE_QUIT=1)
# Exits non-zero on the first failure. Prints build time, bundle size and start-up times.
#
#   bash packaging/smoke_linux.sh            # build, then check
#   NIANBAO_SKIP_BUILD=1 bash packaging/...  # check the existing build/dist/nianbao
set -euo pipefail
cd "$(dirname "$0")/.."

BUDGET_MB="${NIANBAO_BUNDLE_BUDGET_MB:-120}"  # the target: over it, a warning
LIMIT_MB="${NIANBAO_BUNDLE_LIMIT_MB:-140}"    # over this, a failure
DIST=build/dist/nianbao
APP="$PWD/$DIST/nianbao"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

fail() {
  echo "SMOKE FAILED: $*" >&2
  exit 1
}
now() { date +%s.%N; }
seconds_since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }

# The frozen program, run as on a user's machine: nothing from this shell, no Python.
frozen() {
  env -i PATH=/usr/bin:/bin HOME="$WORK/home" LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen \
    ${SMOKE_QUIT:+NIANBAO_SMOKE_QUIT=1} timeout 120 "$APP" "$@"
}

build() {
  local start
  start="$(now)"
  rm -rf "$DIST"
  uv run --locked --group build pyinstaller packaging/nianbao.spec --noconfirm \
    --distpath build/dist --workpath build/work --log-level ERROR
  echo "build: $(seconds_since "$start") s"
}

check_bundle() {
  [ -x "$APP" ] || fail "no program at $APP"
  local size_mb
  size_mb="$(du -sm "$DIST" | cut -f1)"
  echo "bundle: ${size_mb} MB unpacked ($(find "$DIST" -type f | wc -l) files), budget ${BUDGET_MB} MB"
  [ "$size_mb" -le "$LIMIT_MB" ] || fail "bundle is ${size_mb} MB, over the ${LIMIT_MB} MB limit"
  if [ "$size_mb" -gt "$BUDGET_MB" ]; then
    echo "WARNING: bundle over the ${BUDGET_MB} MB budget; largest parts:" >&2
    du -sm "$DIST"/_internal/* | sort -rn | head -8 >&2
  fi
  local internal="$DIST/_internal"
  for wanted in forms/definitions/gov-info-2018.toml resources/demo/pingchuan-2018.toml \
    forms/definitions/gov-info-2021.toml resources/demo/qinghe-2025.toml \
    resources/icons/nianbao.png PySide6/Qt/translations/qtbase_zh_CN.qm \
    PySide6/Qt/plugins/platforms/libqxcb.so PySide6/Qt/plugins/platforms/libqoffscreen.so \
    PySide6/Qt/plugins/printsupport/libcupsprintersupport.so; do
    [ -e "$internal/$wanted" ] || fail "the bundle lacks $wanted"
  done
  for unwanted in PySide6/Qt/lib/libQt6Qml.so.6 PySide6/Qt/lib/libQt6Quick.so.6 \
    PySide6/Qt/lib/libQt6Network.so.6 PySide6/Qt/translations/qtbase_de.qm mypy libcrypto.so.3; do
    [ ! -e "$internal/$unwanted" ] || fail "the bundle holds $unwanted, which the app does not use"
  done
  local expected shipped
  expected="$(uv run --no-project python packaging/version.py)"
  shipped="$(sed -n 's/^Version: //p' "$internal"/nianbao-*.dist-info/METADATA)"
  [ "$shipped" = "$expected" ] || fail "the bundle says version '$shipped', pyproject '$expected'"
}

check_cli() {
  mkdir -p "$WORK/home"
  frozen demo -o "$WORK/demo.xlsx" || fail "nianbao demo exited $?"
  [ -s "$WORK/demo.xlsx" ] || fail "nianbao demo wrote no xlsx"
  local status=0
  frozen check "$WORK/demo.xlsx" >"$WORK/check.txt" || status=$?
  [ "$status" -le 1 ] || fail "nianbao check found errors in the demo: $(cat "$WORK/check.txt")"
  frozen pdf "$WORK/demo.xlsx" -o "$WORK/demo.pdf" || fail "nianbao pdf exited $?"
  pdftotext "$WORK/demo.pdf" "$WORK/demo.txt" || fail "pdftotext cannot read the PDF"
  grep -q "平川区" "$WORK/demo.txt" || fail "the PDF does not name 平川区"
  grep -q "政府信息公开" "$WORK/demo.txt" || fail "the PDF lacks its title"
  if pdffonts "$WORK/demo.pdf" | tail -n +3 | awk '{ print $(NF-4) }' | grep -qx no; then
    fail "the PDF has a font that is not embedded: $(pdffonts "$WORK/demo.pdf")"
  fi
  frozen export-csv "$WORK/demo.xlsx" -o "$WORK/demo.csv" >/dev/null || fail "export-csv exited $?"
  grep -q "^proactive.total,12457," "$WORK/demo.csv" || fail "the CSV lacks the demo's figures"
  status=0
  frozen import "$WORK/demo.xlsx" -o "$WORK/imported.xlsx" >/dev/null || status=$?
  [ "$status" -le 1 ] && [ -s "$WORK/imported.xlsx" ] || fail "nianbao import exited $status"
  frozen --help >/dev/null || fail "nianbao --help exited $?"
  frozen demo --form gov-info-2021 -o "$WORK/demo2021.xlsx" >/dev/null || fail "demo --form gov-info-2021 exited $?"
  frozen check "$WORK/demo2021.xlsx" >"$WORK/check2021.txt" || fail "the 2021 demo does not pass: $(cat "$WORK/check2021.txt")"
  frozen pdf "$WORK/demo2021.xlsx" -o "$WORK/demo2021.pdf" >/dev/null || fail "nianbao pdf of the 2021 demo exited $?"
  pdftotext "$WORK/demo2021.pdf" "$WORK/demo2021.txt" || fail "pdftotext cannot read the 2021 PDF"
  grep -q "青禾县自然资源局" "$WORK/demo2021.txt" || fail "the 2021 PDF does not name its unit"
  echo "cli: demo (2018, 2021), check, pdf, export-csv, import ok ($(pdfinfo "$WORK/demo.pdf" | sed -n 's/^Pages: *//p') pages)"
}

check_gui() {
  local start first second
  start="$(now)"
  SMOKE_QUIT=1 frozen --demo >"$WORK/gui.txt" 2>&1 || fail "nianbao --demo exited $?: $(cat "$WORK/gui.txt")"
  first="$(seconds_since "$start")"
  start="$(now)"
  SMOKE_QUIT=1 frozen --demo >/dev/null 2>&1 || fail "the second nianbao --demo failed"
  second="$(seconds_since "$start")"
  if grep -qiE "traceback|error|critical" "$WORK/gui.txt"; then
    fail "nianbao --demo reported: $(cat "$WORK/gui.txt")"
  fi
  local log="$WORK/home/.local/share/nianbao/nianbao.log"
  grep -q "nianbao $(uv run --no-project python packaging/version.py) 启动" "$log" \
    || fail "the log $log does not record the start-up"
  # Qt's Chinese loaded from the bundle, not only shipped: the translated text of a standard
  # button, and the folder it came from (the app's own _internal, not a system Qt)
  local translations
  translations="$(grep -o 'Qt 中文翻译.*' "$log" | tail -1)"
  case "$translations" in
    *"$PWD/$DIST/_internal/"*"“Cancel”→“取消”") echo "gui: $translations" ;;
    *) fail "Qt's Chinese translations did not load from the bundle: '$translations'" ;;
  esac
  echo "gui: window shown and closed; start to quit ${first} s (first), ${second} s (second)"
}

if [ -z "${NIANBAO_SKIP_BUILD:-}" ]; then
  build
fi
check_bundle
check_cli
check_gui
echo "smoke: ok"
