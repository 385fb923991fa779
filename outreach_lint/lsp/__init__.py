"""The language server (`outreach-lint lsp`): the engine's Reports as LSP diagnostics, fixes and hovers.

positions.py converts code points to the protocol's code units; documents.py decides which open
documents are messages; diagnostics.py lints one snapshot into diagnostics; scheduler.py keeps lints
off the event loop; actions.py and hover.py answer requests; server.py wires them into pygls.
"""
