from django.urls import path

from webhooks.betstack.views import pam_view

urlpatterns = [path("pam", pam_view, name="betstack-pam")]
