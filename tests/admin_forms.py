"""What the article admin's form posts besides its own fields."""

# The article form's inlines (bylines, photos, attached documents) with no rows: their
# management forms must be posted, or Django refuses the whole form.
NO_INLINE_ROWS = {
    f"{prefix}-{field}": "0"
    for prefix in ("bylines", "photos", "attachments")
    for field in ("TOTAL_FORMS", "INITIAL_FORMS")
}
