"""legal-basics-xblock: Open edX XBlocks for the «Құқық негіздері / Основы права» courses."""

import os
import re

from setuptools import find_namespace_packages, setup

HERE = os.path.dirname(os.path.abspath(__file__))


def version():
    with open(os.path.join(HERE, "legal_basics_xblock", "__init__.py"), encoding="utf-8") as handle:
        return re.search(r'__version__ = "([^"]+)"', handle.read()).group(1)


def requirements(name):
    """Top-level requirements from ``requirements/<name>.in`` (constraints and includes skipped)."""
    with open(os.path.join(HERE, "requirements", name), encoding="utf-8") as handle:
        return [line.split("#")[0].strip() for line in handle
                if line.strip() and not line.startswith(("#", "-"))]


def package_data(package, roots):
    """Every file below ``roots`` of ``package`` (templates, public, data, translations, scenarios)."""
    files = []
    for root in roots:
        for dirname, _, names in os.walk(os.path.join(HERE, package, root), followlinks=True):
            for name in names:
                if not name.endswith((".pyc",)):
                    files.append(os.path.relpath(os.path.join(dirname, name), os.path.join(HERE, package)))
    return {package: files}


with open(os.path.join(HERE, "README.md"), encoding="utf-8") as readme:
    LONG_DESCRIPTION = readme.read()

setup(
    name="legal-basics-xblock",
    version=version(),
    description="Bilingual (kk/ru) Open edX XBlocks for legal literacy: graded quizzes, case studies, mock trials",
    long_description=LONG_DESCRIPTION,
    long_description_content_type="text/markdown",
    license="AGPL-3.0",
    # Namespace discovery lists the data folders (templates, public, data, translations, scenarios…) as
    # packages too, so setuptools installs them quietly instead of warning that they "would be ignored".
    packages=find_namespace_packages(include=["legal_basics_xblock", "legal_basics_xblock.*"]),
    include_package_data=True,
    package_data=package_data("legal_basics_xblock",
                              ["templates", "public", "data", "translations", "conf", "scenarios"]),
    install_requires=requirements("base.in"),
    python_requires=">=3.11",
    entry_points={
        "xblock.v1": [
            "legal_quiz = legal_basics_xblock.blocks.quiz:LegalQuizBlock",
            "legal_case_study = legal_basics_xblock.blocks.case_study:LegalCaseStudyBlock",
            "legal_mock_trial = legal_basics_xblock.blocks.mock_trial:LegalMockTrialBlock",
        ],
    },
    classifiers=[
        "Framework :: Django",
        "Framework :: Django :: 5.2",
        "Programming Language :: Python :: 3.11",
        "Programming Language :: Python :: 3.12",
        "Natural Language :: Kazakh",
        "Natural Language :: Russian",
    ],
    zip_safe=False,
)
