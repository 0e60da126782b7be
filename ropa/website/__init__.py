"""The website register and check: cookies, trackers and the third parties a controller's pages call."""
