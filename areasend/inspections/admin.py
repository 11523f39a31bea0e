"""The history in the admin (issue 9): administrators correct and complete past activities
(a revisit's progress, a monitoring finding, a missing link); live activities are changed only
through their workflow, so they are not here."""

from django.contrib import admin

from .models import Activity


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = ["inspected_name", "kind", "framework", "start_date", "publication_date", "outcome", "finding",
                    "source", "synthetic"]
    list_filter = ["framework", "kind", "source", "synthetic", "outcome"]
    search_fields = ["inspected_name", "inspected_code", "source_key"]
    date_hierarchy = "start_date"
    filter_horizontal = ["areas"]
    raw_id_fields = ["follows"]
    readonly_fields = ["source_key", "updated"]
