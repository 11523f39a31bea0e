"""The datareturns fixtures: a notified inspection of area A with a case list and tracking cases."""

from tests.datareturns.conftest import agreed_case, case_list, cases, inspection, media  # noqa: F401
