"""CLI commands: models (registered on l10n.cli._app.app)."""
