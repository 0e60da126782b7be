"""Whether each activity documents every Art. 30(1) item: the stored facts kept current on every save."""
