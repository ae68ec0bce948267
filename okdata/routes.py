"""Two HTTP routes beside Streamlit's own, served by serve.py (st.App): they set and clear the sign-in cookie.

A Streamlit script cannot set a cookie (it talks to the browser over a websocket), and a cookie that JavaScript
sets cannot be HttpOnly. So after a local sign-in the page posts a one-time code here, and this response sets
the cookie: HttpOnly, SameSite=Strict, Secure over HTTPS, for the rest of the working day. The cookie holds a
random token; the database holds only its hash (okdata/signin.py). Started as `streamlit run app.py` instead,
there are no routes: sign-in then lasts as long as the browser tab (`MOUNTED` stays False).
"""

import json

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from okdata import db
from okdata.signin import COOKIE_NAME, redeem_handoff

SIGN_IN_PATH = "/okdata/inloggning"
SIGN_OUT_PATH = "/okdata/utloggning"
MOUNTED = False  # set by routes(): whether this process serves them (the page only posts when it does)


def routes() -> list[Route]:
    """The sign-in cookie routes, for st.App(routes=…)."""
    global MOUNTED
    MOUNTED = True
    return [Route(SIGN_IN_PATH, _set_cookie, methods=["POST"]), Route(SIGN_OUT_PATH, _clear_cookie, methods=["POST"])]


def _same_origin(request: Request) -> bool:
    """A request from the app's own page: the browser says so (Sec-Fetch-Site), or the Origin is this host.
    Refuses another site's form that would plant its own session in a colleague's browser (login CSRF)."""
    site = request.headers.get("sec-fetch-site")
    if site is not None:
        return site == "same-origin"
    origin, host = request.headers.get("origin"), request.headers.get("host")
    return bool(origin and host) and origin.split("://", 1)[-1] == host


# A sign-in code's body is some 60 bytes. Anyone can send this route a body (the headers a page sends are easy to
# forge), so it reads no more than this: a body stated or found to be longer is refused before it is read whole.
MAX_BODY_BYTES = 4096


async def _small_body(request: Request) -> bytes | None:
    """The request's body, or None when it is (or says it is) longer than MAX_BODY_BYTES."""
    stated = request.headers.get("content-length")
    if stated is not None and (not stated.isdigit() or int(stated) > MAX_BODY_BYTES):
        return None
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY_BYTES:
            return None
    return bytes(body)


def _media_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";", 1)[0].strip().lower()


async def _set_cookie(request: Request) -> Response:
    if not _same_origin(request) or _media_type(request) != "application/json":
        return _no_store(Response(status_code=403))
    body = await _small_body(request)
    if body is None:
        return _no_store(Response(status_code=413))
    try:
        code = str(json.loads(body).get("code", ""))
    except (ValueError, AttributeError, RecursionError):  # not JSON, not an object, nested beyond the parser
        return _no_store(Response(status_code=400))
    client = request.client.host if request.client else None
    found = await run_in_threadpool(_redeem, code, client)
    if found is None:
        return _no_store(Response(status_code=403))
    token, seconds = found
    response = Response(status_code=204)
    response.set_cookie(COOKIE_NAME, token, max_age=seconds, path="/", httponly=True, samesite="strict",
                        secure=request.url.scheme == "https")
    return _no_store(response)


async def _clear_cookie(request: Request) -> Response:
    if not _same_origin(request):
        return _no_store(Response(status_code=403))
    response = Response(status_code=204)
    response.delete_cookie(COOKIE_NAME, path="/", httponly=True, samesite="strict",
                           secure=request.url.scheme == "https")
    return _no_store(response)


def _redeem(code: str, client: str | None) -> tuple[str, int] | None:
    try:
        with db.session(db.database_url()) as s:
            return redeem_handoff(s, code, client)
    except db.Busy:
        return None


def _no_store(response: Response) -> Response:
    response.headers["Cache-Control"] = "no-store"
    return response
