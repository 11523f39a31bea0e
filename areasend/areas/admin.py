from django.contrib import admin

from .models import LocalAreaPartnership, Partner, PredecessorCode


class PartnerInline(admin.TabularInline):
    model = Partner
    extra = 0


@admin.register(LocalAreaPartnership)
class LocalAreaPartnershipAdmin(admin.ModelAdmin):
    list_display = ["name", "gss_code", "dfe_code", "area_type", "region_name"]
    list_filter = ["region_name", "area_type"]
    search_fields = ["name", "gss_code", "dfe_code"]
    inlines = [PartnerInline]


@admin.register(PredecessorCode)
class PredecessorCodeAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "ended"]
