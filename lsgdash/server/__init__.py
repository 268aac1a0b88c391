"""HTTP routes and response headers beside the Dash app."""
