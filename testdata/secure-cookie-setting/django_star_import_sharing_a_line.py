INSTALLED_APPS = ["django.contrib.sessions"]
NOTE = """
local overrides below
"""; from .local import *
