"""The document: the template context, the Word rendering and the HTML preview."""
