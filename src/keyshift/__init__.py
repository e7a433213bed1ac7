"""keyshift: a config-key deprecation linter."""

__version__ = "0.1.0"
