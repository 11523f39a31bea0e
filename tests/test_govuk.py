"""The error summary lists a form's errors in the order the fields appear on the page."""

from django import forms

from areasend.govuk import form_errors


class Dates(forms.Form):
    start = forms.DateField(label="Start")
    end = forms.DateField(label="End")
    note = forms.CharField(label="Note", max_length=5)

    def clean(self) -> None:
        super().clean()
        # Added last, but it belongs to the first field: the summary must still list it first.
        self.add_error("start", "Start must be before end")
        raise forms.ValidationError("Check the dates")


def test_summary_follows_form_order_with_whole_form_errors_first() -> None:
    form = Dates(data={"start": "2026-12-01", "end": "", "note": "far too long"})
    assert not form.is_valid()
    errors = form_errors(form)
    assert [e["field"] for e in errors] == ["id_start", "id_start", "id_end", "id_note"]
    assert errors[0]["message"] == "Check the dates"
    assert errors[1]["message"] == "Start must be before end"
