"""The server: the app (app.py and pages/) plus okdata's sign-in cookie routes. Start it with
`streamlit run serve.py` (bash run.sh app does); `streamlit run app.py` works too, with sign-in per browser tab."""

import streamlit as st

from okdata.routes import routes

app = st.App("app.py", routes=routes())
