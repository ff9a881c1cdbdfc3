"""Infrastructure: settings, the event store on SQLite or PostgreSQL, our own tables, logging."""
