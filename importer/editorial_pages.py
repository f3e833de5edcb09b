"""Reading an editorial page such as the country overview: a lead, then titled sections."""

import re
from dataclasses import dataclass, field

from importer.text import PARAGRAPH_END, reflow

_BULLET = re.compile(r"^[•·▪‣◦*–-]\s+")
_HEADING_MAX_LENGTH = 120


@dataclass(frozen=True)
class Section:
    heading: str
    body: str


@dataclass
class ParsedPage:
    lead: str
    paragraphs: list[str]
    sections: list[Section]
    warnings: list[str] = field(default_factory=list)

    @property
    def body(self):
        return "\n\n".join(self.paragraphs)


def _blocks(lines):
    """Paragraphs, and bulleted lists as one block of "- item" lines (the site's list markup)."""
    blocks, text, bullets = [], [], []

    def flush():
        if text:
            blocks.extend(reflow(text))
            text.clear()
        if bullets:
            blocks.append("\n".join(f"- {item}" for item in bullets))
            bullets.clear()

    for raw in lines:
        line = " ".join(raw.split())
        if _BULLET.match(line):
            if text:
                flush()
            bullets.append(_BULLET.sub("", line))
        elif not line:
            flush()
        else:
            if bullets:
                flush()
            text.append(line)
    flush()
    return blocks


def _is_heading(block):
    return (
        "\n" not in block
        and len(block) <= _HEADING_MAX_LENGTH
        and not block.startswith("- ")
        and not block.endswith((*PARAGRAPH_END, ",", ";"))
    )


def parse_editorial_or_none(lines):
    blocks = _blocks(lines)
    if not blocks or _is_heading(blocks[0]):
        return None
    lead, paragraphs, sections = blocks[0], [], []
    for index, block in enumerate(blocks[1:], start=1):
        if _is_heading(block) and index + 1 < len(blocks) and not _is_heading(blocks[index + 1]):
            sections.append([block])
        elif sections:
            sections[-1].append(block)
        else:
            paragraphs.append(block)
    if not sections:
        return None
    return ParsedPage(
        lead=lead,
        paragraphs=paragraphs,
        sections=[Section(heading=heading, body="\n\n".join(body)) for heading, *body in sections],
    )
