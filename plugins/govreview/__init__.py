"""govreview: publishing governance for government websites built with MkDocs."""

__version__ = "0.1.0"
