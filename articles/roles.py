"""The newsroom's roles, as Django groups created by data migrations.

The names are what staff see in the admin, hence Vietnamese.
"""

EDITORS_GROUP = "Biên tập viên"
MODERATORS_GROUP = "Kiểm duyệt viên"
