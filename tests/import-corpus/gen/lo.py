"""LibreOffice conversions, one soffice process per target format, in a private profile so that
it never talks to another engineer's running instance."""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile

PROFILE = "file://" + os.path.join(tempfile.gettempdir(), "jobdoc-corpus-lo-profile")


def soffice() -> str:
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    if not exe:
        raise SystemExit("soffice not found: apt-get install -y --no-install-recommends libreoffice-writer-nogui")
    return exe


def convert(inputs: list, target: str, outdir: str) -> None:
    """Convert every file in inputs with the filter target (e.g. 'odt', 'doc:MS Word 97')."""
    if not inputs:
        return
    os.makedirs(outdir, exist_ok=True)
    cmd = [soffice(), f"-env:UserInstallation={PROFILE}", "--headless", "--norestore",
           "--convert-to", target, "--outdir", outdir] + list(inputs)
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=900)
