"""Open edX XBlocks for the «Құқық негіздері / Основы права» legal-literacy courses."""

__version__ = "0.1.0"
