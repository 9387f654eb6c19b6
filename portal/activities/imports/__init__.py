"""Bulk import of activities from a spreadsheet (the template, or the portal's own export):
download the template, upload, preview every row, confirm. The views live on the activities
blueprint, under /activities/import."""
