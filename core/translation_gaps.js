/*
 * Strings of the Django admin's JavaScript (calendar, clock, time-zone note,
 * select boxes) that Django's own Vietnamese catalog does not have yet, so
 * `makemessages -d djangojs` puts them in our djangojs catalog (locale/vi),
 * which the admin's jsi18n view merges over Django's. Never served or run:
 * only makemessages reads this file (see translation_gaps.py for the rest).
 */
gettext_noop("Today (%(date)s)");
gettext_noop("Yesterday (%(date)s)");
gettext_noop("Tomorrow (%(date)s)");
gettext_noop("Previous (%(month)s %(year)s)");
gettext_noop("Next (%(month)s %(year)s)");
// The date in those labels: Vietnamese puts the day first.
gettext_noop("%(month)s %(day)s, %(year)s");
gettext_noop("%s (today, current selection)");
gettext_noop("%s (today)");
gettext_noop("%s (current selection)");
gettext_noop("server");
ngettext(
    "Note: Enter times in the %(timezone)s timezone. (You are %(offset)s hour ahead.)",
    "Note: Enter times in the %(timezone)s timezone. (You are %(offset)s hours ahead.)",
    1,
);
ngettext(
    "Note: Enter times in the %(timezone)s timezone. (You are %(offset)s hour behind.)",
    "Note: Enter times in the %(timezone)s timezone. (You are %(offset)s hours behind.)",
    1,
);
gettext_noop("Sunday");
gettext_noop("Monday");
gettext_noop("Tuesday");
gettext_noop("Wednesday");
gettext_noop("Thursday");
gettext_noop("Friday");
gettext_noop("Saturday");
pgettext("abbrev. day Sunday", "Sun");
pgettext("abbrev. day Monday", "Mon");
pgettext("abbrev. day Tuesday", "Tue");
pgettext("abbrev. day Wednesday", "Wed");
pgettext("abbrev. day Thursday", "Thur");
pgettext("abbrev. day Friday", "Fri");
pgettext("abbrev. day Saturday", "Sat");
gettext_noop("Choose all %s");
gettext_noop("Choose selected %s");
gettext_noop("Remove selected %s");
gettext_noop("Remove all %s");
gettext_noop('Choose %s by selecting them and then select the "Choose" arrow button.');
gettext_noop('Remove %s by selecting them and then select the "Remove" arrow button.');
gettext_noop("Type into this box to filter down the list of selected %s.");
gettext_noop("(click to clear)");
ngettext("%s selected option not visible", "%s selected options not visible", 1);
gettext_noop(
    "You have selected an action, and you haven’t made any changes on individual fields. " +
        "You’re probably looking for the Run button rather than the Save button.",
);
