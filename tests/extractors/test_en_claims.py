"""English claims (Person --argues--> statement) on sentences written for the tests.

The speakers are people the catalogue knows (Sam Altman, Jensen Huang, Robin Li, Kai-Fu Lee),
so the tests do not hang on how new names are found; the statements are invented.
"""

from __future__ import annotations

import dataclasses
import re

import pytest

from kg.extractors.en import claims_rules
from kg.extractors.en.claims import person_refs
from kg.extractors.en.claims_text import MAX_LETTERS, curly_quotes, statements, units
from kg.pipeline import process
from kg.records import Extraction, Mention
from tests.conftest import make_article


def extract_en(text: str) -> Extraction:
    return process(dataclasses.replace(make_article(text), lang="en"))


def pairs(x: Extraction) -> list[tuple[str, str]]:
    return [(c.speaker.text, c.text) for c in x.claims]


def said_by(x: Extraction, speaker: str) -> list[str]:
    return [c.text for c in x.claims if speaker in c.speaker.text]


def letters(s: str) -> int:
    return sum(ch.isalnum() for ch in s)


# ------------------------------------------------------------ attribution after the quote

@pytest.mark.parametrize("attribution", [
    "Sam Altman said", "said Sam Altman", "Sam Altman told reporters", "Sam Altman wrote on X",
    "Sam Altman said in an interview on Tuesday", "Sam Altman, the chief executive of OpenAI, said",
    "said Sam Altman, chief executive of OpenAI", "OpenAI chief executive Sam Altman told the Financial Times",
])
def test_en_claims_quote_then_attribution(attribution: str) -> None:
    x = extract_en(f'"Compute will be the currency of the next decade," {attribution}.')
    assert pairs(x) == [("Sam Altman", "Compute will be the currency of the next decade")]


def test_en_claims_curly_quotes_and_multi_sentence_quote_stay_one_claim() -> None:
    x = extract_en("“Chips are scarce. Power is scarcer! We plan for both,” Jensen Huang said.")
    assert pairs(x) == [("Jensen Huang", "Chips are scarce. Power is scarcer! We plan for both")]


def test_en_claims_pronoun_speaker_is_the_last_person_named() -> None:
    x = extract_en('Jensen Huang spoke at a conference in Taipei. "Every data centre will become a factory," '
                   'he said.')
    assert pairs(x) == [("Jensen Huang", "Every data centre will become a factory")]


def test_en_claims_surname_stands_for_the_person_named_before() -> None:
    x = extract_en('Jensen Huang opened the show in Taipei.\n\n"Demand is still rising," Huang said.')
    assert said_by(x, "Huang") == ["Demand is still rising"]


def test_en_claims_split_quote_is_one_claim() -> None:
    x = extract_en('"The first wave was about training," Jensen Huang said, "and the next one is about inference."')
    assert pairs(x) == [("Jensen Huang", "The first wave was about training, and the next one is about inference.")]


def test_en_claims_quote_continued_in_the_same_paragraph_joins_the_claim() -> None:
    x = extract_en('"Prices will halve again," Sam Altman said. "Nobody should be surprised by that."')
    assert pairs(x) == [("Sam Altman", "Prices will halve again. Nobody should be surprised by that.")]
    assert "Nobody should" in x.claims[0].evidence.sentence


def test_en_claims_quote_paragraph_continues_the_speaker() -> None:
    x = extract_en('"We are not done with scaling," Sam Altman said.\n\n"The next model will be much larger."')
    assert pairs(x) == [("Sam Altman", "We are not done with scaling"),
                        ("Sam Altman", "The next model will be much larger.")]
    assert x.claims[1].evidence.rule == "en-continued-quote"


# ------------------------------------------------------------ attribution before what is said

@pytest.mark.parametrize("lead", [
    "Sam Altman said that", "Sam Altman told Reuters that", "Sam Altman wrote on X that",
    "Sam Altman argued that", "Sam Altman warned that", "Sam Altman predicted that", "Sam Altman noted that",
    "Sam Altman insisted that", "Sam Altman believes that", "Sam Altman added that",
    "Sam Altman said on Friday that", "Sam Altman told an audience in Seoul that", "Sam Altman says",
    "Sam Altman said", "Sam Altman, who runs OpenAI, argued last week that",
])
def test_en_claims_indirect_speech(lead: str) -> None:
    x = extract_en(f"{lead} open models would close the gap within a year.")
    assert pairs(x) == [("Sam Altman", "open models would close the gap within a year.")]


def test_en_claims_colon_then_quote() -> None:
    x = extract_en('Jensen Huang said: "Accelerated computing has reached its tipping point."')
    assert pairs(x) == [("Jensen Huang", "Accelerated computing has reached its tipping point.")]


def test_en_claims_any_predicate_before_a_colon_and_quote() -> None:
    x = extract_en('Sam Altman answered the critics with a post on his blog: "We will ship it when it is safe."')
    assert pairs(x) == [("Sam Altman", "We will ship it when it is safe.")]


def test_en_claims_partial_quote_after_that() -> None:
    x = extract_en('Kai-Fu Lee argued this month that "small teams can still win."')
    assert pairs(x) == [("Kai-Fu Lee", "small teams can still win.")]


def test_en_claims_according_to_before_and_after() -> None:
    x = extract_en("According to Robin Li, inference costs fall by 90% a year.\n\n"
                   "Chatbots will be free within a year, according to Kai-Fu Lee.")
    assert pairs(x) == [("Robin Li", "inference costs fall by 90% a year."),
                        ("Kai-Fu Lee", "Chatbots will be free within a year")]


def test_en_claims_in_someones_view() -> None:
    x = extract_en("Robin Li spoke first. In Li's view, the price war has only just begun.\n\n"
                   "Kai-Fu Lee agreed. In his view, margins will never come back.")
    assert pairs(x) == [("Robin Li", "the price war has only just begun."),
                        ("Kai-Fu Lee", "margins will never come back.")]


def test_en_claims_parenthetical_attribution_keeps_both_sides() -> None:
    x = extract_en("Jensen Huang spoke for an hour. Demand is enormous, he said, and supply will stay tight all year.")
    assert pairs(x) == [("Jensen Huang", "Demand is enormous, and supply will stay tight all year.")]


def test_en_claims_who_said_speaks_for_the_name_before() -> None:
    x = extract_en("Open models will win, according to Robin Li, who said distillation keeps narrowing the gap.")
    assert ("Robin Li", "distillation keeps narrowing the gap.") in pairs(x)
    assert ("Robin Li", "Open models will win") in pairs(x)


def test_en_claims_two_speakers_in_one_sentence_each_get_their_part() -> None:
    x = extract_en("Sam Altman said that scaling still works, while Jensen Huang argued that power is the limit.")
    assert pairs(x) == [("Sam Altman", "scaling still works"), ("Jensen Huang", "power is the limit.")]


# ------------------------------------------------------------ not claims

@pytest.mark.parametrize("sentence", [
    '"Our prices are the lowest in the market," the company said in a blog post.',
    "OpenAI said it would cut prices again next quarter.",
    "Alibaba said in a filing that Qwen would remain free to download.",
    "People familiar with the matter said OpenAI was raising new money.",
    "Analysts say the price war will last well into next year.",
    '"The deal is off," a spokesperson said.',
    "A banker in Singapore, who declined to be identified, said the cuts were deep.",
    "Sam Altman declined to say whether OpenAI would cut prices again.",
    "Sam Altman did not say when the model would ship.",
    "The model, which Alibaba says beats rival systems, costs less.",
])
def test_en_claims_companies_and_unnamed_sources_are_not_claims(sentence: str) -> None:
    assert extract_en(sentence).claims == []


def test_en_claims_company_statement_ends_the_speaker() -> None:
    x = extract_en('"We will grow," Sam Altman said.\n\nOpenAI said in a statement that revenue doubled.\n\n'
                   '"This is only the start."')
    assert pairs(x) == [("Sam Altman", "We will grow")]


def test_en_claims_unnamed_source_ends_the_last_person() -> None:
    x = extract_en('Sam Altman spoke in the morning. A person familiar with the plans said the launch would slip. '
                   '"It is late," he said.')
    assert x.claims == []


def test_en_claims_speaker_possessive_is_not_the_speaker() -> None:
    x = extract_en("Sam Altman's company said it would open a new office in Paris.")
    assert x.claims == []


# ------------------------------------------------------------ length, units and dates

def test_en_claims_long_quote_is_cut_at_sentence_ends() -> None:
    sentence = "Our cluster grows every single month and the cost of each token keeps falling fast"
    quote = ". ".join([sentence] * 8) + "."
    x = extract_en(f'"{quote}," Sam Altman said.')
    assert len(x.claims) > 1
    assert all(letters(c.text) <= MAX_LETTERS for c in x.claims)
    assert all(c.speaker.text == "Sam Altman" for c in x.claims)


def test_en_claims_date_and_evidence() -> None:
    x = extract_en("Sam Altman said on Jan. 31, 2025 that the new model would be free.")
    (claim,) = x.claims
    assert claim.date is not None and (claim.date.year, claim.date.month, claim.date.day) == (2025, 1, 31)
    assert claim.evidence.rule == "en-said-that"
    assert claim.evidence.sentence.startswith("Sam Altman said")


def test_en_claims_units_end_outside_quotes_or_before_a_new_sentence() -> None:
    text = curly_quotes('"Smart. Fast," he said. "Next one." Then it ended.')
    cut = [text[s:e].strip() for s, e in units(text, 0, len(text))]
    assert cut == ["“Smart. Fast,” he said.", "“Next one.”", "Then it ended."]


def test_en_claims_statements_strip_quote_marks() -> None:
    assert list(statements("“Cheap tokens are table stakes,”")) == ["Cheap tokens are table stakes"]
    assert list(statements("“ok”")) == []


def test_en_claims_rules_can_be_switched_off(monkeypatch: pytest.MonkeyPatch) -> None:
    text = 'Sam Altman told Reuters that prices will fall. "It is cheap," Jensen Huang said.'
    monkeypatch.setattr(claims_rules, "ATTRIBUTION_RULES",
                        tuple(r for r in claims_rules.ATTRIBUTION_RULES if r is not claims_rules.said_before))
    assert pairs(extract_en(text)) == [("Jensen Huang", "It is cheap")]


def test_en_claims_rules_file_lists_the_words() -> None:
    rules = claims_rules.claim_rules()
    assert "said" in rules.speech_verbs and "he" in rules.pronouns
    assert any(re.search("familiar", w) for w in rules.unnamed_sources)


def test_en_claims_time_phrase_before_indirect_speech() -> None:
    x = extract_en("Robin Li said last week the company would open-source its next model.")
    assert pairs(x) == [("Robin Li", "the company would open-source its next model.")]


def test_en_claims_pronoun_after_plural_unnamed_source_is_nobody() -> None:
    x = extract_en('Jensen Huang spoke first. Shares rose 5%, traders said. "It is a good day," he said.')
    assert x.claims == []


# ------------------------------------------------------------ round 2: profiles, interviews, run-on quotes

def test_en_claims_present_tense_says_after_a_pronoun() -> None:
    x = extract_en('Jensen Huang keeps an old graphics card on his desk. "It reminds me how far we came," he says. '
                   '"Every year the same work gets cheaper."')
    assert pairs(x) == [("Jensen Huang", "It reminds me how far we came. Every year the same work gets cheaper.")]


def test_en_claims_argues_that_then_an_unattributed_quote_joins_the_claim() -> None:
    x = extract_en('Robin Li argues that the price war is healthy. "Only the labs with real savings can cut. '
                   'The others will run out of money."')
    (claim,) = x.claims
    assert claim.speaker.text == "Robin Li"
    assert claim.text.startswith("the price war is healthy.") and "run out of money" in claim.text


def test_en_claims_expects_is_a_prediction_of_the_person() -> None:
    x = extract_en("Kai-Fu Lee spoke at the fair. He expects at least three labs to leave the market by 2027.")
    assert pairs(x) == [("Kai-Fu Lee", "at least three labs to leave the market by 2027.")]


def test_en_claims_expects_with_a_company_subject_is_no_claim() -> None:
    assert extract_en("OpenAI expects revenue to triple next year.").claims == []


def test_en_claims_speech_verb_after_a_determiner_is_a_noun() -> None:
    x = extract_en("Investors get no say over the board, Sam Altman says.")
    assert pairs(x) == [("Sam Altman", "Investors get no say over the board")]


def test_en_claims_bold_headline_question_ends_its_own_unit() -> None:
    x = extract_en("**Is the price war over?** Robin Li argues that it has barely begun.")
    assert pairs(x) == [("Robin Li", "it has barely begun.")]


def test_en_claims_quote_running_over_paragraphs_takes_the_later_attribution() -> None:
    x = extract_en('Jensen Huang spoke in Taipei.\n\n"Demand is strong. We sell every chip we make.\n\n'
                   '"Next year will be bigger still," he said.')
    assert pairs(x) == [("Jensen Huang", "Demand is strong. We sell every chip we make."),
                        ("Jensen Huang", "Next year will be bigger still")]
    assert x.claims[0].evidence.rule == "en-quote-runs-on"


def test_en_claims_run_on_quote_after_an_attribution_continues_the_speaker() -> None:
    x = extract_en('"Demand is strong," Jensen Huang said. "We sell every chip we make.\n\n'
                   '"Next year will be bigger still."')
    assert said_by(x, "Jensen Huang") == ["Demand is strong. We sell every chip we make.",
                                          "Next year will be bigger still."]


def test_en_claims_run_on_quote_with_no_speaker_is_dropped() -> None:
    x = extract_en('"Demand is strong. We sell every chip we make.\n\nThe company said in a statement that it '
                   'would build more plants.')
    assert x.claims == []


def test_en_claims_lone_surname_taken_for_a_company_still_speaks() -> None:
    text = "Priya Raman runs a lab. Raman insists."
    person = Mention("Priya Raman", "Person", 0, 11, None, "test")
    org = Mention("Raman", "Organization", 24, 29, None, "test")
    refs = person_refs(text, [person], [person, org])
    assert [(text[r.start:r.end], r.person.text) for r in refs] == [("Priya Raman", "Priya Raman"),
                                                                      ("Raman", "Priya Raman")]


INTERVIEW_INTRO = ("Robin Li has run Baidu for twenty years. Sam Altman once called him a rival. "
                   "Li has heard every argument about prices. We asked him about them.\n\n")


def test_en_claims_labelled_interview_answers_belong_to_the_interviewee() -> None:
    x = extract_en(INTERVIEW_INTRO + "**Q: Will you cut prices again?**\n\n"
                   "A: Yes, and sooner than our rivals expect. Cheap models bring new users.\n\n"
                   "Q: What did Sam Altman get wrong?\n\nA: Nothing yet, but the year is young.")
    assert said_by(x, "Robin Li") == ["Yes, and sooner than our rivals expect. Cheap models bring new users.",
                                      "Nothing yet, but the year is young."]
    assert all(c.speaker.text == "Robin Li" for c in x.claims)
    assert {c.evidence.rule for c in x.claims} == {"en-interview-answer"}


def test_en_claims_bold_question_layout_answers_belong_to_the_interviewee() -> None:
    x = extract_en(INTERVIEW_INTRO + "**Would you ever sell the search business?**\n\n"
                   "Never while the company still needs its cash.\n\n"
                   "**What are you building next?**\n\nA chatbot that runs on a phone without a network.")
    assert pairs(x) == [("Robin Li", "Never while the company still needs its cash."),
                        ("Robin Li", "A chatbot that runs on a phone without a network.")]


def test_en_claims_headline_question_without_a_guest_is_not_an_interview() -> None:
    x = extract_en("Robin Li spoke in Beijing.\n\n**Is the price war over?**\n\n"
                   "Prices fell again in May, and most labs followed.")
    assert x.claims == []


def test_en_claims_heading_or_attribution_ends_the_interview() -> None:
    x = extract_en(INTERVIEW_INTRO + "**Q: Will you cut prices again?**\n\nA: Yes, within a month.\n\n"
                   "**Market reaction**\n\nShares rose 3% after the interview was published.\n\n"
                   '"He is right about prices," Sam Altman said.')
    assert pairs(x) == [("Robin Li", "Yes, within a month."), ("Sam Altman", "He is right about prices")]


def test_en_claims_transcript_name_label_names_who_answers() -> None:
    x = extract_en(INTERVIEW_INTRO + "Q: Will you cut prices again?\n\n"
                   'Li: Yes. As our engineers say, "cheap is a feature."\n\nQ: And your rivals?\n\n'
                   "Sam Altman: We will match him.")
    assert pairs(x) == [("Robin Li", "Yes. As our engineers say, cheap is a feature."),
                        ("Sam Altman", "We will match him.")]


@pytest.mark.parametrize("sentence", [
    "Sam Altman is expected to say more about the model next week.",
    "Jensen Huang plans to tell investors about the new chip in March.",
    "Sam Altman has said so for years.",
])
def test_en_claims_speech_yet_to_come_or_without_content_is_no_claim(sentence: str) -> None:
    assert extract_en(sentence).claims == []


def test_en_claims_quote_over_paragraphs_ending_with_a_company_is_no_claim() -> None:
    x = extract_en('Sam Altman spoke first.\n\n"Prices will fall. Margins will not.\n\n'
                   '"We see it every quarter," the company said in a statement.')
    assert x.claims == []


# ------------------------------------------------------------------ round 3: court and advocates


def test_en_claims_testified_that_and_she_testified() -> None:
    x = extract_en('Marta Quell, Dunmore\'s chief executive, testified that the contract had no exit clause. '
                   '"We never saw the second draft," she testified.')
    said = said_by(x, "Quell")
    assert any("the contract had no exit clause" in s for s in said)
    assert any("never saw the second draft" in s for s in said)


def test_en_claims_lawyer_for_a_party_is_no_claim() -> None:
    x = extract_en('"This merger is plainly unlawful," Tobias Wren, a partner at the law firm Hale & Orme who '
                   'represents Dunmore, said after the hearing. Nina Barros of Pettigrew Lowe, Acme\'s lead counsel, '
                   'told reporters the claim was "baseless."')
    assert pairs(x) == []


def test_en_claims_passive_speech_verb_is_no_attribution() -> None:
    x = extract_en("Ravi Castell, the startup's chief executive, spoke first. Castell also testified that prices "
                   "rose two weeks after the deal was announced, to $3 per million tokens.")
    said = said_by(x, "Castell")
    assert len(said) == 1 and said[0].startswith("prices rose two weeks after the deal was announced")
