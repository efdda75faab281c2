"""OLX: parse and serialise authored content as readable XML (pure; no xblock import)."""
