"""The web layer: the only part of okdata that imports Streamlit (page frame, data access, widgets, views)."""
