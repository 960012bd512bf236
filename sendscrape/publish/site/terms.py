"""Words a parent may not know, each explained on the page "What the inspections and outcomes
mean" (explained.html); a page links a term there where it first uses it."""

from __future__ import annotations

from typing import Any

from sendscrape.publish.extras import require_extra

EXPLAINED_PAGE = "explained.html"
# Term -> its section on the explanations page.
TERMS = {
    "framework": "frameworks",
    "outcome": "outcomes",
    "priority-action": "priority-actions",
    "responsible-body": "responsible-body",
    "area-for-improvement": "areas-for-improvement",
    "wsoa": "wsoa",
    "revisit": "revisits",
    "monitoring": "monitoring",
    "next-visit": "next-visit",
}


class TermLinks:
    """`term(key, words)` in a template: a link to the explanation the first time a page uses a
    term, the plain words after that."""

    def __init__(self, root: str) -> None:
        self.root = root
        self.used: set[str] = set()

    def __call__(self, key: str, words: str) -> Any:
        markupsafe = require_extra("markupsafe", "publish", "sendscrape site")
        if key in self.used:
            return markupsafe.escape(words)
        self.used.add(key)
        return markupsafe.Markup('<a class="term" href="{}{}#{}">{}</a>').format(
            self.root, EXPLAINED_PAGE, TERMS[key], words
        )
