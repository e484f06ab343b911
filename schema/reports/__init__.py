"""Reports: the yearly giving reports and evaluation."""
