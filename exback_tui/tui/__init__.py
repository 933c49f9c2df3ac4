"""The full-screen Textual app. Imported only when ``exback`` runs without a command."""
