"""Every change to the press directory happens in these modules (one per feature)."""
