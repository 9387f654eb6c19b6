"""Monthly progress of an activity: its organisation reports the people reached each month;
the secretariat approves each report like any other submission. The views are on the
activities blueprint; ``portal.activities`` imports the kind and the views."""
