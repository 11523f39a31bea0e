from django import forms
from django.contrib.auth.forms import AuthenticationForm


class SignInForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "Enter a correct username and password. Both are case-sensitive.",
        "inactive": "This account is inactive.",
    }


class TokenForm(forms.Form):
    """A 6-digit code from the authenticator app, or an 8-character recovery code."""

    token = forms.CharField(
        label="Security code", max_length=20,
        help_text="The 6-digit code from your authenticator app, or one of your recovery codes",
        error_messages={"required": "Enter the 6-digit security code"},
    )

    def clean_token(self) -> str:
        token = "".join(self.cleaned_data["token"].split()).lower()
        if (token.isdigit() and len(token) == 6) or (token.isalnum() and token.isascii() and len(token) == 8):
            return token
        raise forms.ValidationError("The security code must be 6 digits, or a recovery code of 8 letters and digits")


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label="What the token is for", max_length=100,
        help_text="For example, the name of the script or system that will use it",
        error_messages={"required": "Enter what the token is for",
                        "max_length": "What the token is for must be 100 characters or fewer"},
    )
    days = forms.TypedChoiceField(
        label="How long it works", coerce=int, initial=90,
        choices=[(30, "30 days"), (90, "90 days"), (180, "180 days")],
        error_messages={"required": "Choose how long the token works",
                        "invalid_choice": "Choose 30, 90 or 180 days"},
    )
