"""The national idea bank (Idébank): cases from every municipality, searched in Norwegian."""
