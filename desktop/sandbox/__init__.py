"""The reference marketplace server (FastAPI + SQLite). Imports nothing of the client."""
