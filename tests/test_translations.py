"""The English catalogue covers every message of the interface."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "pvd_network" / "translations" / "en" / "LC_MESSAGES" / "messages.po"


def test_every_message_is_translated_into_english(tmp_path):
    template = tmp_path / "messages.pot"
    subprocess.run(
        [sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg", "-k", "_l",
         "--ignore-dirs=.* node_modules static", "-o", str(template), "."],
        cwd=ROOT, check=True, capture_output=True,
    )
    with open(template, "rb") as fh:
        wanted = {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(fh) if m.id}
    with open(CATALOGUE, "rb") as fh:
        catalogue = read_po(fh)
    translated = {
        (m.id if isinstance(m.id, str) else m.id[0])
        for m in catalogue
        if m.id and (all(m.string) if isinstance(m.string, tuple) else m.string) and "fuzzy" not in m.flags
    }
    missing = sorted(wanted - translated)
    assert not missing, "run `make translations-extract` and translate:\n" + "\n".join(missing)
