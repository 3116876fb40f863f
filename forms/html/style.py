"""The web page's own style sheet: readable on a portal and on a phone, printed as A4.

Faces by name as the printed report has them (仿宋 body, 黑体 headings, 楷体 sub-heads, a bold
Song for the title), with the faces of other systems after them. Tables are ruled, their
figures centred; a wide table scrolls sideways inside its region on a narrow screen. In print:
A4 with GB/T 9704's margins, 16 pt type, head rows repeated, no row split, each annex on a
new page.
"""

from __future__ import annotations

FANGSONG = '"FangSong", "仿宋", "仿宋_GB2312", "STFangsong", "Noto Serif CJK SC", serif'
HEI = '"SimHei", "黑体", "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", sans-serif'
KAI = '"KaiTi", "楷体", "楷体_GB2312", "STKaiti", "AR PL UKai CN", serif'
TITLE = '"方正小标宋简体", "FZXiaoBiaoSong-B05S", "SimSun", "宋体", "Noto Serif CJK SC", serif'

STYLE = f"""
html {{ color: #111; background: #fff; }}
body {{ margin: 0; font-family: {FANGSONG}; font-size: 1.125rem; line-height: 1.8; }}
main {{ max-width: 52rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }}
h1 {{ font-family: {TITLE}; font-size: 1.75rem; font-weight: bold; text-align: center;
  line-height: 1.5; margin: 1rem 0 1.5rem; }}
h1 span {{ display: block; }}
h2, h3.hei, .annex-mark, .run-in.hei {{ font-family: {HEI}; font-weight: normal; }}
h2 {{ font-size: 1.125rem; margin: 1.2rem 0 .4rem; text-indent: 2em; }}
section.annex > h2 {{ text-align: center; text-indent: 0; font-family: {TITLE};
  font-size: 1.5rem; font-weight: bold; }}
h3 {{ font-size: 1.125rem; font-weight: normal; margin: 0; text-indent: 2em; }}
h3.kai, .run-in.kai {{ font-family: {KAI}; }}
p {{ margin: 0; text-indent: 2em; text-align: justify; }}
p.annex-mark, p.subtitle, p.signature, p.signatories, p.closing, p.draft {{ text-indent: 0; }}
p.subtitle {{ text-align: center; }}
p.closing {{ text-align: right; }}
p.signatories {{ display: flex; flex-wrap: wrap; column-gap: 1.5em; }}
p.draft {{ border: 2px solid #b00; color: #b00; padding: .5rem 1rem; margin-bottom: 1rem; }}
.seal-room {{ height: 1.8em; }}
.seal-room.seal-3 {{ height: 5.4em; }}
.table-wrap {{ overflow-x: auto; margin: .6rem 0 1rem; }}
.table-wrap:focus {{ outline: 2px solid #1a5fb4; }}
table {{ border-collapse: collapse; width: 100%; font-size: .875rem; line-height: 1.4; }}
caption {{ font-family: {HEI}; padding: .3rem; }}
th, td {{ border: 1px solid #000; padding: .2rem .3rem; }}
thead th {{ font-family: {HEI}; font-weight: normal; text-align: center; }}
tbody th {{ font-weight: normal; text-align: left; }}
tbody tr.group th {{ font-family: {HEI}; }}
tbody th.l1 {{ padding-left: 1.3em; }}
tbody th.l2 {{ padding-left: 2.3em; }}
tbody th.l3 {{ padding-left: 3.3em; }}
td {{ text-align: center; }}
col.unit {{ width: 3.5em; }}
table.cols-16 {{ font-size: .75rem; }}
table.cols-16 td, table.cols-16 thead th {{ padding: .2rem .1rem; }}
@media print {{
  @page {{ size: A4; margin: 37mm 26mm 35mm 28mm; }}
  body {{ font-size: 16pt; line-height: 28.95pt; }}
  main {{ max-width: none; padding: 0; }}
  h1 {{ font-size: 22pt; line-height: 28.95pt; margin: 0 0 28.95pt; }}
  h2, h3 {{ font-size: 16pt; margin: 0; break-after: avoid; }}
  section.annex > h2 {{ font-size: 22pt; margin-bottom: 28.95pt; }}
  .new-page {{ break-before: page; }}
  .table-wrap {{ overflow: visible; }}
  .table-wrap:focus {{ outline: none; }}
  table {{ font-size: 10.5pt; line-height: 1.3; }}
  thead {{ display: table-header-group; }}
  tr {{ break-inside: avoid; }}
  p.closing, .seal-room {{ break-before: avoid; }}
}}
""".strip()
