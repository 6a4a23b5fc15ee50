"""The web editor (issue 17): a Decap CMS admin app generated from the site's policy.

``govreview editor build OUT`` writes ``index.html``, ``config.yml`` and the Decap bundle
copied from the npm package into OUT, outside ``site_dir`` and ``docs_dir`` (the admin is
never published). :mod:`.config` turns a :class:`~govreview.core.policy.Policy` into
Decap's configuration (pure); :mod:`.build` finds, checks and copies the bundle and
writes the files; :mod:`.cmd` is the command.
"""
