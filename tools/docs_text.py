"""The written parts of docs/DATA.md and docs/THEMES.md; sendscrape.docs adds the generated ones.

Edit here, then run `make docs`.
"""

from __future__ import annotations

DATA_INTRO = """
# Data dictionary

One JSON object per line (`reports.jsonl`), one line per inspection report PDF. This file is
generated from the record models in `sendscrape/validate/models.py` (the single source of
truth); the JSON Schema of a record is `schema/report.schema.json` (`sendscrape schema` prints it).

Record schema version: `{schema_version}` (field `schema_version`). There are {kinds} report
kinds; the field `report_type` says which one a record is, and decides its fields. Every record
has every field listed for its kind: a value is null only where the type says "or null", and
lists are empty rather than missing. Dates are ISO `YYYY-MM-DD`. Records are strict: no other
fields appear.

Load it with pandas: `pd.read_json("reports.jsonl", lines=True)`, or as validated models with
`sendscrape.load(path)`.
"""

SOURCES = """
## Where each field comes from

The **Source** column of the tables below:

- **report**: read from the report PDF's text and tables, as printed (whitespace collapsed).
- **file**: computed from the PDF file itself (its bytes or page count).
- **web**: from the Ofsted listing page the report was crawled from; null for a local file
  parsed with `sendscrape parse`.
- **crawl**: from the crawler's record of the listing over time (when it first found the
  report, and when it was last listed if it has gone); null for a local file.
- **lookup**: from the project's local-authority table
  (`sendscrape/enrich/data/local_authorities.csv`), matched on the area the report names (or on the
  provider page it was listed on).
- **rules**: from the theme rules in `sendscrape/enrich/data/themes.toml` (see `docs/THEMES.md`).
- **pipeline**: set by the pipeline: versions and the warnings it raised.

Provenance columns: `sha256` identifies the exact PDF, `pages` its length, `parser_version` the
parser that read it, `source_url` and `published` where and when it was listed, `first_seen`
and `last_seen_listed` when the crawler first found it and (if it has gone) last saw it listed,
and `schema_version` the record layout. Two records with the same `sha256` came from the same bytes.
"""

CAVEATS = """
## Caveats and limitations

- **Text is as printed.** Item texts, responsible bodies, area names and dates are the report's
  own words, with whitespace collapsed. A hyphen at a line end is dropped only where the same
  report spells the word without it elsewhere and never with it ("ser-vices" -> "services",
  "co-production" kept); a word the report uses nowhere else keeps its hyphen. Spelling and
  naming are not normalised (one ICB can be written several ways).
- **Parsing from layout.** Tables are rebuilt from the PDF's page geometry. Records that break
  the models' cross-checks (for example, priority actions present for an outcome other than
  widespread failings) are rejected with an error naming the file, never written; other
  inconsistencies the report itself contains are kept and listed in `warnings`.
- **Two frameworks.** Outcomes (`positive`, `inconsistent`, `widespread_failings`), priority
  actions and areas for improvement exist only in the 2023 framework. The 2016-2022 framework
  had no graded outcome: its letters say whether a Written Statement of Action (WSoA) was
  required, and revisits whether sufficient progress was made. Do not put the two on one scale.
- **Counting inspections.** A report can be re-published (corrected); count an inspection by
  report kind, area and `inspection_start`, not by record. Ofsted's statistics count by when an
  inspection took place (`inspection_start`), not by `published`. `sendscrape stats` applies
  these rules.
- **Area codes.** `urn`, `la_code`, `gss_code`, `region` and `ofsted_region` come from the
  project's table of England's local authorities, not from the report. A report is coded to the
  authority it names: reports on authorities since replaced (for example Northamptonshire,
  Cumbria or Poole) keep the old authority's codes even when Ofsted lists them on a successor's
  page. A report whose area is not in the table is an error, not a null. Ofsted's
  eight regions merge the North East with Yorkshire and the Humber; `region` is the ONS region.
- **Themes are phrase rules, measured.** A theme tag says that one of the theme's listed
  phrases occurs in the item outside the contexts the rules exclude; an item can have several
  themes, and wording the rules do not list is missed. Against one careful hand reading of 177
  real items, the rules agree on about 98% of tags both ways (precision and recall per theme in
  [THEMES.md](THEMES.md)). Each tag keeps the phrase that triggered it so it can be checked.
  Compare theme counts within this dataset, not with other taxonomies.
- **Not official statistics.** The dataset is compiled from published reports by this project.
  Ofsted's own figures are the reference; where they differ, say which you used.
- **Licence of the source.** The reports are Crown copyright (Ofsted and CQC), used under the
  Open Government Licence v3.0; attribute them when you publish.
"""

THEMES_INTRO = """
# Themes of priority actions and areas for improvement

Every priority action and area for improvement carries `themes`: a list of
`{"theme": ID, "phrase": PHRASE}` tags. The rules are the phrases listed below, kept in
`sendscrape/enrich/data/themes.toml`; this page is generated from that file. Each theme's
description is its definition: what a careful reader would count as an item about that theme.

How a tag is given:

- The item's text, with whitespace collapsed to single spaces, is searched with every phrase of
  every theme. A theme is tagged when at least one of its phrases occurs. Each theme is tagged
  at most once per item; the tag keeps the phrase found (the earliest in the text, the longest
  of those starting there), exactly as it appears in the text.
- Some words count only in context. A theme's "Not counted inside" phrases say where a match
  does not count: "social care" inside "education, health and social care" names the partners
  and is not, on its own, about social care; "post-16" in "post-16 students" names a group.
  Words that are about a theme only in some phrases ("strategy", "data", "evaluate",
  "oversight") are listed only in those phrases ("SEND strategy", "data dashboard", "evaluate
  the impact of services", "strategic oversight").
- Phrases match whole words only and ignore case, except where marked `(?-i:...)` (acronyms such
  as AP, ASD or PfA, which must be in capitals).
- Phrases are Python regular expressions, mostly plain words. The syntax used: `?` makes the
  character or group before it optional (`plans?` is plan or plans), `(a|b)` is a or b, `\\w*`
  is any word ending, and `['’]` is a straight or curly apostrophe.
- Tags are listed in the order of the themes below. An item can have several themes, or none.

Check the `phrase` when a tag matters: it shows why the item was tagged.
"""

THEMES_AGREEMENT = """
## How far to trust a theme count

The rules are measured against the project's own hand-labelled set,
`{labels}`: every priority action and area for improvement of the 40 real
2023-framework full inspection reports (inspected January 2023 to December 2024) in the
project's shared test corpus, {items} items. Each item was labelled by reading it in full
against the theme definitions below, before looking at what the rules say and without keyword
search; an item has a theme when it asks for action on, or reports a weakness in, something the
definition covers. One person labelled the set (there is no second labeller), so the figures say
how often the rules agree with one careful reading, not with every reader. The labels name items
by the PDF's sha256, list and position; `tests/data/README.md` says how they were made.

`sendscrape themes --evaluate {labels} DATASET` prints these figures for the
current rules. *Labelled*: items the labeller gave the theme; *Tagged*: items the rules tag;
*Both*: items with both. Precision is the share of the rules' tags the labeller agrees with;
recall the share of the labeller's themes the rules find.

The rules were improved looking only at the disagreements on 26 of the 40 reports; the other 14
(the held-out part) were measured once that was done: precision 0.98 and recall 0.98 there (the
rules before this work: 0.86 and 0.93). Since then one held-out item led to one phrase ("direct
families to") so that every real item has a theme. A theme tagged only a handful of times has
figures that rest on few items: treat them as rough.
"""
