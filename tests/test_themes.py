"""Theme tags: the rules file is well formed, and real items get the tags a reader would give.

The quotations are short extracts of priority actions and areas for improvement from the shared
real reports (Ofsted/CQC, Open Government Licence), each with the tags written by hand.
"""

from __future__ import annotations

import re

import pytest

from sendscrape.enrich.themes import (
    ThemeRulesError,
    compile_pattern,
    load_themes,
    parse_rules,
    tag_themes,
    themes_of_text,
)

REQUIRED_THEMES = {
    "ehc_plans",
    "neurodevelopmental_assessment",
    "speech_language_therapy",
    "mental_health",
    "strategic_leadership",
    "coproduction_communication",
    "identification_of_needs",
    "preparation_for_adulthood",
    "alternative_provision_exclusions",
    "inclusion_mainstream",
}

# (report, quotation, {theme: phrase that triggers it}); every other theme must be absent.
REAL_ITEMS: list[tuple[str, str, dict[str, str]]] = [
    (
        "Wakefield",
        "The local area partnership should strengthen its work to further address access to, "
        "and waiting times in, community clinics for speech and language therapy, specialist "
        "CAMHS and neurodevelopmental assessment pathways.",
        {
            "waiting_times": "waiting times",
            "speech_language_therapy": "speech and language therapy",
            "mental_health": "CAMHS",
            "neurodevelopmental_assessment": "neurodevelopmental assessment",
        },
    ),
    (
        "Wakefield",
        "The local area partnership should strengthen the contribution from health and social "
        "care to transition to adulthood planning within the EHC plan process.",
        {
            "social_care": "social care",
            "preparation_for_adulthood": "transition",
            "ehc_plans": "EHC plan",
        },
    ),
    (
        "Halton",
        "Leaders should improve the pace and traction of the AP strategy to ensure that it "
        "impacts positively on children and young people with SEND.",
        {"alternative_provision_exclusions": "AP"},
    ),
    (
        "Halton",
        "Leaders across education, health and social care should improve the joint "
        "commissioning of services to ensure that children, young people and their families "
        "receive sufficient support to have their needs met effectively.",
        {"strategic_leadership": "joint commissioning"},
    ),
    (
        "Halton",
        "Leaders across education, health and social care should urgently improve the early "
        "identification of needs and access to specialist health pathways, including the "
        "neurodevelopmental assessment pathway and speech and language therapy and the support "
        "available, while children and young people wait.",
        {
            "identification_of_needs": "early identification",
            "neurodevelopmental_assessment": "neurodevelopmental assessment",
            "speech_language_therapy": "speech and language therapy",
            "waiting_times": "wait",
        },
    ),
    (
        "Halton",
        "Leaders across education, health and social care should improve the timeliness of new "
        "EHC plans and updates to EHC plans following the annual review process.",
        {"ehc_plans": "EHC plans"},
    ),
    (
        "Bedford",
        "Some children and young people with SEND wait too long for neurodevelopmental "
        "assessment in Bedford Borough.",
        {
            "waiting_times": "wait too long",
            "neurodevelopmental_assessment": "neurodevelopmental assessment",
        },
    ),
    (
        "Bedford",
        "The partnership should establish more effective processes to ensure that children and "
        "young people’s needs are identified quickly and accurately. This is so that unmet needs "
        "in schools are addressed earlier and better, and so children and young people with "
        "SEND at risk of exclusion are helped more proactively.",
        {
            "identification_of_needs": "needs are identified",
            "alternative_provision_exclusions": "exclusion",
        },
    ),
    (
        "Blackpool",
        "The local area should ensure that the voices of hard to reach parents, carers and their "
        "children are heard in any co-production work.",
        {"coproduction_communication": "voices"},
    ),
    (
        "Blackpool",
        "Leaders from the local authority should further strengthen the relationships that they "
        "have developed with mainstream schools and academies. They should continue to work with "
        "them to ensure that attendance and academic outcomes for children and young people "
        "with SEND improve, and rates of suspensions and exclusion decrease.",
        {
            "inclusion_mainstream": "mainstream",
            "alternative_provision_exclusions": "attendance",
            "education_outcomes": "academic outcomes",
        },
    ),
    (
        "Cornwall",
        "Leaders across the partnership should establish effective communication across the "
        "partnership to improve the experiences for children and young people with SEND and "
        "their families.",
        {"strategic_leadership": "communication across the partnership"},
    ),
    (
        "Cornwall",
        "Leaders across the partnership must improve the quality of education, health and care "
        "planning and review.",
        {"ehc_plans": "education, health and care planning"},
    ),
    (
        "Darlington",
        "Leaders in health should continue to take action to reduce waiting times across some "
        "health services, including neuro-developmental pathways as well as therapies that "
        "include occupational therapy and speech and language therapy.",
        {
            "waiting_times": "waiting times",
            "health_services": "health services",
            "neurodevelopmental_assessment": "neuro-developmental pathways",
            "speech_language_therapy": "speech and language therapy",
        },
    ),
    (
        "Durham",
        "The LAP should continue to strengthen its work to further reduce the delays in "
        "accessing CAMHS and neurodevelopmental pathways across the age range of children and "
        "young people.",
        {
            "waiting_times": "delays",
            "mental_health": "CAMHS",
            "neurodevelopmental_assessment": "neurodevelopmental pathways",
        },
    ),
    (
        "East Sussex",
        "The local area partnership should develop and embed its work with education settings "
        "on improving inclusion, so that the proportion of children and young people achieving "
        "strong outcomes increases.",
        {"inclusion_mainstream": "inclusion", "education_outcomes": "achieving strong outcomes"},
    ),
    (
        "East Sussex",
        "The local area partnership should continue to work with relevant stakeholders to ensure "
        "that there is sufficient and suitable AP and post-16 options for children and young "
        "people with SEND.",
        {"alternative_provision_exclusions": "AP", "preparation_for_adulthood": "post-16"},
    ),
    (
        "Gateshead",
        "Leaders in health should ensure there is clear oversight of children and young people "
        "as they move through the emotional well-being and mental health support systems in "
        "the area.",
        {"mental_health": "emotional well-being"},
    ),
    (
        "Hertfordshire",
        "Leaders should act with urgency to accelerate their data dashboard work so that they "
        "have a shared, accurate understanding of the exact provision for SEND in "
        "Hertfordshire.",
        {"strategic_leadership": "data dashboard"},
    ),
    (
        "Hertfordshire",
        "Leaders should further address the gaps and delays in service provision to meet the "
        "full range of needs of children and young people with SEND. This includes services for "
        "ASD, ADHD, mental health, audiology and speech and language.",
        {
            "waiting_times": "delays",
            "neurodevelopmental_assessment": "ASD",
            "mental_health": "mental health",
            "health_services": "audiology",
            "speech_language_therapy": "speech and language",
        },
    ),
    (
        "Hertfordshire",
        "The local area partnership should act to address parents’ and carers’ concerns at an "
        "early stage to reduce dissatisfaction.",
        {"coproduction_communication": "parents’ and carers’ concerns"},
    ),
    (
        "Kingston upon Hull",
        "Leaders should develop a coordinated local area partnership approach to training and "
        "workforce development.",
        {"workforce_training": "training"},
    ),
    (
        "Lancashire",
        "Leaders from the ICB and local authority should continue to work together with urgency "
        "to address the delays and gaps in service provision within the current neurodivergent "
        "pathway.",
        {"waiting_times": "delays", "neurodevelopmental_assessment": "neurodivergent"},
    ),
    (
        "Lancashire",
        "Leaders across the partnership should continue to work collaboratively to ensure that "
        "young people with SEND from across the whole of Lancashire are well prepared for "
        "adulthood and transition.",
        {"preparation_for_adulthood": "prepared for adulthood"},
    ),
    (
        "Barking and Dagenham",
        "Too few families receive an antenatal visit. This means opportunities to identify and "
        "support needs at the earliest point are missed.",
        {
            "health_services": "antenatal visit",
            "identification_of_needs": "identify and support",
        },
    ),
    (
        "Lewisham",
        "Leaders across the partnership need to strengthen the support for young people in "
        "preparing for adulthood. They should focus on ensuring that a broad offer for "
        "education, employment and training is available locally.",
        {"preparation_for_adulthood": "preparing for adulthood"},
    ),
    (
        "Medway",
        "Leaders across the partnership should continue to improve co-production specifically "
        "to ensure that children’s and young people’s voices are heard.",
        {"coproduction_communication": "co-production"},
    ),
    (
        "Middlesbrough",
        "Leaders should continue to implement their strategy to reduce suspensions.",
        {"alternative_provision_exclusions": "suspensions"},
    ),
    (
        "Plymouth",
        "Leaders, including Plymouth City Council and school and college leaders, should work "
        "together to reduce the likelihood of exclusion for pupils with an EHCP.",
        {"alternative_provision_exclusions": "exclusion", "ehc_plans": "EHCP"},
    ),
    (
        "Plymouth",
        "Leaders across health, social care and education should improve the consistency of the "
        "support offered to children and young people with SEND by ensuring all children receive "
        "the mandated checks in line with the Healthy Child Programme.",
        {"health_services": "Healthy Child Programme"},
    ),
    (
        "Sandwell",
        "Area leaders should increase the number and range of short break opportunities to "
        "support the needs of all children and young people with SEND, including those with "
        "complex needs and post-16 young people.",
        {"social_care": "short break"},
    ),
    (
        "Southend-on-Sea",
        "The local area partnership should make sure that parents and carers and professionals "
        "receive clear and reliable information about how to access the range of support and "
        "services that are available.",
        {"coproduction_communication": "clear and reliable information"},
    ),
    (
        "Stoke-on-Trent",
        "The local partnership should continue to improve the oversight of children and young "
        "people attending and quality assurance of alternative provisions and out-of-county "
        "placements, including residential settings.",
        {
            "strategic_leadership": "quality assurance",
            "alternative_provision_exclusions": "attending",
            "specialist_provision": "out-of-county placements",
        },
    ),
    (
        "Suffolk",
        "Leaders across the partnership should use performance data and information effectively "
        "to inform their evaluation, sufficiency planning and joint commissioning of SEND "
        "services.",
        {
            "strategic_leadership": "joint commissioning",
            "specialist_provision": "sufficiency planning",
        },
    ),
    (
        "Trafford",
        "Leaders across the partnership should improve transitions for children and young people "
        "between children’s and adults’ services and within health, education and social care.",
        {"preparation_for_adulthood": "transitions"},
    ),
    (
        "West Sussex",
        "Health leaders should act immediately to ensure that children identified as at high "
        "risk of aspiration are fully assessed, including access to video-fluoroscopy as "
        "necessary.",
        {"health_services": "video-fluoroscopy"},
    ),
    # Context: a word counts only in the phrases the rules list (themes.toml `exclude`).
    (
        "Sandwell",
        "Area leaders should develop co-production with children and young people with SEND at a "
        "strategic level so that children and young people play a key role in developing "
        "improvement strategies and plans.",
        {"coproduction_communication": "co-production"},
    ),
    (
        "Trafford",
        "Leaders across the partnership should increase the opportunities for children and young "
        "people’s voices to be heard and acted on both at a strategic and individual level. They "
        "should also develop the range of, and access to, social opportunities for children and "
        "young people in order to reduce the current inequality across some areas within Trafford.",
        {
            "coproduction_communication": "voices",
            "community_social_opportunities": "social opportunities",
        },
    ),
    (
        "Wiltshire",
        "Some children and young people wait too long for assessment and diagnosis across several "
        "health services. The local area partnership’s records lack robust information about how "
        "long some children are waiting. The local area partnership should improve how they "
        "utilise information and data for health services and work on reducing the delays that "
        "some children, young people and families currently face.",
        {"waiting_times": "wait too long", "health_services": "health services"},
    ),
    (
        "Kingston upon Hull",
        "Leaders should measure the impact of strategic actions of the local area partnership more "
        "consistently. They should use the information to evaluate the effectiveness of the local "
        "partnership work.",
        {"strategic_leadership": "measure the impact"},
    ),
    (
        "Suffolk",
        "Local area partnership leaders should cooperate to take urgent action to improve the "
        "timeliness and quality of the statutory EHC plan processes, EHC plan needs assessments, "
        "and EHC plans and annual reviews.",
        {"ehc_plans": "EHC plan"},
    ),
    (
        "Southampton",
        "Health commissioners and leaders need to further develop strategies to reduce waiting "
        "times for neurodiverse assessments and ensure children and young people receive ADHD "
        "medication when needed.",
        {"waiting_times": "waiting times", "neurodevelopmental_assessment": "neurodiverse"},
    ),
    (
        "Durham",
        "The LAP should ensure that children and young people and their families can access "
        "easily identifiable needs-led services. Informed practitioners should direct families to "
        "services that provide support, guidance and intervention at the earliest opportunity.",
        {"coproduction_communication": "direct families to"},
    ),
    (
        "Worcestershire",
        "Leaders across the partnership should continue to address the long waiting times for "
        "children and young people requesting support from CAMHS.",
        {"waiting_times": "waiting times", "mental_health": "CAMHS"},
    ),
]


def test_taxonomy_has_the_themes_the_issue_asks_for() -> None:
    assert {theme.id for theme in load_themes()} >= REQUIRED_THEMES


def test_every_theme_has_an_id_label_description_and_patterns() -> None:
    for theme in load_themes():
        assert re.fullmatch(r"[a-z][a-z_]*", theme.id), theme.id
        assert theme.label.strip(), theme.id
        assert theme.description.strip(), theme.id
        assert theme.patterns, theme.id
        assert len(theme.patterns) == len(theme.regexes), theme.id


def test_every_pattern_compiles_and_does_not_match_empty_text() -> None:
    for theme in load_themes():
        for pattern in theme.patterns:
            assert compile_pattern(pattern).search("") is None, (theme.id, pattern)
            assert compile_pattern(pattern).search(" \n ") is None, (theme.id, pattern)


@pytest.mark.parametrize(("report", "text", "expected"), REAL_ITEMS)
def test_real_item_gets_the_hand_written_tags(
    report: str, text: str, expected: dict[str, str]
) -> None:
    tags = {tag["theme"]: tag["phrase"] for tag in themes_of_text(text)}
    assert tags == expected, report


def test_at_least_thirty_real_items_are_checked() -> None:
    assert len(REAL_ITEMS) >= 30


def test_tags_keep_taxonomy_order_and_one_tag_per_theme() -> None:
    order = [theme.id for theme in load_themes()]
    for _, text, _ in REAL_ITEMS:
        tagged = [tag["theme"] for tag in themes_of_text(text)]
        assert tagged == sorted(set(tagged), key=order.index)


def test_phrase_is_matched_across_line_breaks_and_kept_as_collapsed_text() -> None:
    tags = themes_of_text("reduce waits for speech and\nlanguage therapy")
    assert {"theme": "speech_language_therapy", "phrase": "speech and language therapy"} in tags


def test_word_boundaries_and_case_sensitive_acronyms() -> None:
    assert themes_of_text("Leaders should map each approach and apply it") == []
    assert themes_of_text("they reaped the dataset") == []
    tags = themes_of_text("The ap SEND strategy")
    assert [tag["theme"] for tag in tags] == ["strategic_leadership"]


def test_stock_list_education_health_and_social_care_is_not_a_social_care_theme() -> None:
    assert themes_of_text("Leaders across education, health and social care should act") == []
    tags = themes_of_text("contributions from children’s social care into the plans")
    assert tags == [{"theme": "social_care", "phrase": "social care"}]


def test_a_match_inside_an_exclude_phrase_does_not_count() -> None:
    rules = (
        "[[theme]]\nid = 'lead'\nlabel = 'L'\ndescription = 'D'\n"
        "patterns = ['strategic', 'strategic plans?']\nexclude = ['at a strategic level']\n"
    )
    themes = parse_rules(rules, "rules.toml")
    assert themes[0].excludes == ("at a strategic level",)
    assert themes_of_text("co-production at a strategic level", themes) == []
    assert themes_of_text("at a strategic level, and a strategic plan", themes) == [
        {"theme": "lead", "phrase": "strategic plan"}
    ]


def test_leaders_evaluating_one_service_or_sharing_data_is_not_strategic_leadership() -> None:
    assert themes_of_text("Leaders should evaluate the impact of the new therapy service.") == [
        {"theme": "health_services", "phrase": "therapy"}
    ]
    assert themes_of_text("Services should share data so that needs are understood.") == [
        {"theme": "identification_of_needs", "phrase": "needs are understood"}
    ]
    tags = themes_of_text("Leaders should evaluate the impact of the partnership on outcomes.")
    assert tags == [
        {"theme": "strategic_leadership", "phrase": "evaluate the impact of the partnership"}
    ]


def test_tag_themes_adds_themes_to_both_lists_and_leaves_other_fields_alone() -> None:
    fields: dict[str, object] = {
        "report_type": "area_send_full_inspection",
        "priority_actions": [{"responsible_body": "Council", "text": "Reduce CAMHS waits."}],
        "areas_for_improvement": [{"responsible_body": None, "text": "Improve nothing named."}],
        "outcome_text": "EHC plans are late",
    }
    tagged = tag_themes(fields)
    assert tagged["priority_actions"] == [
        {
            "responsible_body": "Council",
            "text": "Reduce CAMHS waits.",
            "themes": [
                {"theme": "mental_health", "phrase": "CAMHS"},
                {"theme": "waiting_times", "phrase": "waits"},
            ],
        }
    ]
    assert tagged["areas_for_improvement"] == [
        {"responsible_body": None, "text": "Improve nothing named.", "themes": []}
    ]
    assert tagged["outcome_text"] == "EHC plans are late"
    assert "themes" not in fields["priority_actions"][0]  # type: ignore[index]


def test_tag_themes_leaves_kinds_without_item_lists_unchanged() -> None:
    fields: dict[str, object] = {
        "report_type": "local_area_send_inspection",
        "significant_weaknesses": ["EHC plans are poor"],
    }
    assert tag_themes(fields) == fields


def test_malformed_item_is_passed_on_for_validation_to_report() -> None:
    tagged = tag_themes({"priority_actions": [{"responsible_body": "Council"}, "loose text"]})
    assert tagged["priority_actions"] == [{"responsible_body": "Council"}, "loose text"]


ONE_THEME = "[[theme]]\nid = 'a'\nlabel = 'L'\ndescription = 'D'\npatterns = ['x']\n"


@pytest.mark.parametrize(
    ("rules", "reason"),
    [
        ("[[theme]]\nlabel = 'L'\ndescription = 'D'\npatterns = ['x']\n", "has no id"),
        ("[[theme]]\nid = 'a'\ndescription = 'D'\npatterns = ['x']\n", "label is missing"),
        ("[[theme]]\nid = 'a'\nlabel = 'L'\ndescription = 'D'\npatterns = []\n", "non-empty list"),
        ("[[theme]]\nid = 'a'\nlabel = 'L'\ndescription = 'D'\npatterns = ['(x']\n", "'(x'"),
        ("[[theme]]\nid = 'a'\nlabel = 'L'\ndescription = 'D'\npatterns = ['x']\n" * 2, "twice"),
        (
            ONE_THEME + "exclude = 'y'\n",
            "exclude must be a list",
        ),
        (
            ONE_THEME + "exclude = ['(y']\n",
            "exclude entry '(y'",
        ),
        (
            ONE_THEME + "unless = ['y']\n",
            "unknown key(s) unless",
        ),
        ("theme = 3\n", "no [[theme]] tables"),
        ("[[theme]\n", "not valid TOML"),
    ],
)
def test_malformed_rules_name_the_file_and_the_reason(rules: str, reason: str) -> None:
    with pytest.raises(ThemeRulesError, match=re.escape(reason)) as caught:
        parse_rules(rules, "rules.toml")
    assert str(caught.value).startswith("rules.toml: theme ")
