"""The only layer that decides what a learner may see (HTML, JSON, handler replies)."""


class View(dict):
    """A view-model dict whose missing keys read as ``None`` in templates.

    Django logs every failed template lookup with a traceback; optional parts of a view
    (feedback, results, answers) are simply absent until the learner may see them.
    """

    def __missing__(self, key):
        return None
