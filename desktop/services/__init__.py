"""Async use cases over api + storage: session, sync engine, outbox, chat, proposals. No Qt."""
