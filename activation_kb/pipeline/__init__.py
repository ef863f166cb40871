"""``kb build``: the stages from ``content/`` to a published ``site/`` and zip, timed."""
