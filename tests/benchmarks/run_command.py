"""Run one management command on the benchmark database; print time and peak RSS.

python -m tests.benchmarks.run_command check_ledger
"""

import json
import resource
import sys
import time
from io import StringIO

from tests.benchmarks.bootstrap import django_setup


def main():
    django_setup()
    from django.core.management import call_command

    started = time.perf_counter()
    call_command(*sys.argv[1:], stdout=StringIO(), stderr=StringIO())
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": round(seconds, 2), "peak_rss_mib": round(peak, 1)}))


if __name__ == "__main__":
    main()
