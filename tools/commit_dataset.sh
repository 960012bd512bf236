#!/usr/bin/env bash
# Commit the dataset to the `dataset` branch of `origin` and push it: the nightly workflow's
# last step for a changed night (tests/test_commit_dataset.py runs it against a local remote).
#   tools/commit_dataset.sh DATASET RUNS_LOG COMMIT_MESSAGE_FILE
# The branch holds reports.jsonl and last-run.json (the run's line of runs.jsonl); the first
# night creates it with no history of its own. Nothing is committed when the files are the same.
set -euo pipefail
dataset=$(realpath "$1")
runs=$(realpath "$2")
message=$(realpath "$3")
tree=$(mktemp -d)
trap 'git worktree remove --force "$tree" >/dev/null 2>&1 || true' EXIT
if git fetch --quiet --depth 1 origin dataset 2>/dev/null; then
  git worktree add --quiet -B dataset "$tree" FETCH_HEAD
else
  git worktree add --quiet --detach "$tree"
  git -C "$tree" checkout --quiet --orphan dataset
  git -C "$tree" rm -r --quiet --force --ignore-unmatch .
fi
cp "$dataset" "$tree/reports.jsonl"
tail -n 1 "$runs" > "$tree/last-run.json"
git -C "$tree" add reports.jsonl last-run.json
if git -C "$tree" diff --cached --quiet; then
  echo "the dataset branch already has this dataset: nothing to commit"
  exit 0
fi
git -C "$tree" commit --quiet --file "$message"
git -C "$tree" push --quiet origin dataset
echo "committed to the dataset branch: $(head -n 1 "$message")"
