"""Drills on the real stack, loopback only, each printing its figures (`make drills`)."""
