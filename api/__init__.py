"""The HTTP API (Litestar) and the `ipps` command line."""
