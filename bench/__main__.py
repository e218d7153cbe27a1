"""`python -m bench`: the public reading under load (bench.load); `python -m bench inprocess`: the in-process
benchmarks (bench.inprocess, BENCH_ONLY=name,... to choose)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

if __name__ == "__main__":
    if sys.argv[1:] == ["inprocess"]:
        from bench.inprocess import main
    elif sys.argv[1:] in ([], ["load"]):
        from bench.load import main
    else:
        sys.exit("usage: python -m bench [load|inprocess]")
    main()
