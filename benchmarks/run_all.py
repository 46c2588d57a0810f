"""Run every benchmark of benchmarks/ in turn (`make bench`)."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCRIPTS = ["geo_import.py", "corpus.py", "pages.py", "search.py"]

if __name__ == "__main__":
    for script in SCRIPTS:
        print(f"\n## {script}\n", flush=True)
        subprocess.run([sys.executable, str(HERE / script)], check=True)
