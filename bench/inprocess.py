"""The in-process benchmarks (`make bench-inprocess`): each against a throw-away database, figures printed."""

import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main():
    # BENCH_DATABASE_URL (e.g. a PostgreSQL database to be wiped) for production-like figures.
    database = Path(tempfile.mkdtemp()) / "bench.sqlite3"
    os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{database}")
    os.environ["PRIVATE_MEDIA_ROOT"] = tempfile.mkdtemp(prefix="bench-private-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
    os.environ["DEBUG"] = "false"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("seed_demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115

    from bench import duplicates, intake, outcomes, pages, public_reading, review_list, suggestions

    benchmarks = {
        "pages": pages,
        "intake": intake,
        "duplicates": duplicates,
        "suggestions": suggestions,
        "review_list": review_list,
        "public_reading": public_reading,
        "outcomes": outcomes,
    }
    only = [name for name in os.environ.get("BENCH_ONLY", "").split(",") if name]  # e.g. BENCH_ONLY=public_reading
    for name, benchmark in benchmarks.items():
        if not only or name in only:
            benchmark.run()


if __name__ == "__main__":
    main()
