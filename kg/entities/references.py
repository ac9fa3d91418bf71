"""References to an organisation named before: a bare 集团 ("集团旗下的X", "由集团100%持股", "集团主席Y")
is the group the article named last; 该公司 / 这家公司 the organisation named last. Each becomes a mention of
that organisation at the reference's place, so every rule reads it as the organisation itself."""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from ..records import Mention
from ..text.patterns import alternation, lookbehind_any, starts_any
from .rules import entity_rules
from .words import HAN

REFERENCE_SOURCE = "org-reference"


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    rules = entity_rules()
    group = alternation(rules.group_words)
    # a bare group word: at a clause start or after a word of group_reference_left, never after a name's
    # last character (砺川集团) or a describing word (民营集团)
    # (the lookahead first: the lookbehinds are slow to try at every place)
    bare = re.compile(f"{starts_any(rules.group_words)}"
                      f"(?:^|(?<=[^{HAN}A-Za-z0-9])|{lookbehind_any(rules.group_reference_left)})(?P<ref>{group})")
    pronoun = re.compile(alternation(rules.company_pronouns))
    # (港湾数码集团有限公司: a group's registered name ends in its legal form)
    ends_group = re.compile(f"(?:{group})(?:{alternation(rules.registered_suffixes)})?$")
    return bare, pronoun, ends_group


def _own_organisation(orgs: list[Mention], start: int) -> Mention | None:
    """"鲸岚科技发出内部信：…集团一级部门": no group named, a bare 集团 is the article's own organisation,
    the one named most often before it (twice at least: named once, it may be anyone's)."""
    counts = Counter(o.text for o in orgs if o.end <= start)
    ranked = counts.most_common(2)
    if not ranked or ranked[0][1] < 2 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return next(o for o in reversed(orgs) if o.end <= start and o.text == ranked[0][0])


def org_references(text: str, mentions: list[Mention]) -> list[Mention]:
    """Mentions of the organisations that bare group words and company pronouns refer to."""
    bare, pronoun, ends_group = _patterns()
    orgs = [m for m in mentions if m.type == "Organization"]
    if not orgs:
        return []
    taken = [(m.start, m.end) for m in mentions]
    out = []
    spans = [(m.start("ref"), m.end("ref"), True) for m in bare.finditer(text)]
    spans += [(m.start(), m.end(), False) for m in pronoun.finditer(text)]
    for start, end, group_only in sorted(spans):
        if any(s < end and start < e for s, e in taken):
            continue
        before = [o for o in orgs if o.end <= start and (not group_only or ends_group.search(o.text))]
        target = before[-1] if before else _own_organisation(orgs, start) if group_only else None
        if target is None:
            continue
        out.append(Mention(target.text, "Organization", start, end, target.key, REFERENCE_SOURCE))
        taken.append((start, end))
    return out
