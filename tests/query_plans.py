"""PostgreSQL query plans as a big table would get them."""

from django.db import connection


def plan_without_seq_scans(sql: str) -> str:
    """EXPLAIN of ``sql`` with sequential scans forbidden.

    Test tables are tiny, so a sequential scan would be cheapest; forbidding it
    shows whether an index can answer the query, as it must on big tables.
    """
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        try:
            cursor.execute("EXPLAIN " + sql)
            return "\n".join(row[0] for row in cursor.fetchall())
        finally:
            cursor.execute("SET enable_seqscan = on")
