"""PostgreSQL query plans as a big table would get them."""

from django.db import connection


def plan_without_seq_scans(sql: str, *, whole_index_scans: bool = True) -> str:
    """EXPLAIN of ``sql`` with sequential scans forbidden.

    Test tables are tiny, so a sequential scan would be cheapest; forbidding it
    shows whether an index can answer the query, as it must on big tables.
    ``whole_index_scans=False`` also forbids plain index scans: on a tiny table
    walking any b-tree index whole and filtering every row can still look
    cheapest (which index depends on the statistics earlier tests left), where a
    big table must be searched through the index that answers the condition.
    """
    settings = ["enable_seqscan"] + ([] if whole_index_scans else ["enable_indexscan"])
    with connection.cursor() as cursor:
        for setting in settings:
            cursor.execute(f"SET {setting} = off")
        try:
            cursor.execute("EXPLAIN " + sql)
            return "\n".join(row[0] for row in cursor.fetchall())
        finally:
            for setting in settings:
                cursor.execute(f"SET {setting} = on")
