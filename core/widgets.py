"""Widgets that draw the HTML of Django's own templates in Python.

A form on every page of a list (the project filters) renders a template per field and another
per attribute list and per option: most of the page's rendering time. These give the same
markup, character for character (tests/core/test_widgets.py compares them with Django's
templates), and fall back to the templates where a subclass names another one.
"""

from django import forms
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe


def _attrs(attrs):
    # django/forms/widgets/attrs.html
    return "".join(
        f" {conditional_escape(name)}"
        if value is True
        else f' {conditional_escape(name)}="{conditional_escape(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


class DirectInputMixin:
    def _render(self, template_name, context, renderer=None):
        if template_name != type(self).template_name:
            return super()._render(template_name, context, renderer)
        # django/forms/widgets/input.html
        widget = context["widget"]
        value = "" if widget["value"] is None else f' value="{conditional_escape(widget["value"])}"'
        return mark_safe(
            f'<input type="{conditional_escape(widget["type"])}" name="{conditional_escape(widget["name"])}"'
            f"{value}{_attrs(widget['attrs'])}>"
        )


class TextInput(DirectInputMixin, forms.TextInput):
    template_name = forms.TextInput.template_name


class NumberInput(DirectInputMixin, forms.NumberInput):
    template_name = forms.NumberInput.template_name


class Select(forms.Select):
    def _render(self, template_name, context, renderer=None):
        widget = context["widget"]
        groups = widget["optgroups"]
        if template_name != forms.Select.template_name or any(
            option["template_name"] != forms.Select.option_template_name
            for _, options, _ in groups
            for option in options
        ):
            return super()._render(template_name, context, renderer)
        # django/forms/widgets/select.html, each option from select_option.html (which ends
        # with a line break); the renderer strips the whole.
        parts = [f'<select name="{conditional_escape(widget["name"])}"{_attrs(widget["attrs"])}>']
        for group_name, options, _ in groups:
            if group_name:
                parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
            parts.extend(
                f'\n  <option value="{conditional_escape(option["value"])}"{_attrs(option["attrs"])}>'
                f"{conditional_escape(option['label'])}</option>\n"
                for option in options
            )
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return mark_safe("".join(parts).strip())
