import os
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from areasend.accounts.demo import DEMO_PASSWORD
from areasend.demo import build_demo


def site_url() -> str:
    """Where the site is served: HOST and PORT as `make run` passes them to the server too."""
    return f"http://{os.environ.get('HOST') or '127.0.0.1'}:{os.environ.get('PORT') or '8000'}"


class Command(BaseCommand):
    help = ("Build the demo: one user per role and inspections at every stage (refused when DEBUG is off). "
            "Prints the log-ins.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            users = build_demo()
        except ImproperlyConfigured as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write("DEMO CREDENTIALS - for this local demo only, never for real use:")
        for spec in users:
            self.stdout.write(f"  {spec.username:<13} {DEMO_PASSWORD}   {spec.description}")
        self.stdout.write(f"Sign in at {site_url()}/accounts/login/")
        self.stdout.write("Demo records carry a 'Demo' tag and are left out of every statistic.")
