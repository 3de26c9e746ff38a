from django.contrib import admin
from django.urls import include, path

from operator_site.health import healthz, readyz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
    path("webhooks/hypetech/", include("webhooks.hypetech.urls")),
    path("webhooks/betstack/", include("webhooks.betstack.urls")),
    path("api/", include("operator_site.api_urls")),
    path("admin/", admin.site.urls),
]
