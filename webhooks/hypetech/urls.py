from django.urls import path

from webhooks.hypetech.views import HypetechCallbackApi

urlpatterns = [
    path("bet", HypetechCallbackApi.as_view(operation="bet"), name="hypetech-bet"),
    path("register", HypetechCallbackApi.as_view(operation="bet")),
    path("win", HypetechCallbackApi.as_view(operation="win"), name="hypetech-win"),
    path("rewards", HypetechCallbackApi.as_view(operation="win")),
    path("loses", HypetechCallbackApi.as_view(operation="loss"), name="hypetech-loss"),
    path(
        "rollback",
        HypetechCallbackApi.as_view(operation="rollback"),
        name="hypetech-rollback",
    ),
    path(
        "balance",
        HypetechCallbackApi.as_view(operation="balance"),
        name="hypetech-balance",
    ),
]
