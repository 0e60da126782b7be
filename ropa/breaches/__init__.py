"""The breach register (Arts. 33 and 34): breaches, the 72-hour clock, notifications and drafts; an app of its own."""
