"""Workbench settings and small runtime fixes for the demo and the tests (not shipped)."""
