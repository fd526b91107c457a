#!/bin/sh
# A short run of every fuzz target (20 s each by default): the test command calls this so that
# the targets keep building and a regression in the reader or the exporters shows up at once.
#   fuzz/smoke.sh        20 s per target
#   fuzz/smoke.sh 5      5 s per target
here=$(cd "$(dirname "$0")" && pwd)
exec "$here/run.sh" "${1:-20}" load validate export_pdf export_docx import_docx import_odt import_rtf import_text
