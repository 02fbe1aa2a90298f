#!/bin/sh
# Makes the input-format fixtures from the Markdown interviews beside this script with
# Debian's pandoc: each as DOCX, ODT, EPUB and a standalone HTML page, in OUT; the
# DOCX also as a PDF (pandoc through WeasyPrint, which writes a text layer), and a PDF
# of a page with no text at all, as a scan without OCR would be, and one locked with a
# password.
# Usage: make-fixtures.sh OUT
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=$1
mkdir -p "$out"
for md in "$here"/interview.md "$here"/interview-bold-only.md; do
  base=$(basename "$md" .md)
  title=$(sed -n '1s/^# //p' "$md")
  for ext in docx odt epub html; do
    pandoc --quiet --from=commonmark --standalone --metadata title="$title" --metadata lang=kk \
      "$md" -o "$out/$base.$ext"
  done
  cp "$md" "$out/$base.md"
done
pandoc --quiet "$out/interview.docx" --pdf-engine=weasyprint \
  --metadata title="$(sed -n '1s/^# //p' "$here/interview.md")" -o "$out/interview.pdf"
# The HTML page printed on A5 with a running header and page numbers, as papers print.
printf '@page { size: A5; @top-center { content: "Жаңа Дала газеті"; } @bottom-center { content: counter(page); } }\n' \
  >"$out/furniture.css"
weasyprint --quiet -s "$out/furniture.css" "$out/interview.html" "$out/headers.pdf"
# The same PDF locked with a password (qpdf, AES-256), as a protected file arrives.
qpdf --encrypt secret owner 256 -- "$out/interview.pdf" "$out/locked.pdf"
echo '<html><body><div style="width:10cm;height:10cm;background:#333"></div></body></html>' |
  weasyprint --quiet - "$out/scan.pdf"
