"""CLI commands: segment (registered on l10n.cli._app.app)."""
