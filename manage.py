#!/usr/bin/env python
"""Django's manage.py; the `areasend` console command does the same."""

from areasend.__main__ import main

if __name__ == "__main__":
    main()
