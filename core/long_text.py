"""Long texts (descriptions, bodies of releases and pages) are Markdown: paragraphs separated by
a blank line, lists, emphasis, links and headings from level 3, nothing else.

markdown-it-py renders them (raw HTML typed in the text is shown as text, never as markup) and
nh3 keeps only the elements above, whatever the renderer gave.
"""

import functools
import re

import nh3
from markdown_it import MarkdownIt

# Headings 1 and 2 are the page's own (its title, its sections): a text's headings start at 3.
HEADING_TAGS = {"h3", "h4", "h5", "h6"}
ALLOWED_TAGS = {"p", "br", "a", "em", "strong", "ul", "ol", "li"} | HEADING_TAGS
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}}
# What this module adds itself: the language of the text, the pull quotes of a release.
LANGUAGE_TAGS = {"p", "ul", "ol"} | HEADING_TAGS

_BULLET = re.compile(r"^(\s*)•(?=\s)", re.MULTILINE)

_markdown = (
    MarkdownIt("commonmark", {"breaks": True, "html": False})
    # Only what staff are told they may write: no code blocks (an indented line stays a line),
    # block quotes, rules, images, inline code, nor setext headings ("Titre" over "---").
    .disable(
        ["code", "fence", "blockquote", "hr", "lheading", "html_block", "html_inline", "image", "backticks"]
    )
)


# Keyed by the text itself (and the functions given): an edited text is a new key, never a stale
# page. A page shows one or two long texts, otherwise parsed again on every request.
@functools.lru_cache(maxsize=256)
def render_long_text(text, *, lang=None, typography=None, is_quotation=None):
    """The HTML of a long text.

    `lang`: set on each block (a text in French on a page in another language); `typography`:
    applied to each run of text (French no-break spaces); `is_quotation(paragraph)`: a paragraph
    for which it holds is a pull quote (a release's paragraph in quotation marks).
    """
    if not text or not text.strip():
        return ""
    # "•" starts a list item too, as staff paste it from documents.
    tokens = _markdown.parse(_BULLET.sub(r"\1-", text))
    quotes = []
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and token.tag in ("h1", "h2"):
            token.tag = tokens[index + 2].tag = "h3"
        if token.type == "inline" and typography:
            for child in token.children or []:
                if child.type == "text":
                    child.content = typography(child.content)
        if token.level != 0 or not token.type.endswith("_open"):
            continue
        if is_quotation and token.type == "paragraph_open" and is_quotation(tokens[index + 1].content):
            quotes.append(index)
        elif lang:
            token.attrSet("lang", lang)
    html = nh3.clean(
        _render_with_quotes(tokens, quotes),
        tags=ALLOWED_TAGS | {"blockquote"},
        attributes=_attributes(lang),
        attribute_filter=_keep_own_attributes,
    )
    # markdown-it ends each block and <br> with a line break; a text's own line breaks are <br>.
    # nh3 writes the no-break space as an entity, which the pages write as the character.
    return html.replace("\n", "").replace("&nbsp;", "\xa0")


def _attributes(lang):
    attributes = {tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()}
    attributes["blockquote"] = {"class"}
    if lang:
        for tag in LANGUAGE_TAGS:
            attributes.setdefault(tag, set()).add("lang")
    return attributes


def _keep_own_attributes(tag, name, value):
    if tag == "blockquote" and name == "class":
        return value if value == "pull-quote" else None
    return value


def _render_with_quotes(tokens, quotes):
    """The tokens rendered, each paragraph of `quotes` inside a pull quote."""
    if not quotes:
        return _markdown.renderer.render(tokens, _markdown.options, {})
    parts, start = [], 0
    for index in quotes:
        close = next(i for i in range(index, len(tokens)) if tokens[i].type == "paragraph_close")
        parts.append(_markdown.renderer.render(tokens[start:index], _markdown.options, {}))
        quote = _markdown.renderer.render(tokens[index : close + 1], _markdown.options, {})
        parts.append(f'<blockquote class="pull-quote">{quote}</blockquote>')
        start = close + 1
    parts.append(_markdown.renderer.render(tokens[start:], _markdown.options, {}))
    return "".join(parts)
