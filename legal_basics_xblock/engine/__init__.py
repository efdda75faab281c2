"""The scenario engine for case studies and mock trials (pure Python, no xblock import)."""
