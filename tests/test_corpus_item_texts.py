"""Whole item texts of real reports (../shared), not only their first and last words.

Each expected text was read from the PDF's own text layer, page by page, and written out here:
lines joined with single spaces, bullet glyphs printed as '• ', line-break hyphens settled by the
documented rule (dropped where the report prints the word whole elsewhere and never hyphenated).
Most are rows or items that a page break splits; the page furniture between their parts is not
part of them.
"""

from __future__ import annotations

import functools
from typing import Any

import pytest

from sendscrape.parsers import parse_report
from tests.conftest import CORPUS, require_shared

pytestmark = pytest.mark.corpus

PA, AFI = "priority_actions", "areas_for_improvement"
HALTON_BODY = "Halton Borough Council and NHS Cheshire and Merseyside Integrated Care Board (ICB)"

# (file, field, item number from 1, responsible body or None, whole text)
ITEMS = (
    (
        "80432_bolton__30_august_2024.pdf",  # split over pages 6-7
        AFI,
        1,
        None,
        "Health leaders must deliver the neurodevelopmental transformation programme to ensure "
        "that neurodiverse children and young people receive effective support in schools, other "
        "settings and communities. Health leaders should be clear about how waiting times will "
        "be reduced to meet the requirements of the national guidance.",
    ),
    (
        "80470_gloucestershire__01_march_2024.pdf",  # split after 'so that:', list on page 9
        AFI,
        1,
        None,
        "Leaders in the ICB and the LA should strengthen multi-agency working across the "
        "partnership, between education, health and social care providers, so that: • children "
        "and young people’s needs are identified and assessed in a more efficient and timely "
        "manner; • transitions for children and young people across phases in their education "
        "are improved; • children and young people have access to education and training "
        "through placements that meet their individual needs; • young people are better "
        "prepared for adulthood earlier; and • communication with parents and practitioners "
        "supports all stakeholders effectively, to understand systems and decision-making "
        "processes.",
    ),
    (
        "80471_halton__26_january_2024.pdf",  # both cells split over pages 5-6
        PA,
        3,
        HALTON_BODY,
        "Leaders across education, health and social care should improve the joint "
        "commissioning of services to ensure that children, young people and their families "
        "receive sufficient support to have their needs met effectively.",
    ),
    (
        "80471_halton__26_january_2024.pdf",
        PA,
        1,
        HALTON_BODY,
        "Leaders at Halton local authority and the NHS Cheshire and Merseyside ICB should "
        "cooperate at pace to improve the shared strategic oversight, governance, support and "
        "challenge to drive improvements to meet the needs of children and young people with "
        "SEND in Halton.",
    ),
    (
        "80501_hillingdon__12_july_2024.pdf",  # split after 'This includes:'
        AFI,
        1,
        None,
        "Leaders in education, health and social care should collaborate in a multi-agency "
        "approach to strengthen and embed their quality assurance framework of existing, amended "
        "EHC plans and annual reviews. This includes: • improving the quality and timeliness of "
        "contributions from health and children’s social care practitioners into the plans "
        "• improving the quality and timeliness of annual reviews • more effectively using the "
        "voice and aspirations of children and young people when shaping their EHC and/or "
        "amended EHC plan • ensuring that PfA is more effectively planned from Year 9 onwards "
        "• improving the specificity of outcomes, ensuring that they help the child or young "
        "person in readiness for transfer through to their next phase of education "
        "• significantly increasing the timeliness with which final amended EHC plans are "
        "issued.",
    ),
    (
        "80503_hounslow__18_december_2024.pdf",  # split inside its bulleted list
        AFI,
        4,
        None,
        "Leaders across the partnership need to ensure that practitioners are better placed to "
        "support children, young people and their families. Their work should particularly "
        "focus on ensuring that: • staff have a better understanding of SEND, particularly in "
        "the local context of Hounslow and supporting children’s PfA • staff know the range of "
        "advice, guidance and pathways that are available within the local offer and signpost "
        "these more effectively • they develop strategies to improve how practitioners share "
        "information and collaborate between and across education, health and social care.",
    ),
    (
        "80534_nottinghamshire__16_may_2023.pdf",  # body and action both continue on page 6
        PA,
        1,
        "Nottinghamshire County Council and NHS Nottingham and Nottinghamshire Integrated Care "
        "Board",
        "Leaders, NHS Nottingham and Nottinghamshire Integrated Care Board and education, "
        "health, and care providers should cooperate to urgently identify, assess and provide "
        "for the needs of children and young people with SEND. This includes assessment of "
        "needs, timely issuing of EHC plans and holistic oversight of these plans through "
        "annual reviews.",
    ),
    (
        "80538_plymouth__22_august_2023.pdf",  # split over pages 7-8 before 'children'
        AFI,
        2,
        None,
        "Leaders across the partnership should continue to address long waiting times for "
        "children and young people requesting support from health services.",
    ),
    (
        "80565_suffolk__30_january_2024.pdf",  # split inside its last bullet
        PA,
        1,
        "Suffolk County Council, NHS Suffolk and North East Essex ICB and NHS Norfolk and "
        "Waveney area ICB",
        "The LAP should work more collaboratively and effectively to improve strategic "
        "planning. This needs to deliver systems with measurable impact that will create better "
        "experiences and outcomes for children and young people with SEND. In particular they "
        "should urgently improve: • the robustness and impact of governance • the rigour of "
        "quality assurance approaches, so that these give the information leaders require to "
        "address weaknesses effectively • the frequency and quality of multi-agency working "
        "• the management of transitions and planning for adulthood for children and young "
        "people, starting in the earliest years, and across services in education, health and "
        "care, including putting steps in place to reduce NEET, so that they are better "
        "supported to lead fulfilling lives.",
    ),
    (
        "80584_worcestershire__15_july_2024.pdf",  # split after 'This includes ensuring that:'
        AFI,
        1,
        None,
        "Leaders across the partnership should work at pace to implement the action plans that "
        "underpin the SEND strategy and seek to address the areas identified as priorities. "
        "This includes ensuring that: • all services gather accurate data and use this to "
        "effectively identify where there are gaps in provision and commission appropriate "
        "services to address those gaps; • existing processes in place for tracking attendance "
        "are more rigorous in ensuring that no child or young person is missing education for "
        "prolonged periods of time; • the time children and young people wait for a specialist "
        "place is reduced so that AP provision is available to those children and young people "
        "who need it; and • the planned increases in specialist places does not compromise the "
        "quality of existing places and enables valuable outreach to mainstream settings to "
        "continue.",
    ),
    (
        "80494_enfield__02_august_2023.pdf",  # 'ser-' + 'vices' at a line break
        AFI,
        1,
        None,
        "Leaders should ensure that information sharing across education, health and care "
        "services leads to a more consistent understanding of current needs and supports "
        "transition for children and young people as they move from one provider to another.",
    ),
    (
        "80494_enfield__02_august_2023.pdf",  # 'chil-' + 'dren' at a line break
        AFI,
        3,
        None,
        "Leaders should ensure that children and young people with SEND who move from children "
        "to adult health services experience a smooth and effective transition.",
    ),
    (
        "80547_rutland__03_august_2023.pdf",  # 'neuro-' + 'developmental': never printed whole
        AFI,
        1,
        None,
        "ICB leaders should ensure that they set measurable targets to reduce waiting times and "
        "provide effective support for children and young people awaiting neuro-developmental "
        "and mental health assessments.",
    ),
    (
        "80431_blackpool__25_july_2024.pdf",  # numbered item 4, alone in its box on a new page
        AFI,
        4,
        None,
        "Leaders from the local authority should further strengthen the relationships that "
        "they have developed with mainstream schools and academies. They should continue to "
        "work with them, with support as appropriate from the wider partnership, to ensure that "
        "attendance and academic outcomes for children and young people with SEND improve, and "
        "rates of suspensions and exclusion decrease.",
    ),
)


@functools.cache
def _record(file: str) -> dict[str, Any]:
    return parse_report(require_shared(CORPUS / file))


@pytest.mark.parametrize(
    ("file", "field", "number", "body", "text"),
    ITEMS,
    ids=[f"{file.split('__')[0]}-{field}-{number}" for file, field, number, _, _ in ITEMS],
)
def test_whole_item_text(file: str, field: str, number: int, body: str | None, text: str) -> None:
    item = _record(file)[field][number - 1]
    assert item["text"] == text
    assert item["responsible_body"] == body


def test_items_read_in_full_cover_split_rows() -> None:
    assert len(ITEMS) >= 10
    assert len({file for file, *_ in ITEMS}) >= 10
