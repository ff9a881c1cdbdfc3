"""The domain of ipps: service cases, their step tables and the rules of the standard.

Pure: no I/O, no HTTP, no SQL. Nothing here imports another package of ours.
"""
