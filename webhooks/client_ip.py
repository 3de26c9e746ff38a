"""Who is calling: the client address, and per-provider allow-lists (CIDR)."""

import ipaddress

from django.conf import settings

from webhooks.exceptions import IpNotAllowedError


def _networks(values) -> list:
    return [
        ipaddress.ip_network(value.strip(), strict=False)
        for value in values
        if value.strip()
    ]


def _within(address, networks) -> bool:
    return any(address in network for network in networks)


def client_ip(request):
    """The caller's address: REMOTE_ADDR, unless that is a trusted proxy, then
    the right-most X-Forwarded-For entry that is not one of ours."""
    try:
        address = ipaddress.ip_address(request.META.get("REMOTE_ADDR", ""))
    except ValueError:
        return None
    proxies = _networks(settings.TRUSTED_PROXIES)
    if not _within(address, proxies):
        return address
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    for entry in reversed([part.strip() for part in forwarded.split(",")]):
        try:
            hop = ipaddress.ip_address(entry)
        except ValueError:
            return None
        if not _within(hop, proxies):
            return hop
    return address


def ip_allow(request, allowed: list[str]) -> None:
    """Refuse a caller outside ``allowed``; an empty list allows everyone."""
    networks = _networks(allowed)
    if not networks:
        return
    address = client_ip(request)
    if address is None or not _within(address, networks):
        raise IpNotAllowedError(f"address {address} is not allowed")
