from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

from webhooks.hypetech.apis import HypetechSessionCreateApi

urlpatterns = [
    path(
        "players/<str:user_id>/hypetech/sessions",
        HypetechSessionCreateApi.as_view(),
        name="api-hypetech-session-create",
    ),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path(
        "docs/", SpectacularSwaggerView.as_view(url_name="api-schema"), name="api-docs"
    ),
]
