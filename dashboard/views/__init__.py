"""Charts as registered views. `dashboard.views.catalogue` registers every family of charts (import the
registry API from there); `registry` holds the registry and render_view; one module per family of charts."""
