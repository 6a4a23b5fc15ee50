"""The approved snapshot: judge a commit, write only approved bytes into a fresh
folder, and run the generator there (``govreview stage`` and ``govreview build``)."""
