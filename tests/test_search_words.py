"""The words a search offers when a query finds nothing (casekit/plugin/search_index.py's
index_words): every word of three to forty letters of the pages' texts, lower-cased, each once,
the most frequent first. Fixture texts of every shape; the offer itself is checked in the
browser (test_search_browser.py)."""
from __future__ import annotations

import unicodedata
from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from casekit.plugin.search_index import WORD, index_words

TEXT = st.text(alphabet=st.sampled_from("abcÉéñİıß0_- \n\t.,'’e\u0301\u00a0"), max_size=200)


def _words(texts) -> list:
    """The definition, read over each text whole."""
    counts = Counter(word.lower() for text in texts for word in WORD.findall(unicodedata.normalize("NFC", text)))
    return sorted(counts, key=lambda word: (-counts[word], word))


@given(st.lists(TEXT, max_size=5))
def test_the_words_are_those_of_the_texts_read_whole(texts):
    assert index_words([{"content": text} for text in texts]) == _words(texts)


def test_the_most_frequent_word_comes_first_then_the_alphabet():
    pages = [{"content": "Agua, agua y tierra."}, {"content": "Tierra; AGUA. semillas"}, {}]
    assert index_words(pages) == ["agua", "tierra", "semillas"]


def test_a_word_longer_than_forty_letters_is_read_in_pieces_of_forty():
    assert index_words([{"content": "a" * 85 + " bbb"}]) == ["a" * 40, "aaaaa", "bbb"]
