"""Thin XBlock adapters over the pure content, grading, OLX and rendering packages."""
