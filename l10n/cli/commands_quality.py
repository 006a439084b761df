"""CLI commands: quality (registered on l10n.cli._app.app)."""
