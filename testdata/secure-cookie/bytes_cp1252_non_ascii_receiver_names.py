#!/usr/bin/env python
# vim: set fileencoding=cp1252 :
# cp1252 letters in names: a receiver whose name ends in "client" is still a test client.
from django.http import HttpResponse


def vue(šession_client):
    réponse = HttpResponse("“ok”")
    réponse.set_cookie("cœur", "1")
    šession_client.set_cookie("cœur", "1")
    return réponse
