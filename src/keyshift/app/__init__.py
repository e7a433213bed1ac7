"""What each command does, as one library function per command over a :class:`~keyshift.app.config.RunConfig`.

One module per command (``check``, ``fix``, ``info`` for explain and packs) plus what they share:
``config`` (the options and :class:`~keyshift.app.config.UsageError`), ``prepare`` (matrices,
targets, reporter, the scan) and ``output`` (rendering, writing, exit codes).  The CLI
(:mod:`keyshift.cli`) only parses options into a ``RunConfig`` and calls these; nothing here is
imported until a command runs.
"""
