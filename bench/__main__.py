"""`python -m bench`: the public reading under load (bench.load); `python -m bench throughput`: intake, mail,
a compilation and a bulk job in the production shape (bench.intake_load, bench.mail_load, bench.compilation_load,
bench.bulk_jobs); `python -m bench workbench`: the user actions a reviewer needs to map three passages and publish
(bench.workbench); `python -m bench inprocess`: the in-process benchmarks (bench.inprocess, BENCH_ONLY=name,...
to choose)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

if __name__ == "__main__":
    if sys.argv[1:] == ["inprocess"]:
        from bench.inprocess import main
    elif sys.argv[1:] in ([], ["load"]):
        from bench.load import main
    elif sys.argv[1:] == ["workbench"]:
        from bench.workbench import run as main
    elif sys.argv[1:] == ["throughput"]:
        from bench import bulk_jobs, compilation_load, intake_load, mail_load

        def main():
            for benchmark in (intake_load, mail_load, compilation_load, bulk_jobs):
                benchmark.run()
    else:
        sys.exit("usage: python -m bench [load|throughput|workbench|inprocess]")
    main()
