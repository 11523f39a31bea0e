"""`areasend` console command and `python -m areasend`: Django management with our settings."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "areasend.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["areasend", *sys.argv[1:]])


if __name__ == "__main__":
    main()
