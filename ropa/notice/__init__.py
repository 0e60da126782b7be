"""The public privacy notice of each controller (Art. 13 and 14), written from its record of processing."""
