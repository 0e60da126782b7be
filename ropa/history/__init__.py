"""The record as it stood on any past day, rebuilt from history (as_of.py), and history rows written in bulk."""
