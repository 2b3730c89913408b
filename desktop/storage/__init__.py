"""The SQLite cache: connection, migrations, repositories, full-text search, outbox. No Qt."""
