#!/usr/bin/env bash
# Fuzz one target of fuzz/fuzz_clean.py with libFuzzer's usual guards.
#
#   fuzz/run.sh [TARGET] [RUNS] [extra libFuzzer flags...]
#   fuzz/run.sh clean 1000000                 # the campaign reported in SECURITY.md
#   fuzz/run.sh gzip 20000 -jobs=2 -workers=2 # two processes
#
# TARGET: clean (default), str, decode, html, gzip, mhtml, webarchive. RUNS: executions (default
# 100000; 0 = until stopped). Seeds are (re)written to fuzz/seeds/TARGET from the fixtures;
# inputs the fuzzer finds interesting go to fuzz/corpus/TARGET, crashes to fuzz/crashes/.
# Both are kept between runs and not committed.
#
# -timeout: an input slower than this many seconds is a crash (a hang).
# -rss_limit_mb: a process past this much memory is a crash (the limits of SECURITY.md hold
#   far below it). -max_len: longer inputs only slow the search; size limits have tests.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
python="${PYTHON:-$root/.venv/bin/python}"
target="${1:-clean}"
runs="${2:-100000}"
shift $(( $# > 2 ? 2 : $# ))
"$python" -c "import atheris" 2>/dev/null || {
    echo "fuzz/run.sh: atheris is not installed: $python -m pip install -e '.[fuzz]'" >&2; exit 2; }
"$python" "$here/make_corpus.py" >/dev/null
mkdir -p "$here/corpus/$target" "$here/crashes"
# With -jobs, libFuzzer starts the script itself again: its "#!/usr/bin/env python3" must find this python.
export PATH="$(dirname "$python"):$PATH"
cd "$here/crashes"  # libFuzzer writes crash-*, timeout-*, oom-* (and fuzz-N.log for -jobs) here
FUZZ_TARGET="$target" exec "$python" "$here/fuzz_clean.py" "$here/corpus/$target" "$here/seeds/$target" \
    -runs="$runs" -max_len=8192 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 "$@"
