"""Authored content: the model, the norm registry, the glossary and the one validator.

Nothing in this package imports ``xblock``: OLX import, Studio save and the course
build all call the same pure functions.
"""
