"""Load time of data/: the YAML loader alone and the whole load stage (parse + validate).

    .venv/bin/python benchmarks/load_bench.py [--synthetic 2000] [--repeat 5]

Measures the real data/ and a synthetic corpus made by build_bench's generator, with libyaml's C
parser and with the pure-Python fallback. Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from build_bench import Gen, make_project  # noqa: E402

from kb_build.load import corpus as corpus_mod  # noqa: E402
from kb_build.load import yaml_safe  # noqa: E402


def best(fn: Callable[[], object], repeat: int) -> tuple[float, float]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def measure(root: Path, repeat: int) -> dict[str, tuple[float, float]]:
    files = [root / "data" / "vocab.yml", *corpus_mod.data_files(root / "data")]
    blobs = [f.read_bytes() for f in files]
    out = {"files": (float(len(files)), 0.0)}
    out["yaml"] = best(lambda: [yaml_safe.load_bytes(b) for b in blobs], repeat)
    out["load"] = best(lambda: corpus_mod.load_corpus(root), repeat)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--synthetic", type=int, default=2000)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        synth = Path(tmp) / "synth"
        make_project(synth, args.synthetic, Gen(1))
        parser = getattr(yaml_safe, "PARSER", "?")
        for label, root in (("real data/", ROOT), (f"synthetic {args.synthetic}", synth)):
            m = measure(root, args.repeat)
            print(
                f"{label:16} parser={parser:6} files={int(m['files'][0]):5}  "
                f"yaml best {m['yaml'][0]:.3f}s median {m['yaml'][1]:.3f}s  "
                f"load_corpus best {m['load'][0]:.3f}s median {m['load'][1]:.3f}s"
            )


if __name__ == "__main__":
    main()
