"""Blocks of projects on the pages of the apps below (an office's): projects refer to offices,
so offices import nothing of projects."""

from django import template

register = template.Library()


@register.inclusion_tag("projects/_projects_at.html")
def projects_at(office):
    """The published projects of `office`, as cards."""
    return {"projects": office.projects.published().select_related("project_type")}
