#!/usr/bin/env bash
# The GNU parallel recipe with local job slots: scripts/cluster/dauys-parallel over a
# small archive gives every book of a single-process build byte for byte; a bad
# article fails its shard (exit 1, named with its line) and the others are built.
#   tests/cluster/parallel_test.sh DAUYS_BINARY SOURCE_DIR
set -euo pipefail
dauys=$1 src=$2
command -v parallel >/dev/null || { echo "parallel_test: GNU parallel is missing: run scripts/deps" >&2; exit 1; }
work=$(mktemp -d /tmp/dauys-parallel.XXXXXX)
# book.json keeps the day of a book's first build: one day for the reference build and
# every shard, also when the test runs over midnight (UTC).
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(date +%s)}
trap 'rm -rf "$work"' EXIT
cp -r "$src/tests/data/archive" "$work/archive"
rm "$work/archive/README.md"
"$dauys" build "$work/archive" -o "$work/ref" -q --jobs 1

DAUYS=$dauys "$src/scripts/cluster/dauys-parallel" -N 5 -j 2 -- "$work/archive" "$work/out" -q
diff -r -x '.*' "$work/ref" "$work/out"
[ "$(ls "$work/out" | wc -l)" = 4 ] || { echo "parallel_test: expected 4 books" >&2; exit 1; }

printf 'Бұзық мақала\n– Сұрақ \xff?\n' >"$work/archive/2025/buzyq.txt"
rm -rf "$work/out"
status=0
DAUYS=$dauys "$src/scripts/cluster/dauys-parallel" -N 5 -j 2 -- "$work/archive" "$work/out" -q \
  >"$work/log" 2>&1 || status=$?
cat "$work/log"
[ "$status" = 1 ] || { echo "parallel_test: expected exit 1, got $status" >&2; exit 1; }
grep -q "dauys: error: $work/archive/2025/buzyq.txt: line 2, byte " "$work/log" ||
  { echo "parallel_test: the bad article is not named with its line" >&2; exit 1; }
diff -r -x '.*' "$work/ref" "$work/out"
echo "parallel_test: 5 shards on 2 slots equal the single-process build; a bad article fails alone"
