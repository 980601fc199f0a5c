import json

import pytest

from classifier.errors import InputError
from classifier.read import decode, html_to_text, read_posting, split_title


@pytest.mark.parametrize("text,title", [
    ("Senior Product Owner\n\nWe build...", "Senior Product Owner"),
    ("# Scrum Master\nbody", "Scrum Master"),
    ("**Project Manager – Solar**\n\nbody", "Project Manager – Solar"),
    ("We are hiring a product manager to own our roadmap.\nMore", None),
    ("- Own the backlog\n- Write stories", None),
    ("Responsibilities\n- Own the backlog", None),
    ("\n\n  Delivery Manager  \nbody", "Delivery Manager"),
    ("What a great place to work, join us today and grow with a company that cares deeply!\n", None),
])
def test_title_rule(text, title):
    assert split_title(text) == title


def test_explicit_title_wins():
    post = read_posting(b"Product Owner\n\nOwn the backlog.", "x.txt", title="Project Manager")
    assert post.title == "Project Manager" and post.title_from == "given"


def test_no_title():
    post = read_posting(b"We are a bank. You will manage the budget and schedule of our programme.", "x.txt")
    assert post.title is None and post.title_from == "none"


def test_html_lists_become_bullets():
    text = html_to_text("<div><h2>What you'll do</h2><ul><li>Own the <b>backlog</b></li><li>Write stories</li></ul>"
                        "<script>var x=1</script></div>")
    assert "• Own the backlog" in text and "• Write stories" in text and "var x" not in text


def test_html_json_ld_title_and_description():
    ld = {"@context": "https://schema.org", "@type": "JobPosting", "title": "Scrum Master",
          "description": "<p>You will facilitate sprint planning.</p><ul><li>Coach the team</li></ul>"}
    page = f"<html><head><script type='application/ld+json'>{json.dumps(ld)}</script></head>" \
           f"<body><nav>Menu</nav><h1>Jobs at Acme</h1><p>Cookie banner</p></body></html>"
    post = read_posting(page.encode(), "job.html")
    assert post.title == "Scrum Master" and post.title_from == "json-ld"
    assert "Coach the team" in post.text and "Cookie" not in post.text


def test_json_object():
    post = read_posting(json.dumps({"title": "PO", "description": "Own the backlog"}).encode(), "p.json")
    assert post.title == "PO" and post.text == "Own the backlog"


@pytest.mark.parametrize("data,needle", [
    (b"%PDF-1.7 binary", "PDF"),
    (b"\x89PNG\r\n\x1a\n....", "PNG"),
    (b"PK\x03\x04zipzip", "zip"),
    (b"   \n\t  ", "empty"),
    (b"abc\x00def", "binary"),
])
def test_decode_refuses(data, needle):
    with pytest.raises(InputError, match=needle):
        decode(data, "f")


def test_decode_size_limit():
    with pytest.raises(InputError, match="limit"):
        decode(b"a" * 101, "f", max_bytes=100)


def test_decode_latin1():
    assert decode("Gestión de proyectos – café".encode("cp1252"), "f").startswith("Gesti")
