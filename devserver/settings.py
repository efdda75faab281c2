"""xblock-sdk workbench settings for ``make demo`` and the test suite.

Adds: LocaleMiddleware (the learner's browser language reaches the blocks as in the LMS),
kk/ru/en as site languages, a user service that marks ``?student=staff…`` as staff, a
course-unit scenario loader, and the fix in :mod:`devserver.apps`.
"""

import os

from workbench.settings import *  # noqa: F401,F403  pylint: disable=wildcard-import,unused-wildcard-import
from workbench.settings import INSTALLED_APPS, MIDDLEWARE, WORKBENCH

INSTALLED_APPS = [*INSTALLED_APPS, "devserver"]
MIDDLEWARE = [*MIDDLEWARE]
MIDDLEWARE.insert(MIDDLEWARE.index("django.contrib.sessions.middleware.SessionMiddleware") + 1,
                  "django.middleware.locale.LocaleMiddleware")
LANGUAGES = [("en", "English"), ("kk", "Қазақша"), ("ru", "Русский")]
LANGUAGE_CODE = "en"
USE_I18N = True

WORKBENCH = {**WORKBENCH, "services": {**WORKBENCH["services"], "user": "devserver.services.DevUserService"}}

EXCLUDED_XBLOCKS = {
    "allscopes_demo", "attempts_scoreboard_demo", "equality_demo", "filethumbs", "helloworld_demo",
    "html_demo", "problem_demo", "sidebar_demo", "slider_demo", "textinput_demo", "view_counter_demo",
}
if os.environ.get("LB_SHOW_THUMBS") != "yes":
    EXCLUDED_XBLOCKS.add("thumbs")

LOGGING = {"version": 1, "disable_existing_loggers": False}
