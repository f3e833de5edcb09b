"""What the wheel holds; the rest of the packaging is in pyproject.toml.

Here rather than there because pyproject.toml cannot both find the apps and map folders into a
package. Every top-level folder with an `__init__.py` is an app or the project package and goes
in whole, its data folders too (the IATI schema, the map's outlines), so a new app needs no edit
here; tests/test_packaging.py checks the wheel against INSTALLED_APPS. The site's folders beside
the apps go inside the project package (templates/ as oimhaiti/templates/, ...), where
oimhaiti/settings.py finds them when the site runs from an installed wheel.
"""

from setuptools import find_namespace_packages, find_packages, setup

# The synthetic catalogue of make bench is for a checkout only: the settings load it where it is.
DEV_ONLY = ["synthetic", "synthetic.*"]
APPS = sorted(
    {
        name.split(".")[0]
        for name in find_packages(exclude=["tests", "tests.*", "scripts", "scripts.*", *DEV_ONLY])
    }
)
# fixtures/ without its subfolders: the seed texts and sources the JSON was built from are read
# by the tests only.
SITE_FOLDERS = {"templates": True, "static": True, "locale": True, "fixtures": False}

packages = find_namespace_packages(include=[*APPS, *(f"{app}.*" for app in APPS)], exclude=["*.__pycache__"])
for folder, with_subfolders in SITE_FOLDERS.items():
    packages.append(f"oimhaiti.{folder}")
    if with_subfolders:
        packages += [f"oimhaiti.{folder}.{sub}" for sub in find_namespace_packages(folder)]

setup(
    packages=packages,
    package_dir={f"oimhaiti.{folder}": folder for folder in SITE_FOLDERS},
    package_data={"": ["*"]},
    # Only what package_data names: not what an earlier build listed in *.egg-info.
    include_package_data=False,
)
