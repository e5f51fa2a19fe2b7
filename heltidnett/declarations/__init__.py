"""Full-time declarations (heltidserklæringer) from draft to political adoption."""
