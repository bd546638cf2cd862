# Tab-indented file: the new secure line of an exploded call is indented with the same tabs.
from django.http import HttpResponse


def login(request):
	response = HttpResponse("ok")
	response.set_cookie(
		"sessionid",
		"abc",
	)
	response.set_cookie(
		"csrftoken",
		"xyz"
	)
	return response
