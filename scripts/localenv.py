"""Create .env with development values (DEBUG=1, a random SECRET_KEY) when there is none.

`make run` runs it, so that the manage.py commands the README gives (createsuperuser, shell)
start as the development server does. An existing file is never changed. .env is git-ignored:
the key is this machine's alone. Standard library only: it runs before the virtualenv exists.

    python3 scripts/localenv.py [PATH]      (default: .env in the project)
"""

import os
import secrets
import sys
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent

TEMPLATE = """\
# Development values for this machine, written by `make run`; never committed (.gitignore).
# Any variable of .env.example may be added; one set in the environment wins over this file.
DEBUG=1
SECRET_KEY={secret_key}
"""


def create(path):
    """Writes the file, readable by its owner only; False if it already exists."""
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return False
    with os.fdopen(descriptor, "w", encoding="utf-8") as stream:
        # URL-safe characters only: no `$` (a reference to another variable) nor `#` (a comment).
        stream.write(TEMPLATE.format(secret_key=secrets.token_urlsafe(50)))
    return True


def main(argv):
    path = Path(argv[1]) if len(argv) > 1 else PROJECT_DIR / ".env"
    if create(path):
        print(f"Created {path}: DEBUG=1 and a random SECRET_KEY, for this machine only (git-ignored).")


if __name__ == "__main__":
    main(sys.argv)
