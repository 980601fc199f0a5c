"""Word lists the NLP stage shares: duty verbs, leading filler, requirement cues, lemmas.

The lemma table is spaCy's English lookup table (spacy-lookups-data, MIT licence; see
resources/en_lemma_LICENSE.txt) shipped in the package, so nothing is downloaded at run time.
"""
from __future__ import annotations

import gzip
import json
import re
from functools import lru_cache
from importlib import resources

import numpy as np
from spacy.strings import hash_string

DUTY_VERBS = frozenset("""
accept act address administer advise advocate align allocate analyse analyze anticipate apply approve
arrange articulate assess assign assist attend audit balance brief bring budget build calculate
capture carry champion chair challenge clarify close coach collaborate collect communicate compile
conduct configure confirm connect consolidate consult contribute control coordinate co-ordinate create
cultivate curate decide decompose define delegate deliver demo demonstrate deploy design determine
develop devise direct discover document drive educate elicit embed empower enable encourage enforce
engage enhance ensure establish estimate evaluate evangelize evangelise evolve execute expand
experiment facilitate figure finalise finalize forecast formulate foster gather generate govern
groom grow guide handle help hire host identify implement improve influence inform initiate inspire
instil instill integrate interview introduce investigate iterate keep launch lead liaise maintain
manage map market maximise maximize measure mediate mentor model monitor motivate negotiate nurture
obtain onboard operate optimise optimize orchestrate order organise organize outline own oversee
partner perform pitch plan position prepare present price prioritise prioritize produce promote
propose protect prototype provide publish question raise recommend reconcile recruit refine
regulate remove report represent research resolve respond review roll run safeguard schedule scope
secure serve set shape share showcase sign size slice source specify spearhead sponsor staff steer
streamline structure supervise support sustain synthesise synthesize take teach test track train
translate triage troubleshoot uncover understand unblock update uphold use validate verify work write
""".split())

# Leading words that carry no duty content ("You will own ..." -> "own ...").
FILLER = re.compile(
    r"^(?:(?:in this role|as (?:a|an|the|our) [\w /&-]{1,40}?|day to day|on a daily basis|together with [\w ]{1,30}?)"
    r"[,:]?\s+)?"
    r"(?:you(?:'ll| will| would| shall)?(?: be)?(?: expected| required| responsible| accountable| asked)?"
    r"(?: to| for)?|(?:be |being )?(?:responsible|accountable) for|your (?:role|job|mission|task) (?:is|will be) to"
    r"|the (?:ability|opportunity) to|ability to|we (?:need|want|expect) you to|expected to|required to"
    r"|will(?: be)?|to)\s+",
    re.IGNORECASE,
)

REQUIREMENT_CUE = re.compile(
    r"^(?:\d+\s*\+?\s*(?:years|yrs)|(?:at least|minimum|min\.?) \w+ years|\w+ (?:\(\d+\) )?years|experience|"
    r"proven|knowledge|degree|bachelor|master'?s|ba\b|bs\b|msc|mba|phd|certif|proficien|familiar|"
    r"strong|excellent|solid|demonstrated|fluent|fluency|understanding of|track record|background in|"
    r"you (?:have|are|bring)|must|exposure|comfort(?:able)?\b|a passion|passion|ability to work|good|great|"
    r"outstanding|exceptional|hands-on experience|working knowledge|nice to have|bonus|preferred|"
    r"(?:csm|cspo|psm|pmp|prince2|safe|capm|psm i)\b)",
    re.IGNORECASE,
)

DUTY_CUE = re.compile(
    r"\b(?:you(?:'ll| will)(?: also)?(?: be)?|responsible for|accountable for|in this role|your (?:role|job|mission) (?:is|will be)|"
    r"you own|you lead|you run|you drive|you manage|you work|you act|you support|you coach|you facilitate)\b",
    re.IGNORECASE,
)


@lru_cache(maxsize=1)
def lemma_table() -> dict[str, str]:
    """spaCy's English lookup lemmas, loaded once from the package."""
    data = resources.files("classifier.resources").joinpath("en_lemma_lookup.json.gz").read_bytes()
    return json.loads(gzip.decompress(data))


@lru_cache(maxsize=1)
def _lemma_hashes() -> tuple[np.ndarray, np.ndarray]:
    table = lemma_table()
    keys = np.fromiter((hash_string(w) for w in table), dtype=np.uint64, count=len(table))
    values = np.fromiter((hash_string(v) for v in table.values()), dtype=np.uint64, count=len(table))
    order = np.argsort(keys)
    return keys[order], values[order]


def lemma_hashes(words: np.ndarray) -> np.ndarray:
    """The lookup lemmas of lower-cased words given as spaCy string hashes, as hashes (vectorized)."""
    keys, values = _lemma_hashes()
    at = np.minimum(np.searchsorted(keys, words), len(keys) - 1)
    return np.where(keys[at] == words, values[at], words)


def lemma(word: str) -> str:
    """Lower-case lookup lemma of one word (the word itself when unknown)."""
    low = word.lower()
    return lemma_table().get(low, low)


@lru_cache(maxsize=1 << 16)  # words repeat: a cache hit costs less than three set lookups and a lemma
def is_duty_verb(word: str) -> bool:
    """True when ``word`` (any inflection: Own, Drives, managing) is a duty verb."""
    low = word.lower()
    return low in DUTY_VERBS or lemma(low) in DUTY_VERBS or (low.endswith("ing") and low[:-3] in DUTY_VERBS)
