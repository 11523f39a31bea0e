from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from areasend.accounts.demo import DEMO_PASSWORD, demo_two_factor_links
from areasend.demo import build_demo


def site_url() -> str:
    """Where the site is served: AREASEND_BASE_URL, which `make run` sets from HOST and PORT."""
    return str(settings.AREASEND_BASE_URL).rstrip("/")


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
        self.stdout.write("Two-factor set-up links for staff (sign in first; each works once, for 7 days):")
        for username, url in demo_two_factor_links(site_url()):
            self.stdout.write(f"  {username:<13} {url}")
        self.stdout.write("Demo records carry a 'Demo' tag and are left out of every statistic.")
