"""Views per area of the app: how its tables and lists are shown."""
