"""The baseline: a bare Flask endpoint returning "hello", served the same way as the portal."""
from flask import Flask

app = Flask(__name__)


@app.route("/")
def hello():
    return "hello"
