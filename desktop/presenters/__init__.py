"""Qt-free presenters: each owns one pane's state and hands its widget immutable snapshots.

A presenter subscribes to the service bus, reads the cache off the UI thread (``Database.read``), and
publishes a frozen snapshot whenever what the pane shows changes; the widget only lays out and paints that
snapshot, and turns the user's gestures into calls on the presenter. Behaviour is therefore tested with
plain pytest against the real services and a real cache (tests/presenters/).
"""
