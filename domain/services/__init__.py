"""One module per service type of the standard, each holding its step table and payloads."""
