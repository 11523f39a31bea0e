from django import forms
from django.contrib.auth.forms import AuthenticationForm


class SignInForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "Enter a correct username and password. Both are case-sensitive.",
        "inactive": "This account is inactive.",
    }


class TokenForm(forms.Form):
    token = forms.CharField(
        label="Security code", max_length=6, min_length=6,
        help_text="The 6-digit code from your authenticator app",
        error_messages={"required": "Enter the 6-digit security code",
                        "min_length": "The security code must be 6 digits"},
    )

    def clean_token(self) -> str:
        token = self.cleaned_data["token"].strip()
        if not token.isdigit():
            raise forms.ValidationError("The security code must be 6 digits")
        return token
