"""Sign-in in a real Chromium: a Läsare at the upload page, and OIDC through a fake provider as two roles."""

import pytest
from playwright.sync_api import expect

from okdata import db
from okdata.auth import add_user, operator_actor
from okdata.domain import Role
from tests.browser_support import screenshot, sign_in, streamlit_server, wait_rendered
from tests.oidc_provider import oidc_provider

pytestmark = pytest.mark.browser


@pytest.fixture
def db_url(backend):
    return backend.fresh("sample")


def _main_text(page) -> str:
    return page.locator("[data-testid='stMain']").inner_text()


def _menu(page) -> list[str]:
    links = page.locator("[data-testid='stSidebar'] [data-testid='stPageLink']").all_inner_texts()
    return [t.strip().splitlines()[-1].strip() for t in links]  # the icon's ligature comes first


def test_a_reader_opening_the_upload_page_by_url_on_a_fresh_server_sees_no_form_and_no_data(db_url, page):
    with streamlit_server(db_url) as server:
        page.goto(f"{server}/Rapportera?myndighet=POL&ar=2025")
        wait_rendered(page)
        assert page.locator("input[type='file']").count() == 0
        assert page.get_by_role("heading", name="Logga in").count() == 1
        assert page.locator("[data-testid='stDataFrame']").count() == 0  # no data before sign-in
        sign_in(page, f"{server}/Rapportera?myndighet=POL&ar=2025", "demo-lasare")
        screenshot(page, "lasare-rapportera")
        assert "inte tillgänglig för rollen Läsare" in _main_text(page)
        assert page.locator("input[type='file']").count() == 0
        assert page.get_by_role("button", name="Hämta mall (.xlsx)").count() == 0
        assert "Rapportera" not in _menu(page)


def test_oidc_sign_in_as_two_roles_with_the_right_menus_and_sign_out(db_url, page, tmp_path):
    with db.session(db_url) as s:
        add_user(s, operator_actor(), "styrgrupp@lansstyrelsen.se", Role.READER, None, "Stina i styrgruppen")
        add_user(s, operator_actor(), "samordnare@lansstyrelsen.se", Role.COORDINATOR, None, "Sam Samordnare")
    db.get_engine(db_url).dispose()
    # okand: an identity without an account, whose e-mail claim looks like Markdown (the provider's, not ours)
    clients = {"styrgrupp": "styrgrupp@lansstyrelsen.se", "samordnare": "samordnare@lansstyrelsen.se",
               "okand": "**fet** [Klicka här](https://annan.example/)",
               # the Samordnare's address, which the provider says it has not verified (a user may have typed it)
               "obekraftad": {"email": "samordnare@lansstyrelsen.se", "email_verified": False, "sub": "id-4711"}}
    with oidc_provider(clients) as issuer:
        from tests.browser_support import free_port

        port = free_port()
        secrets = tmp_path / "secrets.toml"
        lines = ["[auth]", f'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"',
                 'cookie_secret = "test-cookie-secret-that-is-long-enough"']
        for name in clients:
            lines += [f"[auth.{name}]", f'client_id = "{name}"', 'client_secret = "hemligt"',
                      f'server_metadata_url = "{issuer}/.well-known/openid-configuration"']
        secrets.write_text("\n".join(lines) + "\n", encoding="utf-8")
        with streamlit_server(db_url, port=port, extra_args=[f"--secrets.files={secrets}"]) as server:
            for name, expected, absent in (("styrgrupp", "Stina i styrgruppen", "Granska"),
                                           ("samordnare", "Sam Samordnare", None)):
                page.goto(server)
                wait_rendered(page)
                screenshot(page, f"oidc-before-{name}")
                page.get_by_role("button", name=f"Logga in via {name}").click()
                expect(page.get_by_text("Inloggad som")).to_be_visible()
                wait_rendered(page)
                screenshot(page, f"oidc-{name}")
                sidebar = page.locator("[data-testid='stSidebar']").inner_text()
                assert expected in sidebar
                menu = _menu(page)
                if absent:
                    assert absent not in menu and "Rapportera" not in menu
                else:
                    assert {"Granska", "Rapportera", "Logg"} <= set(menu)
                page.get_by_role("button", name="Logga ut").click()
                expect(page.get_by_role("button", name=f"Logga in via {name}")).to_be_visible()
                wait_rendered(page)  # until the run is over, the signed-in sidebar may still be on the page
                assert "Inloggad som" not in page.locator("body").inner_text()
            # no account: told so, the name as it came, as text (it was Markdown: a live link, bold type)
            page.goto(server)
            wait_rendered(page)
            page.get_by_role("button", name="Logga in via okand").click()
            expect(page.get_by_text("**fet** [Klicka här](")).to_be_visible()  # a word joiner in the address
            assert page.locator("[data-testid='stMain'] a[href^='https://annan']").count() == 0
            assert page.locator("[data-testid='stMain'] strong", has_text="fet").count() == 0
            # an e-mail address the provider has not verified opens no account: the identity is its sub
            page.get_by_role("button", name="Logga ut").click()
            expect(page.get_by_role("button", name="Logga in via obekraftad")).to_be_visible()
            wait_rendered(page)
            page.get_by_role("button", name="Logga in via obekraftad").click()
            expect(page.get_by_text("id-4711")).to_be_visible()
            assert "Inloggad som" not in page.locator("body").inner_text()
