"""`python -m drills` (`make drills`): every drill module of this package, or those named in DRILLS_ONLY.

A drill is any module here with a `run()` that prints its figures and returns whether it passed; the
drills are found in the package, so a module added beside these runs without being listed anywhere.
"""

import importlib
import os
import pkgutil
import sys
import tempfile
import time
from pathlib import Path

import drills

from . import stack


def drill_modules() -> dict:
    found = {}
    for module in pkgutil.iter_modules(drills.__path__):
        if module.name.startswith("_"):
            continue
        imported = importlib.import_module(f"drills.{module.name}")
        if callable(getattr(imported, "run", None)):
            found[module.name] = imported
    return found


def main() -> int:
    sys.stdout.reconfigure(line_buffering=True)  # figures appear as they come, also when piped to a file
    modules = drill_modules()
    only = [name.strip() for name in os.environ.get("DRILLS_ONLY", "").split(",") if name.strip()]
    unknown = sorted(set(only) - set(modules))
    if unknown:
        print(f"Unknown drills: {', '.join(unknown)}; there are: {', '.join(modules)}")
        return 2
    chosen = {name: module for name, module in modules.items() if not only or name in only}
    directory = Path(tempfile.mkdtemp(prefix="portal-drills-"))
    directory.chmod(0o755)  # the drills' PostgreSQL runs as the postgres user, below this directory
    started = time.monotonic()
    print(f"Preparing: a PostgreSQL cluster, migrations, the demo and static files, in {directory}")
    stack.run_prepare(directory)
    print(f"Prepared in {time.monotonic() - started:.0f} s")
    results = {}
    try:
        for name, module in chosen.items():
            began = time.monotonic()
            try:
                results[name] = bool(module.run())
            except Exception as error:  # one broken drill must not hide the others' figures
                print(f"  FAIL: {name} raised {error!r}")
                results[name] = False
            print(f"  ({name}: {time.monotonic() - began:.0f} s)")
    finally:
        stack.run_finish()
    print("\nDrills: " + ", ".join(f"{name} {'PASS' if passed else 'FAIL'}" for name, passed in results.items()))
    return 0 if all(results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
