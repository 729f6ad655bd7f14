"""The web application for clerks: pages (start page, plan editor) and the
JSON API, both thin deliveries over the plan model, the template context and
the renderer. ``docgen.app.create_app`` puts them together."""
