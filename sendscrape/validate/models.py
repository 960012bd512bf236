"""The dataset's record types: the single source of truth for field names, types and meanings.

Every record is validated against these models before it is written; JSON Schema and the data
dictionary are generated from them.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal, Self

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

SCHEMA_VERSION: Literal["1.0"] = "1.0"

NonEmptyStr = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Sha256Hex = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]

Outcome = Literal["positive", "inconsistent", "widespread_failings"]


class StrictModel(BaseModel):
    """Frozen, strict, no unknown keys: a misspelt or mistyped field is an error, never ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class ThemeTag(StrictModel):
    theme: NonEmptyStr = Field(description="Theme identifier from the documented taxonomy.")
    phrase: NonEmptyStr = Field(description="The phrase in the item's text that triggered the tag.")


class PriorityAction(StrictModel):
    responsible_body: NonEmptyStr = Field(
        description="The body or bodies the report names as responsible, as printed."
    )
    text: NonEmptyStr = Field(
        description="The full action, whitespace collapsed; bullet items kept as '• ' items."
    )
    themes: tuple[ThemeTag, ...] = Field(default=(), description="Theme tags of the text.")


class AreaForImprovement(StrictModel):
    responsible_body: NonEmptyStr | None = Field(
        description="The responsible body where the table has such a column, else null."
    )
    text: NonEmptyStr = Field(description="The full item, whitespace collapsed.")
    themes: tuple[ThemeTag, ...] = Field(default=(), description="Theme tags of the text.")


class PreviousInspection(StrictModel):
    kind: Literal["full", "revisit", "monitoring"] = Field(
        description="'full' for an inspection of the whole area (either framework), 'revisit' "
        "for a 2018-2022 revisit, 'monitoring' for a 2023-framework monitoring inspection."
    )
    start: dt.date = Field(description="First day of that inspection.")
    end: dt.date = Field(description="Last day of that inspection (same as start for one date).")


class WeaknessProgress(StrictModel):
    text: NonEmptyStr = Field(description="The area of significant weakness, as printed.")
    sufficient_progress: bool = Field(description="Whether the revisit found sufficient progress.")


class PriorityActionReview(StrictModel):
    text: NonEmptyStr = Field(description="The area for priority action under review, as printed.")
    progress: NonEmptyStr = Field(description="What the monitoring inspection says of progress.")


class ReportBase(StrictModel):
    """Fields every record carries, whatever the report kind."""

    schema_version: Literal["1.0"] = Field(default=SCHEMA_VERSION, description="Record schema.")
    sha256: Sha256Hex = Field(description="SHA-256 of the PDF bytes, lower-case hex.")
    pages: int = Field(ge=1, description="Number of pages in the PDF.")
    parser_version: NonEmptyStr = Field(description="Version of the parser that made the record.")
    source_url: NonEmptyStr | None = Field(
        default=None, description="Where the PDF was downloaded from; null for a local file."
    )
    published: dt.date | None = Field(
        default=None, description="Publication date from the listing page; null if not crawled."
    )
    first_seen: dt.date | None = Field(
        default=None,
        description="Date the crawler first found the report on the publisher's listing; "
        "null for a local file.",
    )
    last_seen_listed: dt.date | None = Field(
        default=None,
        description="Null while the report is on the publisher's listing. Once it has gone from "
        "the listing (seen by a crawl that read every listing page), the last date it was seen "
        "there; the record stays in the dataset.",
    )
    local_area: NonEmptyStr = Field(description="The area as the report's title names it.")
    urn: NonEmptyStr = Field(description="Ofsted provider URN of the local authority.")
    la_code: Annotated[str, StringConstraints(pattern=r"^\d{3}$")] = Field(
        description="DfE three-digit local authority number."
    )
    gss_code: Annotated[str, StringConstraints(pattern=r"^E(06|08|09|10)\d{6}$")] = Field(
        description="ONS GSS code of the local authority (E06/E08/E09/E10)."
    )
    region: NonEmptyStr = Field(description="ONS region name, e.g. 'Yorkshire and the Humber'.")
    ofsted_region: NonEmptyStr = Field(
        description="Ofsted's region (eight, merging some ONS ones)."
    )
    inspection_start: dt.date = Field(description="First day of the inspection, as printed.")
    inspection_end: dt.date = Field(description="Last day of the inspection, as printed.")
    sections: dict[str, tuple[str, ...]] = Field(
        default_factory=dict, description="Narrative sections: heading -> paragraphs/bullets."
    )
    warnings: tuple[str, ...] = Field(
        default=(), description="Inconsistencies found in the report itself, in plain language."
    )

    @model_validator(mode="after")
    def _dates_in_order(self) -> Self:
        if self.inspection_end < self.inspection_start:
            raise ValueError("inspection_end is before inspection_start")
        return self


class FullInspectionReport(ReportBase):
    """2023 framework: area SEND full inspection."""

    report_type: Literal["area_send_full_inspection"] = Field(description="The report kind.")
    previous_inspections: tuple[PreviousInspection, ...] = Field(
        description="Parsed from 'Dates of previous inspection'; empty if not previously inspected."
    )
    previous_inspection_text: NonEmptyStr = Field(description="That sentence as printed.")
    outcome: Outcome = Field(description="The inspection outcome (three of the 2023 framework).")
    outcome_text: NonEmptyStr = Field(description="The outcome paragraph as printed.")
    monitoring_within_months: int | None = Field(
        ge=1, description="Months within which a monitoring inspection follows, else null."
    )
    next_full_within_years: int | None = Field(
        ge=1, description="Years within which the next full inspection follows, else null."
    )
    priority_action_plan_required: bool = Field(
        description="Whether HMCI requires a priority action plan."
    )
    priority_actions: tuple[PriorityAction, ...] = Field(
        description="Rows of the 'Areas for priority action' table, in order."
    )
    areas_for_improvement: tuple[AreaForImprovement, ...] = Field(
        description="Items of 'Areas for improvement', in order."
    )
    local_authority: NonEmptyStr = Field(description="From 'Local area partnership details'.")
    icb: NonEmptyStr = Field(description="Integrated care board(s), from the same table.")

    @model_validator(mode="after")
    def _outcome_consistent(self) -> Self:
        failings = self.outcome == "widespread_failings"
        if failings != bool(self.priority_actions):
            raise ValueError("priority actions must be present exactly for widespread failings")
        if failings != (self.monitoring_within_months is not None):
            raise ValueError(
                "a monitoring interval must be present exactly for widespread failings"
            )
        if failings != self.priority_action_plan_required:
            raise ValueError("a priority action plan is required exactly for widespread failings")
        return self


class LocalAreaInspectionReport(ReportBase):
    """2016-2022 framework: joint local area SEND inspection outcome letter."""

    report_type: Literal["local_area_send_inspection"] = Field(description="The report kind.")
    wsoa_required: bool = Field(description="Whether HMCI required a Written Statement of Action.")
    significant_weaknesses: tuple[NonEmptyStr, ...] = Field(
        description="Areas of significant weakness the WSoA must address, in order."
    )
    wsoa_responsible_bodies: tuple[NonEmptyStr, ...] = Field(
        description="Bodies jointly responsible for submitting the WSoA."
    )
    main_findings: tuple[NonEmptyStr, ...] = Field(description="Main findings, as paragraphs.")
    strengths: tuple[NonEmptyStr, ...] = Field(default=(), description="Strengths, as items.")
    areas_for_development: tuple[NonEmptyStr, ...] = Field(
        default=(), description="Areas for development, as items."
    )

    @model_validator(mode="after")
    def _weaknesses_match_wsoa(self) -> Self:
        if self.wsoa_required != bool(self.significant_weaknesses):
            raise ValueError(
                "significant weaknesses must be listed exactly when a WSoA is required"
            )
        return self


class RevisitReport(ReportBase):
    """2018-2022: joint local area SEND revisit letter."""

    report_type: Literal["local_area_send_revisit"] = Field(description="The report kind.")
    wsoa_issued: dt.date | None = Field(description="Date the WSoA (or letter) was issued.")
    wsoa_fit_for_purpose: dt.date | None = Field(description="Date WSoA declared fit for purpose.")
    weaknesses: tuple[WeaknessProgress, ...] = Field(
        description="Each significant weakness and whether sufficient progress was made."
    )
    revisit_outcome: Literal["all", "some", "none"] = Field(
        description="Sufficient progress on all / some / none of the weaknesses."
    )
    weaknesses_total: int = Field(ge=1, description="Number of weaknesses revisited.")
    weaknesses_improved: int = Field(ge=0, description="Number with sufficient progress.")

    @model_validator(mode="after")
    def _counts_agree(self) -> Self:
        improved = sum(w.sufficient_progress for w in self.weaknesses)
        if self.weaknesses and (len(self.weaknesses), improved) != (
            self.weaknesses_total,
            self.weaknesses_improved,
        ):
            raise ValueError("weakness counts disagree with the weaknesses listed")
        expected = (
            "all"
            if self.weaknesses_improved == self.weaknesses_total
            else "none"
            if self.weaknesses_improved == 0
            else "some"
        )
        if self.revisit_outcome != expected:
            raise ValueError(f"revisit_outcome should be {expected!r} for these counts")
        return self


class MonitoringInspectionReport(ReportBase):
    """2023 framework: area SEND monitoring inspection."""

    report_type: Literal["area_send_monitoring_inspection"] = Field(description="The report kind.")
    monitoring_outcome: Literal["effective_action", "ineffective_action"] = Field(
        description="Whether the partnership took reasonable steps on all priority actions."
    )
    outcome_text: NonEmptyStr = Field(description="The outcome paragraph as printed.")
    priority_action_reviews: tuple[PriorityActionReview, ...] = Field(
        description="Each area for priority action reviewed and the progress stated for it."
    )
    next_steps: tuple[NonEmptyStr, ...] = Field(description="What happens next, as printed.")


Report = Annotated[
    FullInspectionReport | LocalAreaInspectionReport | RevisitReport | MonitoringInspectionReport,
    Field(discriminator="report_type"),
]
