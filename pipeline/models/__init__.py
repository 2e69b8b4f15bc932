"""Model management: the catalogue of known models, pulling, importing, converting, listing.

Nothing here runs during ``kuma run``: these are what ``kuma models ...`` calls, and
the engines find what they wrote through :mod:`pipeline.translate.locate`.  This
file imports nothing, because ``locate`` imports the catalogue from this package
and the modules here import ``locate``.
"""
