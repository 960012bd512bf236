#!/usr/bin/env bash
# The last published dataset, for the night to compare with: the latest release's
# reports.jsonl, else the `dataset` branch's, else none (the first night). When the Actions cache
# gave no data directory (CACHE_MATCHED empty), it also seeds DATA_DIR, so every report keeps the
# date it was first seen. Needs `gh` (GH_TOKEN, GH_REPO); tests/test_publish_scripts.py runs it.
#   tools/fetch_published.sh OUT_DIR DATA_DIR [CACHE_MATCHED]
set -euo pipefail
out=$1
data=$2
cache_matched=${3:-}
mkdir -p "$out" "$data"
rm -f "$out/reports.jsonl"
if gh release download --pattern reports.jsonl --dir "$out" >/dev/null 2>&1; then
  echo "the last published dataset: the latest release"
elif git fetch --quiet --depth 1 origin dataset 2>/dev/null \
  && git show FETCH_HEAD:reports.jsonl > "$out/reports.jsonl"; then
  echo "the last published dataset: the dataset branch"
else
  rm -f "$out/reports.jsonl"
  echo "no published dataset yet"
fi
if [ -z "$cache_matched" ] && [ -f "$out/reports.jsonl" ]; then
  cp "$out/reports.jsonl" "$data/reports.jsonl"
  echo "no cached data directory: seeded $data/reports.jsonl from it"
fi
