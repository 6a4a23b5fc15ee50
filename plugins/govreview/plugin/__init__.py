"""The MkDocs plugin: ``plugins: [govreview]`` in mkdocs.yml."""
