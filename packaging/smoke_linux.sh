#!/usr/bin/env bash
# Build the Linux one-folder app with PyInstaller, then check that the frozen program works on
# its own and that nothing it needs was left out of the bundle: it fits the 100 MB budget,
# holds the data files where the code looks for them, and, run with an empty environment and
# a fresh home folder, each feature gives the right content, not only an exit code 0:
#   demo, check        the 2018 and 2021 demos written and passing
#   pdf                read back with pdftotext; every font embedded (CJK TrueType subsets)
#   xlsx               the saved file read back by the frozen program and by LibreOffice
#   docx, html         the unit and a figure in the Word file's XML and in the web page
#   import             the Word file, web page and PDF imported back give the same 200 figures
#   consolidate        24 files (so a process pool reads them) add up to the demo's figures
#   export-csv, import the figures out and in
#   the window         --demo shown offscreen and quit (NIANBAO_SMOKE_QUIT=1), Qt's Chinese
#                      loaded from the bundle (“Cancel”→“取消”); then packaging/smoke_session.py
#                      run inside the frozen program (NIANBAO_SMOKE_SCRIPT) saves xlsx, exports
#                      PDF, Word and web page from the window, opens the print preview, prints
#                      through Qt, draws the SVG icons, sorts Chinese by pinyin and opens the
#                      GB18030/GBK codecs (the ICU data kept), each checked below
# Exits non-zero on the first failure. Prints build time, bundle size and start-up times.
#
#   bash packaging/smoke_linux.sh            # build, then check
#   NIANBAO_SKIP_BUILD=1 bash packaging/...  # check the existing build/dist/nianbao
set -euo pipefail
cd "$(dirname "$0")/.."

BUDGET_MB="${NIANBAO_BUNDLE_BUDGET_MB:-100}"  # unpacked (du -sm); over it, a failure
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
    ${SMOKE_QUIT:+NIANBAO_SMOKE_QUIT=1} ${SMOKE_SCRIPT:+NIANBAO_SMOKE_SCRIPT=$SMOKE_SCRIPT} \
    timeout 120 "$APP" "$@"
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
  echo "bundle: ${size_mb} MB unpacked ($(find "$DIST" -type f | wc -l) files), budget ${BUDGET_MB} MB; largest files:"
  find "$DIST" -type f -size +1M -printf '%s %P\n' | sort -rn | head -12 \
    | awk '{ printf "  %5.1f MB  %s\n", $1 / 1048576, $2 }'
  [ "$size_mb" -le "$BUDGET_MB" ] || fail "bundle is ${size_mb} MB, over the ${BUDGET_MB} MB budget"
  local internal="$DIST/_internal"
  for wanted in forms/definitions/gov-info-2018.toml resources/demo/pingchuan-2018.toml \
    forms/definitions/gov-info-2021.toml resources/demo/qinghe-2025.toml \
    resources/icons/nianbao.png PySide6/Qt/translations/qtbase_zh_CN.qm \
    PySide6/Qt/plugins/platforms/libqxcb.so PySide6/Qt/plugins/platforms/libqoffscreen.so \
    PySide6/Qt/plugins/printsupport/libcupsprintersupport.so \
    PySide6/Qt/plugins/iconengines/libqsvgicon.so PySide6/Qt/plugins/imageformats/libqsvg.so \
    docx/templates/default.docx docx/templates/default-footer.xml docx/parts; do
    [ -e "$internal/$wanted" ] || fail "the bundle lacks $wanted"
  done
  for unwanted in PySide6/Qt/lib/libQt6Qml.so.6 PySide6/Qt/lib/libQt6Quick.so.6 \
    PySide6/Qt/lib/libQt6Network.so.6 PySide6/Qt/translations/qtbase_de.qm mypy libcrypto.so.3 \
    lxml/objectify.cpython-311-x86_64-linux-gnu.so lxml/isoschematron \
    docx/templates/default-docx-template; do
    [ ! -e "$internal/$unwanted" ] || fail "the bundle holds $unwanted, which the app does not use"
  done
  local icu_kb
  icu_kb="$(du -k "$internal/PySide6/Qt/lib/libicudata.so.73" | cut -f1)"
  [ "$icu_kb" -lt 5000 ] || fail "ICU's data is ${icu_kb} kB: not the cut of packaging/icu_data.py"
  local expected shipped
  expected="$(uv run --no-project python packaging/version.py)"
  shipped="$(sed -n 's/^Version: //p' "$internal"/nianbao-*.dist-info/METADATA)"
  [ "$shipped" = "$expected" ] || fail "the bundle says version '$shipped', pyproject '$expected'"
}

# The figures of an xlsx as "id,value" lines, read by the frozen program.
figures() {
  frozen export-csv "$1" -o "$1.csv" >/dev/null || fail "export-csv of $1 exited $?"
  cut -d, -f1,2 "$1.csv"
}

# A PDF holds these words and embeds every font it uses (at least one).
check_pdf() {
  local pdf="$1" text
  shift
  text="$(pdftotext "$pdf" -)" || fail "pdftotext cannot read $pdf"
  for word in "$@"; do
    grep -q "$word" <<<"$text" || fail "$pdf does not say $word"
  done
  local fonts
  fonts="$(pdffonts "$pdf" | tail -n +3)"
  [ -n "$fonts" ] || fail "$pdf uses no font"
  if awk '{ print $(NF-4) }' <<<"$fonts" | grep -qx no; then
    fail "$pdf has a font that is not embedded: $(pdffonts "$pdf")"
  fi
}

# The text of a Word file's body.
docx_text() {
  uv run --no-project python -c 'import re, sys, zipfile
print(re.sub("<[^>]*>", "", zipfile.ZipFile(sys.argv[1]).read("word/document.xml").decode()))' "$1"
}

# An xlsx opened by LibreOffice (when installed, as in CI): its first sheet as CSV holds $2.
check_in_libreoffice() {
  command -v soffice >/dev/null || { echo "  (no soffice: $1 not opened in LibreOffice)"; return; }
  local out="$WORK/lo"
  mkdir -p "$out"
  env HOME="$WORK/lo-home" timeout 120 soffice --headless --convert-to csv:"Text - txt - csv (StarCalc)":44,34,76 \
    --outdir "$out" "$1" >/dev/null 2>&1 || fail "LibreOffice cannot open $1"
  local csv
  csv="$out/$(basename "${1%.xlsx}").csv"
  grep -q "$2" "$csv" || fail "LibreOffice's reading of $1 lacks $2"
}

check_cli() {
  mkdir -p "$WORK/home"
  frozen demo -o "$WORK/demo.xlsx" >/dev/null || fail "nianbao demo exited $?"
  [ -s "$WORK/demo.xlsx" ] || fail "nianbao demo wrote no xlsx"
  local status=0
  frozen check "$WORK/demo.xlsx" >"$WORK/check.txt" || status=$?
  [ "$status" -le 1 ] || fail "nianbao check found errors in the demo: $(cat "$WORK/check.txt")"
  frozen pdf "$WORK/demo.xlsx" -o "$WORK/demo.pdf" >/dev/null || fail "nianbao pdf exited $?"
  check_pdf "$WORK/demo.pdf" 平川区 政府信息公开
  figures "$WORK/demo.xlsx" | grep -q "^proactive.total,12457$" || fail "the CSV lacks the demo's figures"
  status=0
  frozen import "$WORK/demo.xlsx" -o "$WORK/imported.xlsx" >/dev/null || status=$?
  [ "$status" -le 1 ] && [ -s "$WORK/imported.xlsx" ] || fail "nianbao import exited $status"
  frozen --help >/dev/null || fail "nianbao --help exited $?"

  local d21="$WORK/demo2021.xlsx" unit="青禾县自然资源局"
  frozen demo --form gov-info-2021 -o "$d21" >/dev/null || fail "demo --form gov-info-2021 exited $?"
  frozen check "$d21" >"$WORK/check2021.txt" || fail "the 2021 demo does not pass: $(cat "$WORK/check2021.txt")"
  grep -q "错误 0" "$WORK/check2021.txt" || fail "check does not count the 2021 demo's errors: $(cat "$WORK/check2021.txt")"
  figures "$d21" >"$WORK/figures2021.txt"
  [ "$(wc -l <"$WORK/figures2021.txt")" -eq 201 ] || fail "the 2021 demo has not 200 figures"
  grep -q "^proactive.licensing.permits,236$" "$WORK/figures2021.txt" || fail "the 2021 figures are wrong"
  check_in_libreoffice "$d21" "行政规范性文件,3,1,18"  # table 一's row: issued, repealed, in force
  frozen pdf "$d21" -o "$WORK/demo2021.pdf" >/dev/null || fail "nianbao pdf of the 2021 demo exited $?"
  check_pdf "$WORK/demo2021.pdf" "$unit" 行政许可
  frozen docx "$d21" -o "$WORK/demo2021.docx" >/dev/null || fail "nianbao docx exited $?"
  docx_text "$WORK/demo2021.docx" | grep -q "$unit" || fail "the Word file does not name $unit"
  docx_text "$WORK/demo2021.docx" | grep -q "行政许可" || fail "the Word file lacks its tables"
  frozen html "$d21" -o "$WORK/demo2021.html" >/dev/null || fail "nianbao html exited $?"
  grep -q "$unit" "$WORK/demo2021.html" && grep -q ">236<" "$WORK/demo2021.html" \
    || fail "the web page lacks the unit or the figure 236"
  local source
  for source in docx html pdf; do  # each written above, read back by the import's readers
    frozen import "$WORK/demo2021.$source" --year 2025 -o "$WORK/from-$source.xlsx" >/dev/null \
      || fail "nianbao import of the $source exited $?"
    figures "$WORK/from-$source.xlsx" | cmp -s - "$WORK/figures2021.txt" \
      || fail "the figures imported from the $source differ from the demo's"
  done
  mkdir -p "$WORK/units"
  for n in $(seq 1 24); do cp "$d21" "$WORK/units/unit$n.xlsx"; done
  status=0  # 1: the consolidated report's text and signatures are still to fill in
  frozen consolidate "$WORK/units" --unit 汇总 -o "$WORK/consolidated.xlsx" >"$WORK/consolidate.txt" \
    || status=$?
  [ "$status" -le 1 ] || fail "nianbao consolidate exited $status: $(cat "$WORK/consolidate.txt")"
  grep -q "计入1个单位，共读24个文件" "$WORK/consolidate.txt" \
    || fail "consolidate did not read the 24 files: $(head -3 "$WORK/consolidate.txt")"
  figures "$WORK/consolidated.xlsx" | cmp -s - "$WORK/figures2021.txt" \
    || fail "the consolidated figures differ from the one unit counted"
  echo "cli: demo (2018, 2021), check, pdf, xlsx, docx, html, import (xlsx, docx, html, pdf)," \
    "export-csv, consolidate (24 files) ok ($(pdfinfo "$WORK/demo.pdf" | sed -n 's/^Pages: *//p') pages)"
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

# The window driven inside the frozen program (packaging/smoke_session.py), then its files
# and figures checked.
check_session() {
  local out="$WORK/session"
  mkdir -p "$out"
  SMOKE_SCRIPT="$PWD/packaging/smoke_session.py" frozen "$out" >"$WORK/session.txt" 2>&1 \
    || fail "the scripted session exited $?: $(cat "$WORK/session.txt")"
  local pages
  pages="$(pdfinfo "$out/window.pdf" | sed -n 's/^Pages: *//p')"
  uv run --no-project python - "$out/session.json" "$pages" <<'PY' || fail "the session's figures are wrong: $(cat "$out/session.json")"
import json
import sys

seen = json.load(open(sys.argv[1], encoding="utf-8"))
pages = int(sys.argv[2])
checks = {
    "Qt's Chinese": seen["cancel"] == "取消",
    "xlsx, PDF, Word and web page from the window": all(
        seen[key] for key in ("saved_xlsx", "exported_pdf", "exported_docx", "exported_html")
    ),
    "the preview dialog shows every page": seen["preview_dialog_pages"] == [pages],
    "no preview page is blank": len(seen["preview_ink"]) == pages and min(seen["preview_ink"]) > 0.01,
    "printed through Qt": seen["printed_pages"] == pages,
    "every SVG icon drawn": len(seen["icons"]) == 5 and min(seen["icons"].values()) > 0.1,
    "Chinese sorted by pinyin (ICU collation)": seen["sorted_cities"] == ["北京", "重庆", "广州", "上海"],
    "GB18030 and GBK (ICU converters)": seen["codecs"] == {"GB18030": True, "GBK": True},
}
for name, ok in checks.items():
    print(("ok   " if ok else "FAIL ") + name)
sys.exit(0 if all(checks.values()) else 1)
PY
  check_pdf "$out/window.pdf" 青禾县自然资源局 行政许可
  [ "$(pdfinfo "$out/printed.pdf" | sed -n 's/^Pages: *//p')" = "$pages" ] \
    || fail "the PDF printed through Qt has not $pages pages"
  figures "$out/window.xlsx" | cmp -s - "$WORK/figures2021.txt" || fail "the xlsx saved by the window lost figures"
  check_in_libreoffice "$out/window.xlsx" "行政规范性文件,3,1,18"
  docx_text "$out/window.docx" | grep -q 青禾县自然资源局 || fail "the window's Word file lacks the unit"
  grep -q ">236<" "$out/window.html" || fail "the window's web page lacks the figure 236"
  echo "session: window saved xlsx, exported PDF ($pages pages), Word and web page; preview, print, icons, ICU ok"
}

if [ -z "${NIANBAO_SKIP_BUILD:-}" ]; then
  build
fi
check_bundle
check_cli
check_gui
check_session
echo "smoke: ok"
