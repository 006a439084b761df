"""CLI commands: catalog (registered on l10n.cli._app.app)."""
