"""One text file through the importer, as the command and the admin's import page run it."""

from dataclasses import dataclass, field
from functools import partial

import reversion
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction

from core.constraints import violated_constraint_message
from importer.parse import parse_editorial_page, parse_page
from importer.text import ParseError, decode
from importer.write import editorial_page_import, page_import


@dataclass
class FileReport:
    name: str
    imported: bool
    summary: str  # what was written, or why nothing was
    warnings: list[str] = field(default_factory=list)
    changed: bool = False
    record: object = None  # what was written, once written
    code: str = ""  # ParseError.code, when it was refused for one of those reasons


# The participle agrees with the record's noun: "projet … modifié", "page … modifiée".
PARTICIPLES = {
    "created": ("créé", "créée"),
    "changed": ("modifié", "modifiée"),
    "unchanged": ("inchangé", "inchangée"),
}


def describe(outcome, *, dry_run):
    key = "created" if outcome.created else "changed" if outcome.changes else "unchanged"
    state = PARTICIPLES[key][outcome.feminine]
    if dry_run and key != "unchanged":
        state = f"serait {state}"
    details = f" ({'; '.join(outcome.changes)})" if outcome.changes and not outcome.created else ""
    return f"{outcome.label} {state}{details}"


def reason(error):
    if isinstance(error, ValidationError):
        return "; ".join(error.messages)
    if isinstance(error, DatabaseError):
        # PostgreSQL's own text names tables and constraints.
        return violated_constraint_message(error)
    return str(error)


def import_text_file(data, *, name, page_slug=None, publish=True, dry_run=False, user=None):
    """Imports the bytes of one file, entirely or not at all, and says what happened.

    A project page or a news release; with page_slug, the text of that editorial page. The
    records written are kept as a revision, with `user` and the file's name, so that the admin's
    history can undo the import.
    """
    warnings = []
    try:
        text = decode(data)
        if page_slug:
            parsed, write = parse_editorial_page(text), partial(editorial_page_import, slug=page_slug)
        else:
            parsed, write = parse_page(text), partial(page_import, publish=publish)
        warnings = parsed.warnings
        with transaction.atomic():
            outcome = write(parsed=parsed)
            if outcome.changed:
                with reversion.create_revision():
                    reversion.set_comment(f"Importé depuis le fichier « {name} ».")
                    if user is not None:
                        reversion.set_user(user)
                    reversion.add_to_revision(outcome.record)
            # Unchanged, nothing is kept: not even the state saved before, in case of a change.
            if dry_run or not outcome.changed:
                transaction.set_rollback(True)
    except (ParseError, ValidationError, DatabaseError) as error:
        return FileReport(
            name, imported=False, summary=reason(error), warnings=warnings, code=getattr(error, "code", "")
        )
    return FileReport(
        name,
        imported=True,
        summary=describe(outcome, dry_run=dry_run),
        warnings=warnings,
        changed=outcome.changed,
        # Rolled back when nothing changed or on a dry run: nothing to show then.
        record=outcome.record if outcome.changed and not dry_run else None,
    )
