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
