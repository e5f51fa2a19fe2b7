"""Networks, the municipalities taking part, members and the network timeline."""
