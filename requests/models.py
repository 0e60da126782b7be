"""Rights requests (Arts. 15–22): see the rights-request issue."""
