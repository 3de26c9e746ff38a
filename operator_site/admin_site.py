from django.contrib import admin

from operator_site.dashboard import dashboard_get


class OperatorAdminSite(admin.AdminSite):
    site_header = "Operator back office"
    site_title = "Operator back office"
    index_title = "Dashboard"
    site_url = None

    def index(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "dashboard": dashboard_get()}
        return super().index(request, extra_context)
