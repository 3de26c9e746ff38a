from django.urls import path

from webhooks.betstack.views import notifications_view, pam_view

urlpatterns = [
    path("pam", pam_view, name="betstack-pam"),
    path("notifications", notifications_view, name="betstack-notifications"),
]
