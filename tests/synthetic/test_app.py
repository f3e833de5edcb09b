"""The synthetic catalogue is an app of its own, outside the production apps and the package."""

import os
import subprocess
import sys
from pathlib import Path

from django.core.management import get_commands

PROJECT_DIR = Path(__file__).resolve().parents[2]
# Django started in a fresh interpreter, the folder synthetic/ hidden or not.
REPORT_APPS_AND_COMMANDS = (
    "import django; from django.conf import settings; django.setup(); "
    "from django.core.management import get_commands; "
    "print('synthetic' in settings.INSTALLED_APPS, get_commands().get('seed_synthetic'))"
)


def start_django(*, hide_synthetic):
    hide = "import sys; sys.modules['synthetic'] = None; " if hide_synthetic else ""
    return subprocess.run(
        [sys.executable, "-c", hide + REPORT_APPS_AND_COMMANDS],
        cwd=PROJECT_DIR,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "oimhaiti.settings", "DEBUG": "1"},
        capture_output=True,
        text=True,
    )


def test_seed_synthetic_is_a_command_of_the_synthetic_app():
    assert get_commands()["seed_synthetic"] == "synthetic"


def test_a_checkout_loads_the_synthetic_app():
    result = start_django(hide_synthetic=False)

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "synthetic"]


def test_without_the_synthetic_folder_django_starts_with_no_seed_synthetic_command():
    result = start_django(hide_synthetic=True)

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "None"]
