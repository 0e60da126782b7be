"""The privacy officer's dashboard: what needs attention today (counts.py), the data map (datamap.py), the page."""
