"""The ways into Maestro: the ``maestro`` command line, the client for other services, the doctor.

This is the top layer. It may import :mod:`workers` (the Celery side) and the domain in
:mod:`maestro`; nothing below it imports it.
"""
