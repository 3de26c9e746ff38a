import factory

from wallet.models import Player


class PlayerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Player
        django_get_or_create = ("user_id",)

    user_id = factory.Sequence(lambda n: f"player-{n}")
    display_name = factory.Faker("name")
    status = Player.Status.ACTIVE
