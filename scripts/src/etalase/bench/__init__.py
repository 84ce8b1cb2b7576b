"""The whole-build benchmark and the synthetic catalogues it builds."""
