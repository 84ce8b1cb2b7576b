"""Photos stage: check record photos and turn them into light, private web images."""
