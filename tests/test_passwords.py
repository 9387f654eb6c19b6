"""The password policy and hashing."""
import pytest
from argon2 import PasswordHasher

from portal.security import check_password, hash_password, password_problem


@pytest.mark.parametrize("password", [
    "كلمة سر طويلة جداً",          # Arabic, 18 characters
    "🌿🌿🌿🕊️🕊️🕊️شجرة زيتون",     # emoji count as characters
    "correct horse battery staple",
])
def test_long_passwords_in_any_script_are_accepted(app, password):
    assert password_problem(password) is None


@pytest.mark.parametrize("password", ["short", "كلمة سر", "🌿🌿🌿🌿🌿🌿"])
def test_short_passwords_are_refused(app, password):
    with app.test_request_context("/?lang=en"):
        assert "12" in str(password_problem(password))


@pytest.mark.parametrize("password", ["123456789012", "qwertyuiopas", "passwordpassword", "aaaaaaaaaaaaaa"])
def test_common_or_trivial_passwords_are_refused(app, password):
    assert password_problem(password) is not None


def test_password_containing_the_email_is_refused(app):
    assert password_problem("salma.haddad-2026!", email="salma.haddad@example.org") is not None


def test_hash_is_argon2id_and_verifies(app):
    digest = hash_password("correct horse battery staple")
    assert digest.startswith("$argon2id$")
    assert check_password(digest, "correct horse battery staple")
    assert not check_password(digest, "correct horse battery stapler")
    assert not check_password("not a hash", "anything")


def test_production_cost_is_the_recommended_one(app):
    from portal.config import DEFAULTS

    hasher = PasswordHasher(time_cost=DEFAULTS["ARGON2_TIME_COST"],
                            memory_cost=DEFAULTS["ARGON2_MEMORY_COST"],
                            parallelism=DEFAULTS["ARGON2_PARALLELISM"])
    # RFC 9106's second recommended option: 64 MiB, 3 passes.
    assert hasher.memory_cost >= 65536 and hasher.time_cost >= 3
