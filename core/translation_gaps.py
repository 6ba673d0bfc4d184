"""Django strings that its own Vietnamese catalog leaves in English.

Editors and readers would otherwise meet "Run", "Show counts" or "Error:" in an
otherwise Vietnamese admin. Marking them here puts them in our catalog
(locale/vi), whose translations take precedence over Django's. Never imported:
only ``makemessages`` reads this file.
"""

from django.utils.translation import gettext_noop, ngettext_lazy

DJANGO_STRINGS = (
    # django.contrib.admin templates
    gettext_noop("Error:"),
    gettext_noop("Run"),
    gettext_noop("Show counts"),
    gettext_noop("Hide counts"),
    gettext_noop("Filter by %(field_name)s"),
    gettext_noop("Add link"),
    gettext_noop("Added:"),
    gettext_noop("Changed:"),
    gettext_noop("Deleted:"),
    gettext_noop("Breadcrumbs"),
    gettext_noop("Change or view list link"),
    gettext_noop("Filter navigation items"),
    gettext_noop("Forgotten your login credentials?"),
    gettext_noop("In case you’ve forgotten, you are:"),
    gettext_noop("Logout"),
    gettext_noop("Model name"),
    gettext_noop("Set password"),
    gettext_noop("Sidebar"),
    gettext_noop("Skip to main content"),
    gettext_noop("Toggle navigation"),
    gettext_noop("Toggle theme (current theme: auto)"),
    gettext_noop("Toggle theme (current theme: dark)"),
    gettext_noop("Toggle theme (current theme: light)"),
    gettext_noop("Enable password-based authentication"),
    gettext_noop("Disable password-based authentication"),
    gettext_noop("After you’ve created a user, you’ll be able to edit more user options."),
    # Django's catalog has these only as two singular entries, not as the plural pair
    # the admin templates ask for, so the admin's error banner came out in English.
    ngettext_lazy("Please correct the error below.", "Please correct the errors below.", 1),
    # django core: forms and pagination
    gettext_noop("- Select an option -"),
    gettext_noop("Enter a complete value."),
    gettext_noop("Null characters are not allowed."),
    gettext_noop("That page number is not an integer"),
    gettext_noop("That page number is less than 1"),
    gettext_noop("That page contains no results"),
    gettext_noop("Messages"),
    gettext_noop("Forbidden"),
)
