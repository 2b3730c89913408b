"""Search words are found in results the way the full-text index found them."""

from __future__ import annotations

from desktop.core.highlight import excerpt, spans


def marked(text: str, query: str) -> str:
    out, last = "", 0
    for start, end in spans(text, query):
        out += text[last:start] + "[" + text[start:end] + "]"
        last = end
    return out + text[last:]


def test_each_word_of_the_query_marks_the_start_of_the_words_it_matched() -> None:
    assert marked("Senior Python developer for a FastAPI service", "pyth dev") == \
        "Senior [Pyth]on [dev]eloper for a FastAPI service"


def test_case_and_accents_do_not_matter() -> None:
    assert marked("Rédaction d'un résumé", "resume REDAC") == "[Rédac]tion d'un [résumé]"
    assert marked("Resume writer", "résumé") == "[Resume] writer"


def test_only_word_starts_match_like_the_index() -> None:
    assert marked("Django and Go", "go") == "Django and [Go]"
    assert spans("anything", "") == []
    assert spans("", "python") == []


def test_the_longer_word_wins_where_two_match() -> None:
    assert marked("react reactive", "react reactiv") == "[react] [reactiv]e"


def test_query_syntax_is_only_words() -> None:
    assert marked('Data "NEAR" analyst', 'NEAR(data) -analyst') == '[Data] "[NEAR]" [analyst]'


def test_the_excerpt_starts_near_the_first_match() -> None:
    text = ("We are a ten-person company looking for help with many things over the next months, "
            "mainly a Kubernetes migration of our cluster.")
    shown, cut = excerpt(text, "kubernetes")
    assert shown == "next months, mainly a Kubernetes migration of our cluster."
    assert text[cut:] == shown
    assert excerpt("Kubernetes first", "kubernetes") == ("Kubernetes first", 0)
