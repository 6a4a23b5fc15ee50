"""govreview: publishing governance for government websites built with MkDocs (its version: the package metadata, pyproject.toml)."""
