"""The only layer that decides what a learner may see (HTML, JSON, handler replies)."""
