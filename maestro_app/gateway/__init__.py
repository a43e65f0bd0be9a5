"""The HTTP gateway (`maestro serve`): a JSON API and the web page, in front of the same submission path."""

from maestro_app.gateway.app import create_app

__all__ = ["create_app"]
