from django.contrib import admin

from .models import (
    LegacyFollowUp,
    MeetingRecord,
    NationalTheme,
    PlanVersion,
    PriorityActionPlan,
    StrategicPlan,
)


class PlanVersionInline(admin.TabularInline):
    model = PlanVersion
    extra = 0
    fields = readonly_fields = ("number", "submitted_on", "review_body", "review", "reviewed_on")


@admin.register(PriorityActionPlan)
class PriorityActionPlanAdmin(admin.ModelAdmin):
    list_display = ["area", "local_name", "due_by", "publish_by", "synthetic"]
    list_filter = ["synthetic"]
    inlines = [PlanVersionInline]


@admin.register(StrategicPlan)
class StrategicPlanAdmin(admin.ModelAdmin):
    list_display = ["area", "published_on", "due_by", "url", "synthetic"]


@admin.register(MeetingRecord)
class MeetingRecordAdmin(admin.ModelAdmin):
    list_display = ["meeting", "held_on", "recorded_at"]


@admin.register(LegacyFollowUp)
class LegacyFollowUpAdmin(admin.ModelAdmin):
    list_display = ["area", "kind", "on", "source", "synthetic"]
    list_filter = ["kind", "synthetic"]
    search_fields = ["area__name", "source"]


@admin.register(NationalTheme)
class NationalThemeAdmin(admin.ModelAdmin):
    """Themes are set up here (title, question, year, guidance); visits and the report are made on
    the theme's page."""

    list_display = ["title", "year", "report_published_on", "synthetic"]
    readonly_fields = ["report_summary", "report_published_on"]
