"""The benchmark behind ``scripts/benchmark.py``, split by concern.

``config`` (paths, targets), ``env`` (the separate venv for the peers), ``olx`` and ``payloads``
(what each block is given and sent), ``blocks`` and ``packaged`` (the rows), ``storage`` (one
SQLite set-up for every block), ``measure`` and ``learner_bytes`` (one sample), ``rounds`` (the
interleaved loop), ``units`` (course-unit page weight), ``summary``, ``report``, ``docs`` and
``validation`` (what is printed and written), ``cli`` (arguments and the run). Only ``measure``,
``rounds``, ``units`` and ``validation`` need Django or XBlock; the rest is plain Python so the
unit tests can check it without a workbench.
"""
