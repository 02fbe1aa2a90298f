#!/usr/bin/env bash
# The Slurm recipe on a real Slurm: starts a one-node cluster on this machine (its own
# munged, slurmctld and slurmd, configured in a temporary folder), submits
# scripts/cluster/dauys.sbatch as a job array of 3 shards over a small archive, waits
# for it, compares every book with a single-process build byte for byte, and stops the
# daemons, also when something fails.
#   tests/cluster/slurm_test.sh DAUYS_BINARY SOURCE_DIR
set -euo pipefail
dauys=$1 src=$2
if [ "$(id -u)" != 0 ]; then
  echo "slurm_test: slurmd must run as root to start jobs; run the tests as root" >&2
  exit 1
fi
for program in munged slurmctld slurmd sbatch sinfo; do
  command -v "$program" >/dev/null || { echo "slurm_test: $program is missing: run scripts/deps" >&2; exit 1; }
done
work=$(mktemp -d /tmp/dauys-slurm.XXXXXX)
# book.json keeps the day of a book's first build: one day for the reference build and
# every shard, also when the test runs over midnight (UTC).
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(date +%s)}
. "$src/tests/cluster/slurm_cluster.sh"
cleanup() {
  slurm_stop
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

archive="$src/tests/data/archive"
"$dauys" build "$archive" -o "$work/ref" -q --jobs 1
slurm_start "$work/cluster"
status=0
DAUYS=$dauys timeout 420 sbatch --wait --array=0-2 --output="$work/task-%a.log" \
  "$src/scripts/cluster/dauys.sbatch" "$archive" "$work/out" -q || status=$?
for log in "$work"/task-*.log; do
  [ -s "$log" ] && { echo "== $log"; cat "$log"; }
done
if [ "$status" != 0 ]; then
  echo "slurm_test: the array job failed (sbatch exit $status)" >&2
  exit 1
fi
[ "$(ls "$work"/task-*.log | wc -l)" = 3 ] || { echo "slurm_test: expected 3 array tasks" >&2; exit 1; }
# Every book of the single-process build, byte for byte, and nothing else.
diff -r -x '.*' "$work/ref" "$work/out"
[ "$(ls "$work/out" | wc -l)" = 4 ] || { echo "slurm_test: expected 4 books" >&2; exit 1; }
echo "slurm_test: 4 books from 3 array tasks equal the single-process build"
