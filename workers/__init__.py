"""The Celery side of Maestro: the app, task adapters per queue, signals and metrics.

`celery -A workers worker -Q maestro.<stage>` finds the app here. Everything in this package
adapts `maestro` (the domain) to Celery; nothing in `maestro` imports it.
"""

from workers.app import app

__all__ = ["app"]
