from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from areasend.planning.pool import create_synthetic_pool


class Command(BaseCommand):
    help = "Create a synthetic but realistic inspector pool (replacing the previous synthetic pool)."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--size", type=int, default=60, help="number of inspectors (1 to 1000)")
        parser.add_argument("--seed", type=int, default=1, help="random seed (the same seed, the same pool)")

    def handle(self, *args: Any, **options: Any) -> None:
        if not 1 <= options["size"] <= 1000:
            raise CommandError(f"--size {options['size']} is not from 1 to 1000")
        pool = create_synthetic_pool(options["size"], options["seed"], timezone.localdate())
        roles: dict[str, int] = {}
        for inspector in pool:
            roles[inspector.get_role_display()] = roles.get(inspector.get_role_display(), 0) + 1
        self.stdout.write(f"Created a synthetic pool of {len(pool)} inspectors: "
                          + ", ".join(f"{n} {r}" for r, n in sorted(roles.items())))
