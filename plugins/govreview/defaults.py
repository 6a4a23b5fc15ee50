"""Default places of what govreview keeps beside a site, relative to mkdocs.yml. A module
of its own, so that the plugin's options can name them without importing what uses them."""

#: The findings cache (:mod:`govreview.findings_cache`).
CACHE_FOLDER = ".govreview/cache"
