"""The production settings for the app processes the several-nodes test starts, with static files
served from the finders: the same pages without running collectstatic into the project first."""

from briefs_site.settings import *  # noqa: F403

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
