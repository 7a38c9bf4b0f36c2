"""Thin views, one module per feature: public list, staff directory, review, import/export."""
