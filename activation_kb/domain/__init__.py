"""Facts of the domain: Windows error codes, their facilities and names."""
