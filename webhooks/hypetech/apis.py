"""Operator-facing API: launch a Hypetech game for a player."""

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers, status
from rest_framework.parsers import JSONParser
from rest_framework.response import Response
from rest_framework.views import APIView

from operator_site.api_auth import IsStaffOrApiKey
from webhooks.hypetech.launch import session_launch


class HypetechSessionCreateApi(APIView):
    permission_classes = [IsStaffOrApiKey]
    parser_classes = [JSONParser]

    class InputSerializer(serializers.Serializer):
        game = serializers.RegexField(
            r"^[A-Za-z0-9_.-]{1,64}$", help_text="game slug, e.g. aviador"
        )
        lang = serializers.RegexField(
            r"^([a-z]{2}(-[A-Za-z]{2})?)?$",
            required=False,
            allow_blank=True,
            help_text="UI language, e.g. pt or pt-BR",
        )
        currency = serializers.RegexField(
            r"^[A-Z]{3}$",
            required=False,
            help_text="wallet to play with (default: the player's first)",
        )

    class OutputSerializer(serializers.Serializer):
        game_url = serializers.URLField()

    @extend_schema(
        operation_id="hypetech_session_create",
        summary="Open a Hypetech game session for a player",
        request=InputSerializer,
        responses={
            201: OutputSerializer,
            400: OpenApiResponse(description="invalid input"),
            401: OpenApiResponse(description="no or unknown API key"),
            403: OpenApiResponse(description="player blocked or self-excluded"),
            404: OpenApiResponse(description="unknown player"),
            502: OpenApiResponse(description="Hypetech refused or answered oddly"),
            503: OpenApiResponse(description="Hypetech unreachable; retry"),
        },
    )
    def post(self, request, user_id: str):
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        game_url = session_launch(
            user_id=user_id, requested_by=request.user.username, **data.validated_data
        )
        return Response(
            self.OutputSerializer({"game_url": game_url}).data,
            status=status.HTTP_201_CREATED,
        )
