"""Exceptions of the parse stage. Each names the source (file or URL) and what went wrong."""

from __future__ import annotations


class ReportParseError(ValueError):
    """A report whose structure or wording the parser could not read."""

    def __init__(self, source: str, field: str, reason: str) -> None:
        self.source = source
        self.field = field
        self.reason = reason
        super().__init__(f"{source}: cannot parse {field}: {reason}")


class NotAPdfError(ReportParseError):
    """Bytes that are not a readable PDF (an HTML error page, a truncated download...)."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(source, "pdf", reason)
        self.args = (f"{source}: {reason}",)

    def __str__(self) -> str:
        return str(self.args[0])


class UnsupportedReportType(ReportParseError):
    """A PDF that is not one of the SEND report kinds the parser knows."""

    def __init__(self, source: str, title: str) -> None:
        self.title = title
        ValueError.__init__(self, f"{source}: unsupported report type: {title}")
        self.source, self.field, self.reason = source, "report_type", f"unsupported: {title}"


class ParseLimitExceeded(ReportParseError):
    """A PDF beyond one of the parse stage's named limits (pages, time): refused whole."""

    def __init__(self, source: str, limit: str, reason: str) -> None:
        super().__init__(source, "pdf", reason)
        self.limit = limit
        self.args = (f"{source}: {reason} (parse limit {limit})",)

    def __str__(self) -> str:
        return str(self.args[0])
