"""``kb check``: every rule ``content/`` must satisfy."""
