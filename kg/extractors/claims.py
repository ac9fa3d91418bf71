"""Claims: statements reported with a speech verb and attached to their speaker.

"X认为，…" / "X表示：“…”" take what follows the verb; "“…”X说" takes the
quote before; "他还认为" and a quote paragraph on its own continue the last
person named. One claim per statement: the text stops at the sentence end.
"""

from __future__ import annotations

import re

from ..analyse import alternation, lexicon
from ..extract import Context, Sentence, extractor
from ..records import Claim, Extraction, Mention

MAX_CHARS = 280
PRONOUN = re.compile(r"^(?:他|她)(?:还|也|则|更|又|同时|进一步)?")
ADVERBS = r"(?:还|也|则|更|就|又|同时|进一步|明确|直接|公开|此前|曾|随后|当时|罕见地|在会上|在会后的[^，,。]{0,12}上)*"


def speech_re() -> re.Pattern[str]:
    verbs = alternation(lexicon()["speech_verbs"])
    return re.compile(r"^" + ADVERBS + r"[^，,。；;“”]{0,24}?(?:" + verbs + r")(?:称|道|说)?[，,:：]?\s*")


def clean(text: str) -> str:
    text = text.strip().strip("，,:：")
    if text.count("“") < text.count("”") and text.startswith("”"):
        text = text[1:]
    return text.strip()


@extractor("claims")
def claims(ctx: Context, out: Extraction) -> None:
    verb_re = speech_re()
    in_view = re.compile(r"在(?P<who>.{2,4}?)(?:也)?看来[，,]?")
    last_person: Mention | None = None
    for sent in ctx.sentences:
        persons = [m for m in sent.mentions if m.type == "Person"]
        text = sent.text
        claimed = False
        for p in persons:
            rest = ctx.text[p.end:sent.end]
            m = verb_re.match(rest)
            if m and not re.search(r"[“”]", rest[:m.start() + 1]):
                said = clean(rest[m.end():])
                if len(said) >= 6:
                    out.claims.append(Claim(p, said[:MAX_CHARS], ctx.evidence(sent, "speaker-verb"),
                                            date=ctx.date_in(text)))
                    claimed = True
                    break
            # “…”X说 / “…”X称
            before = ctx.text[sent.start:p.start]
            if re.search(r"[”\"]\s*[。，,]?$", before) and verb_re.match(rest):
                q = re.search(r"“([^“”]{6,})”[。，,]?\s*$", before)
                if q:
                    out.claims.append(Claim(p, q.group(1)[:MAX_CHARS], ctx.evidence(sent, "quote-speaker"),
                                            date=ctx.date_in(text)))
                    claimed = True
                    break
        if not claimed:
            m = in_view.search(text)
            if m:
                who = [p for p in persons if p.text == m.group("who")]
                if who:
                    said = clean(text[m.end():])
                    if len(said) >= 6:
                        out.claims.append(Claim(who[0], said[:MAX_CHARS], ctx.evidence(sent, "in-view"),
                                                date=ctx.date_in(text)))
                        claimed = True
        if not claimed and last_person is not None:
            stripped = text.strip()
            pm = PRONOUN.match(stripped)
            if pm:
                m = verb_re.match(stripped[pm.end():])
                if m:
                    said = clean(stripped[pm.end() + m.end():])
                    if len(said) >= 6:
                        out.claims.append(Claim(last_person, said[:MAX_CHARS],
                                                ctx.evidence(sent, "pronoun-speaker"), date=ctx.date_in(text)))
            elif stripped.startswith("“") and not persons and _paragraph_start(ctx, sent):
                said = clean(stripped.strip("“”"))
                if len(said) >= 6:
                    out.claims.append(Claim(last_person, said[:MAX_CHARS],
                                            ctx.evidence(sent, "continued-quote"), date=ctx.date_in(text)))
        if persons:
            last_person = persons[-1]


def _paragraph_start(ctx: Context, sent: Sentence) -> bool:
    return sent.start == 0 or ctx.text[sent.start - 1] == "\n"
