"""The fields of an HTML form as a browser submits them, and the admin pages saved that way."""

from html.parser import HTMLParser


class FormReader(HTMLParser):
    """Reads the fields of one form the way a browser submits them."""

    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.in_form = False
        self.data = {}
        self._select = None
        self._textarea = None

    def _add(self, name, value):
        self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.in_form = attrs.get("id") == self.form_id
        if not self.in_form or "disabled" in attrs:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in {"checkbox", "radio"}:
                if "checked" in attrs:
                    self._add(name, attrs.get("value", "on"))
            elif kind not in {"submit", "button", "image", "file", "reset"}:
                self._add(name, attrs.get("value", ""))
        elif tag == "select" and name:
            self._select = {"name": name, "multiple": "multiple" in attrs, "first": None, "chosen": []}
        elif tag == "option" and self._select:
            value = attrs.get("value", "")
            if self._select["first"] is None:
                self._select["first"] = value
            if "selected" in attrs:
                self._select["chosen"].append(value)
        elif tag == "textarea" and name:
            self._textarea = name
            self._add(name, "")

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_form = False
        elif tag == "select" and self._select:
            select, self._select = self._select, None
            chosen = select["chosen"]
            # A single-choice list with nothing marked selected sends its first option.
            if not chosen and not select["multiple"] and select["first"] is not None:
                chosen = [select["first"]]
            for value in chosen:
                self._add(select["name"], value)
        elif tag == "textarea" and self._textarea:
            # Browsers drop the newline that follows the opening tag.
            value = self.data[self._textarea][-1]
            self.data[self._textarea][-1] = value.removeprefix("\n")
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea][-1] += data


def admin_form_data(response, **changes):
    """What a browser would post from an admin add, change or revision page, with `changes` applied."""
    reader = FormReader(f"{response.context['opts'].model_name}_form")
    reader.feed(response.content.decode())
    data = {name: values[0] if len(values) == 1 else values for name, values in reader.data.items()}
    data.update(changes)
    return data


def save_through_admin(client, url, **changes):
    """Opens an admin add or change page and saves it with `changes`, as staff would."""
    response = client.post(url, admin_form_data(client.get(url), **changes))
    errors = response.context and [response.context["adminform"].form.errors, response.context["errors"]]
    assert response.status_code == 302, errors
    return response
