"""Exchange files (issue 10): signed, encrypted files that carry a session's facts between air-gapped stores.

:mod:`app.exchange.container` is the one file format (magic, version, strict schema, the sender's
signature over everything, the payload sealed to the recipients' identity keys); each type has a module
of its own that exports and imports it (:mod:`~app.exchange.cards`, :mod:`~app.exchange.batches`), and
:mod:`app.exchange.imports` recognises a file, describes it and imports it.
"""
