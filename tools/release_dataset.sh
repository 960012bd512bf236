#!/usr/bin/env bash
# The dated release of a changed night: the downloads the site built (SITE_DATA_DIR) attached
# to release TAG with the night's notes; a second run the same day replaces the files and the
# notes. Needs `gh` (GH_TOKEN, GH_REPO); tests/test_publish_scripts.py runs it.
#   tools/release_dataset.sh TAG TITLE NOTES_FILE SITE_DATA_DIR
set -euo pipefail
tag=$1
title=$2
notes=$3
site=$4
files=("$site/reports.jsonl" "$site"/*.csv "$site"/*.parquet "$site/sendscrape.xlsx" "$site/datapackage.json")
if gh release view "$tag" >/dev/null 2>&1; then
  gh release upload "$tag" "${files[@]}" --clobber
  gh release edit "$tag" --title "$title" --notes-file "$notes"
  echo "updated release $tag"
else
  gh release create "$tag" "${files[@]}" --title "$title" --notes-file "$notes"
  echo "created release $tag"
fi
