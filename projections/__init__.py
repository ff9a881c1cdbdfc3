"""Read models: event handlers that write tables, the runner that feeds them, and rebuilds."""
