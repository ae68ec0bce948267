"""Local sign-in in a real Chromium (issue 14, item 5): a reload and a new tab stay signed in through an HttpOnly,
SameSite cookie; Logga ut, a role change and a disabled account end it."""


import pytest
from playwright.sync_api import expect

from okdata import db
from okdata.auth import operator_actor, set_user
from okdata.domain import Role
from tests.browser_support import screenshot, sign_in, streamlit_server, wait_for_session_cookie, wait_rendered

pytestmark = pytest.mark.browser


def _signed_in(page) -> bool:
    sidebar = page.locator("[data-testid='stSidebar']")
    return sidebar.count() == 1 and "Inloggad som" in sidebar.inner_text()


def _asks_for_password(page) -> bool:
    return page.get_by_label("Lösenord").count() == 1 and not _signed_in(page)


def _open(page, url: str) -> None:
    page.goto(url)
    wait_rendered(page)


def test_a_local_sign_in_survives_a_reload_and_a_new_tab_and_ends_at_sign_out_role_change_and_disabling(backend,
                                                                                                         browser):
    """Test that the cookie keeps a local sign-in across a reload and a copied link in a new tab, that it is
    HttpOnly and SameSite, and that Logga ut, a new role and a disabled account each end it everywhere."""
    url = backend.fresh("sample")
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="sv-SE")
    try:
        with streamlit_server(url) as server:
            link = f"{server}/Granska"
            first = context.new_page()
            sign_in(first, link, "demo-samordnare")
            cookie = wait_for_session_cookie(first)
            assert cookie["httpOnly"] and cookie["sameSite"] == "Strict" and cookie["expires"] > 0
            assert "okdata_session" not in first.evaluate("document.cookie")  # no script can read it

            first.reload()
            wait_rendered(first)
            assert _signed_in(first) and first.get_by_role("heading", name="Granska").count() == 1
            second = context.new_page()  # a copied link in a new tab
            _open(second, f"{server}/Mal?mal=2&ar=2024")
            screenshot(second, "inloggad-ny-flik")
            assert _signed_in(second) and "mal=2" in second.url

            second.get_by_role("button", name="Logga ut").click()  # Logga ut in one tab ends it in both
            expect(second.get_by_label("Lösenord")).to_be_visible()
            wait_rendered(second)
            assert _asks_for_password(second)
            wait_for_session_cookie(second, present=False)
            _open(first, link)
            assert _asks_for_password(first)

            sign_in(first, link, "demo-samordnare")  # a role change ends it
            wait_for_session_cookie(first)
            _open(second, link)
            assert _signed_in(second)
            with db.session(url) as s:
                set_user(s, operator_actor(), "demo-samordnare", role=Role.READER)
            _open(second, link)
            assert _asks_for_password(second)

            sign_in(first, f"{server}/Mal", "demo-samordnare")  # now a Läsare; disabling the account ends it
            wait_for_session_cookie(first)
            _open(second, f"{server}/Mal")
            assert _signed_in(second)
            with db.session(url) as s:
                set_user(s, operator_actor(), "demo-samordnare", is_active=False)
            first.reload()
            wait_rendered(first)
            screenshot(first, "utloggad-avstangt-konto")
            assert _asks_for_password(first)
    finally:
        context.close()
        db.get_engine(url).dispose()


def test_the_cookie_route_refuses_another_site_and_an_unknown_code(backend, browser):
    """Test that the route setting the cookie answers only the app's own page, and only a code it gave out."""
    import json
    import urllib.error
    import urllib.request

    url = backend.fresh("sample")
    context = browser.new_context()
    try:
        with streamlit_server(url) as server:
            page = context.new_page()
            sign_in(page, server, "demo-lasare")
            wait_for_session_cookie(page)

            def post(headers: dict, code: str = "x") -> int:
                body = json.dumps({"code": code}).encode()
                request = urllib.request.Request(f"{server}/okdata/inloggning", data=body, method="POST",
                                                 headers={"Content-Type": "application/json", **headers})
                try:
                    return urllib.request.urlopen(request, timeout=10).status
                except urllib.error.HTTPError as e:
                    return e.code

            assert post({"Sec-Fetch-Site": "cross-site", "Origin": "https://annan.example"}) == 403
            assert post({"Origin": "https://annan.example"}) == 403
            assert post({"Sec-Fetch-Site": "same-origin"}, code="gissad-kod") == 403
    finally:
        context.close()
        db.get_engine(url).dispose()


def test_the_cookie_route_refuses_a_body_larger_than_a_code_without_reading_it_and_odd_json_without_a_traceback(
        backend):
    """The route read any body whole and parsed it on the server's event loop: 500 MB from anyone (the headers a
    page sends are easy to forge) took the server to 1,7 GB and every page waited; 4 such bodies, 5,7 GB. A body
    longer than a sign-in code needs is refused (413) from its stated length before it is sent, or once a body
    without one passes the limit; deeply nested JSON is refused (400, it was a RecursionError in the log), and
    so is a content type that only starts like JSON."""
    import http.client
    import urllib.parse
    import urllib.request

    from okdata.routes import MAX_BODY_BYTES

    url = backend.fresh("sample")
    with streamlit_server(url) as server:
        where = urllib.parse.urlsplit(server)
        headers = {"Sec-Fetch-Site": "same-origin", "Content-Type": "application/json"}

        def post(body: bytes, extra: dict | None = None, stated: int | None = None, chunked: bool = False):
            connection = http.client.HTTPConnection(where.hostname, where.port, timeout=20)
            connection.putrequest("POST", "/okdata/inloggning")
            for k, v in {**headers, **(extra or {})}.items():
                connection.putheader(k, v)
            if chunked:
                connection.putheader("Transfer-Encoding", "chunked")
            else:
                connection.putheader("Content-Length", str(len(body) if stated is None else stated))
            connection.endheaders()
            try:
                if chunked:
                    for i in range(0, len(body), 65536):
                        part = body[i:i + 65536]
                        connection.send(f"{len(part):x}\r\n".encode() + part + b"\r\n")
                    connection.send(b"0\r\n\r\n")
                else:
                    connection.send(body)
            except OSError:  # the server answered and closed before the whole body was sent
                pass
            status = connection.getresponse().status
            connection.close()
            return status

        # 200 MB stated, 1 kB sent: the answer comes without waiting for the rest (it would time out)
        assert post(b'{"code": "' + b"a" * 1000, stated=200 * 1024 * 1024) == 413
        assert post(b'{"code": "' + b"a" * (2 * MAX_BODY_BYTES) + b'"}', chunked=True) == 413
        assert post(b"[" * (MAX_BODY_BYTES - 10)) == 400
        assert post(b'{"code": "x"}', extra={"Content-Type": "application/json-x"}) == 403
        assert post(b'{"code": "x"}') == 403  # a well-formed body with an unknown code, as before
        assert urllib.request.urlopen(f"{server}/_stcore/health", timeout=10).read() == b"ok"
    db.get_engine(url).dispose()
