from django.contrib.admin.apps import AdminConfig


class OperatorAdminConfig(AdminConfig):
    default_site = "operator_site.admin_site.OperatorAdminSite"
