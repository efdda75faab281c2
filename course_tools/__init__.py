"""Course build and validation tools (repository only; not part of the installed package)."""
