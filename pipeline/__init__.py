"""Kuma: turn news and reports into multilingual, accessible media for West Africa."""

__version__ = "0.1.0"
