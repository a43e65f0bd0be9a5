"""The JavaScript game runtime: engine and genre modules copied into every build (see README.md)."""
