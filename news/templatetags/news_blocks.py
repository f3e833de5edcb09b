"""Blocks of news on the pages of the apps below (a project's, an office's): news refers to them,
so they import nothing of news."""

from django import template

register = template.Library()


@register.inclusion_tag("news/_releases_about.html")
def releases_about(record, heading):
    """The published releases about `record` (a project or an office), newest first."""
    return {"releases": record.news_releases.published().newest_first(), "heading": heading}
