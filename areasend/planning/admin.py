from django.contrib import admin

from .models import ConflictOfInterest, Inspector, Leave, Training


@admin.register(ConflictOfInterest)
class ConflictOfInterestAdmin(admin.ModelAdmin):
    list_display = ["inspector", "area", "reason", "declared_on", "ends"]


class TrainingInline(admin.TabularInline):
    model = Training
    extra = 0


class LeaveInline(admin.TabularInline):
    model = Leave
    extra = 0


@admin.register(Inspector)
class InspectorAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "role", "remit", "home_region_name", "national_pool", "active"]
    list_filter = ["organisation", "role", "remit", "home_region_name", "national_pool", "active", "synthetic"]
    inlines = [TrainingInline, LeaveInline]
