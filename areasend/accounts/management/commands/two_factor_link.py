from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from areasend.accounts import enrolment
from areasend.accounts.models import User


class Command(BaseCommand):
    help = ("Issue a one-time link for a staff member to set up two-factor (an authenticator app and "
            "recovery codes). Earlier unused links for them stop working. Send it to them securely.")

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("username")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"No user '{options['username']}'")
        if not user.is_staff_role:
            raise CommandError(f"'{user.username}' is not a staff account; only staff use two-factor")
        self.stdout.write(enrolment.link_url(enrolment.issue_link(user)))
