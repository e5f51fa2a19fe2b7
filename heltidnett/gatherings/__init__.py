"""Gatherings (samlinger): agendas, methods, attendance and the network timeline."""
