from django.contrib import admin

from .models import ConflictOfInterest


@admin.register(ConflictOfInterest)
class ConflictOfInterestAdmin(admin.ModelAdmin):
    list_display = ["inspector", "area", "reason", "declared_on", "ends"]
