"""Read stage: bytes of a file (or a cell) -> a Posting with a title and a plain text body.

Title rule: an explicit title (``--title``, a JSON ``title``, a JSON-LD ``JobPosting``)
wins. Otherwise the first non-blank line is the title when it looks like one: at most
12 words and 100 characters, not a bullet item, not a known section heading, and not
ending in sentence punctuation (``. ! ? : ;``). Markdown marks (``#``, ``**``) are
stripped from it. The title line stays in the text, so evidence offsets index the text
exactly as read.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import charset_normalizer
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from .errors import InputError

DEFAULT_MAX_BYTES = 2_000_000

_MAGIC = {
    b"%PDF": "PDF document",
    b"\x89PNG": "PNG image",
    b"PK\x03\x04": "zip archive (or .docx/.xlsx)",
    b"GIF8": "GIF image",
    b"\xff\xd8\xff": "JPEG image",
    b"\x1f\x8b": "gzip archive",
    b"\xd0\xcf\x11\xe0": "Office document",
}
_BLOCK_TAGS = {"p", "div", "section", "article", "main", "ul", "ol", "table", "tr", "br",
               "h1", "h2", "h3", "h4", "h5", "h6", "header", "footer", "blockquote", "hr",
               "dl", "dt", "dd", "pre"}
_DROP_TAGS = ["script", "style", "noscript", "template", "nav", "form", "aside", "svg", "iframe"]
_HTML_HINT = re.compile(r"<\s*(p|li|ul|ol|br|div|h[1-6]|strong|b|span|html|body)\b[^>]*>", re.I)
_BULLET = re.compile(r"^\s*([-*•▪◦‣·–—✔✓➤►>]|\d{1,2}[.)]|[a-z][.)])\s+")
_MD_MARKS = re.compile(r"^[#>\s]+|[*_`]{1,3}")
_SENTENCE_END = (".", "!", "?", ":", ";", ",")


@dataclass(frozen=True)
class Posting:
    """A posting as read: its title (or None), the text the pipeline reads, and where from."""

    title: str | None
    text: str
    source: str = "-"
    title_from: str = "none"  # given | json | json-ld | first-line | none


def decode(data: bytes, source: str = "-", max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Decode bytes to text, refusing binary files, oversized input and unknown encodings."""
    if len(data) > max_bytes:
        raise InputError(f"{source}: input is {len(data):,} bytes, over the {max_bytes:,}-byte limit "
                         "(raise it with --max-bytes)")
    for magic, kind in _MAGIC.items():
        if data.startswith(magic):
            raise InputError(f"{source}: this is a {kind}, not a text posting")
    if b"\x00" in data[:8192]:
        raise InputError(f"{source}: binary data (NUL bytes), not a text posting")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        best = charset_normalizer.from_bytes(data).best()
        if best is None:
            raise InputError(f"{source}: cannot detect the text encoding") from None
        text = str(best)
    if not text.strip():
        raise InputError(f"{source}: the posting is empty")
    return text


_SPACES = re.compile(r"[ \t\u00a0]+")
_BLANK_LINES = re.compile(r"\n{3,}")


def looks_like_html(text: str) -> bool:
    """True when the text carries HTML block or inline markup."""
    return bool(_HTML_HINT.search(text))


def html_to_text(html: str) -> str:
    """Turn HTML into plain text with one line per block and a bullet per list item."""
    tree = HTMLParser(html)
    tree.strip_tags(_DROP_TAGS)
    root = tree.css_first("main") or tree.css_first("article") or tree.body or tree.root
    if root is None:
        return ""
    parts: list[str] = []
    _walk(root, parts)
    text = "\n".join(line.strip() for line in _SPACES.sub(" ", "".join(parts)).split("\n"))
    return _BLANK_LINES.sub("\n\n", text).strip()


def _walk(node, parts: list[str]) -> None:
    child = node.child
    while child is not None:
        tag = child.tag
        if tag == "-text":
            parts.append(child.text_content or "")
        elif tag == "li":
            parts.append("\n• ")
            _walk(child, parts)
            parts.append("\n")
        elif tag in _BLOCK_TAGS:
            parts.append("\n")
            _walk(child, parts)
            parts.append("\n")
        elif tag not in ("-comment", "head"):
            _walk(child, parts)
        child = child.next


def _json_ld_posting(tree: HTMLParser) -> dict | None:
    for node in tree.css('script[type="application/ld+json"]'):
        try:
            data = json.loads(node.text() or "")
        except ValueError:
            continue
        for item in _iter_json_ld(data):
            if _is_job_posting(item):
                return item
    return None


def _iter_json_ld(data):
    if isinstance(data, list):
        for item in data:
            yield from _iter_json_ld(item)
    elif isinstance(data, dict):
        yield data
        yield from _iter_json_ld(data.get("@graph", []))


def _is_job_posting(item: dict) -> bool:
    kind = item.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return "JobPosting" in kinds


def split_title(text: str) -> str | None:
    """Return the first line of ``text`` when it looks like a title (see module doc), else None."""
    for line in text.splitlines():
        if line.strip():
            first = line.strip()
            break
    else:
        return None
    if _BULLET.match(first):
        return None
    title = _MD_MARKS.sub("", first).strip()
    if not title or len(title) > 100 or len(title.split()) > 12 or title.endswith(_SENTENCE_END):
        return None
    from .sections import heading_label  # late import: sections imports nothing from here

    if heading_label(title) is not None:
        return None
    return title


def _clean_title(title) -> str | None:
    if not isinstance(title, str):
        return None
    title = " ".join(title.split())
    return title or None


def read_posting(data: bytes, source: str = "-", *, title: str | None = None,
                 max_bytes: int = DEFAULT_MAX_BYTES, kind: str | None = None) -> Posting:
    """Read one posting from bytes. ``kind`` is text, markdown, html or json (default: by suffix)."""
    raw = decode(data, source, max_bytes)
    kind = kind or _kind_from_name(source)
    if kind == "json" or (kind == "text" and raw.lstrip().startswith("{")):
        try:
            return _from_json(raw, source, title)
        except InputError:
            if kind == "json":
                raise
    if kind == "html" or looks_like_html(raw):
        return _from_html(raw, source, title)
    return from_text(raw, source, title)


def from_text(raw: str, source: str = "-", title: str | None = None) -> Posting:
    """Build a Posting from plain text or Markdown (HTML cells are converted first)."""
    text = html_to_text(raw) if looks_like_html(raw) else raw
    if not text.strip():
        raise InputError(f"{source}: the posting is empty")
    given = _clean_title(title)
    if given:
        return Posting(given, text, source, "given")
    found = split_title(text)
    return Posting(found, text, source, "first-line" if found else "none")


def _from_html(raw: str, source: str, title: str | None) -> Posting:
    tree = HTMLParser(raw)
    ld = _json_ld_posting(tree)
    if ld and isinstance(ld.get("description"), str) and ld["description"].strip():
        text = html_to_text(ld["description"]) if looks_like_html(ld["description"]) else ld["description"]
        ld_title = _clean_title(title) or _clean_title(ld.get("title"))
        return Posting(ld_title, text, source, "given" if title else ("json-ld" if ld_title else "none"))
    text = html_to_text(raw)
    if not text.strip():
        raise InputError(f"{source}: the HTML page has no text")
    if title is None:
        node = tree.css_first("h1") or tree.css_first("title")
        page_title = _clean_title(node.text()) if node is not None else None
        if page_title and len(page_title) <= 100:
            return Posting(page_title, text, source, "first-line")
    return from_text(text, source, title)


def _from_json(raw: str, source: str, title: str | None) -> Posting:
    try:
        data = json.loads(raw)
    except ValueError as exc:
        raise InputError(f"{source}: not valid JSON ({exc.msg}, line {exc.lineno})") from None
    if isinstance(data, list) and len(data) == 1:
        data = data[0]
    if not isinstance(data, dict):
        raise InputError(f"{source}: JSON must be one object with a description")
    desc = data.get("description")
    if not isinstance(desc, str) or not desc.strip():
        raise InputError(f"{source}: the JSON object has no 'description' text")
    text = html_to_text(desc) if looks_like_html(desc) else desc
    if not text.strip():
        raise InputError(f"{source}: the posting is empty")
    found = _clean_title(title) or _clean_title(data.get("title"))
    how = "given" if title else ("json-ld" if _is_job_posting(data) else "json")
    return Posting(found, text, source, how if found else "none")


def _kind_from_name(name: str) -> str:
    suffix = Path(name).suffix.lower()
    return {".html": "html", ".htm": "html", ".json": "json", ".md": "markdown"}.get(suffix, "text")


def read_file(path: str | Path, *, title: str | None = None,
              max_bytes: int = DEFAULT_MAX_BYTES) -> Posting:
    """Read a posting file, raising InputError with a one-line reason when it cannot be read."""
    path = Path(path)
    if not path.exists():
        raise InputError(f"{path}: no such file")
    if path.is_dir():
        raise InputError(f"{path}: is a directory, not a posting file")
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(f"{path}: input is {size:,} bytes, over the {max_bytes:,}-byte limit "
                             "(raise it with --max-bytes)")
        data = path.read_bytes()
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read ({exc.strerror})") from None
    return read_posting(data, str(path), title=title, max_bytes=max_bytes)
