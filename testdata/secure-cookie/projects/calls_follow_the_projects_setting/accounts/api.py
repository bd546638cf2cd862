from django.http import JsonResponse


def token(request):
    response = JsonResponse({})
    # `settings` is not imported here: the fix cannot name it.
    response.set_cookie("token", "t")
    return response
