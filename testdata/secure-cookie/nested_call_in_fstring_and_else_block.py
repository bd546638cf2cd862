# Calls in f-string fields, in one-line `else:` blocks and in a method's body are found.
from flask import Flask, make_response

app = Flask(__name__)


class Views:
    def index(self, remember):
        response = make_response("ok")
        if remember:
            response.set_cookie("remember", "1", secure=True)
        else: response.set_cookie("remember", "0")
        log = f"{response.set_cookie(f'{self!r:>{8}}', 'v')} {{response.set_cookie('x')}}"
        return response, log
