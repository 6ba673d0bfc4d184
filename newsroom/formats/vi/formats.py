"""Vietnamese input formats, which Django's vi locale leaves to the US defaults.

The first of each list is what forms and the admin's calendar write into a
date box (``get_format("DATE_INPUT_FORMATS")[0]``): 20/01/2017, as people here
write dates. ISO dates stay accepted, for links and scripts that send them.
"""

DATE_INPUT_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d"]
DATETIME_INPUT_FORMATS = [
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y",
    "%d-%m-%Y %H:%M:%S",
    "%d-%m-%Y %H:%M",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
]
