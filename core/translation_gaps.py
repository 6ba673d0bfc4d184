"""Django strings that its own Vietnamese catalog leaves in English.

Editors and readers would otherwise meet "Run", "Show counts" or "Error:" in an
otherwise Vietnamese admin. Marking them here puts them in our catalog
(locale/vi), whose translations take precedence over Django's. Never imported:
only ``makemessages`` reads this file. The admin's JavaScript strings (calendar,
time-zone note) are in ``translation_gaps.js``, for the djangojs catalog.

To find new gaps after a Django upgrade, compare the msgids of
django/contrib/admin/locale/en/LC_MESSAGES/django.po with Django's vi catalog.
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
    # Django 6.x admin strings Django's vi catalog does not have yet; most are read
    # out by screen readers (headings and labels hidden from sight).
    gettext_noop("Search %(name)s"),
    gettext_noop("Pagination %(name)s"),
    gettext_noop("Pagination %(name)s entries"),
    ngettext_lazy("entry", "entries", 1),
    gettext_noop("Select this object for an action - {}"),
    gettext_noop("Select all objects on this page for an action"),
    gettext_noop("View selected %(model)s"),
    gettext_noop(", "),
    ngettext_lazy("…and %(count)d more object.", "…and %(count)d more objects.", 1),
    gettext_noop(
        "Are you sure you want to delete the %(object_name)s “%(escaped_object)s”? All of "
        "the following related items will be deleted:"
    ),
    gettext_noop(
        "Deleting the %(object_name)s “%(escaped_object)s” would require deleting the "
        "following protected related objects:"
    ),
    gettext_noop(
        "Deleting the %(object_name)s “%(escaped_object)s” would result in deleting related "
        "objects, but your account doesn't have permission to delete the following types of "
        "objects:"
    ),
    # Django's vi catalog says "Bản ghi nhớ" (a memo) for an article's change history.
    gettext_noop("History"),
    # django core: forms and pagination
    gettext_noop("- Select an option -"),
    gettext_noop("Enter a complete value."),
    gettext_noop("Null characters are not allowed."),
    gettext_noop("That page number is not an integer"),
    gettext_noop("That page number is less than 1"),
    gettext_noop("That page contains no results"),
    gettext_noop("Messages"),
    gettext_noop("Forbidden"),
    gettext_noop("The inline value did not match the parent instance."),
    gettext_noop("“%(pk)s” is not a valid value."),
    gettext_noop(
        "%(datetime)s couldn’t be interpreted in time zone %(current_timezone)s; it may be "
        "ambiguous or it may not exist."
    ),
    gettext_noop(
        "ManagementForm data is missing or has been tampered with. Missing fields: "
        "%(field_names)s. You may need to file a bug report if the issue persists."
    ),
    ngettext_lazy("Please submit at most %(num)d form.", "Please submit at most %(num)d forms.", 1),
    ngettext_lazy(
        "Please submit at least %(num)d form.", "Please submit at least %(num)d forms.", 1
    ),
    gettext_noop("No %s matches the given query."),
)
